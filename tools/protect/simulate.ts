import { decodeErrorResult, type Hex } from 'viem'
import type { SimErrorName } from './behaviour'
import type { Upstream } from './upstream'

export type Candidate = {
  from: Hex
  to: Hex | null
  nonce: number
  value: bigint
  gas: bigint
  data: Hex | undefined
  chainId: number | undefined
  maxFeePerGas: bigint
  maxPriorityFeePerGas: bigint
  canRevert: boolean
  /** Not to be included this block (a stand-in mode): it keeps its nonce from later ones. */
  held?: boolean
  /** A stand-in mode's simError, reported instead of the simulation's. */
  forced?: SimErrorName
}

export type Verdict = { simError: SimErrorName | ''; revertReason: string }

/**
 * What Protect's simulation would say about one sender's pending transactions this block, in nonce order
 * (same nonce: higher tip first). A transaction is includable when its verdict is empty; later nonces assume
 * the earlier includable ones went in.
 */
export async function simulateSender(
  upstream: Upstream,
  chainId: number,
  baseFee: bigint,
  list: Candidate[],
): Promise<Map<Candidate, Verdict>> {
  const verdicts = new Map<Candidate, Verdict>()
  const from = list[0]?.from
  if (!from) return verdicts
  let nonce = Number(await upstream.call<Hex>('eth_getTransactionCount', [from, 'latest']))
  let balance = BigInt(await upstream.call<Hex>('eth_getBalance', [from, 'latest']))
  const ordered = [...list].sort(
    (a, b) => a.nonce - b.nonce || Number(b.maxPriorityFeePerGas - a.maxPriorityFeePerGas),
  )
  for (const tx of ordered) {
    if (tx.held || tx.forced) {
      verdicts.set(tx, { simError: tx.forced ?? '', revertReason: '' })
      continue
    }
    const cost = tx.value + tx.gas * tx.maxFeePerGas
    let simError: SimErrorName | '' =
      tx.chainId !== undefined && tx.chainId !== chainId
        ? 'InvalidChainId'
        : tx.nonce < nonce
          ? 'NonceTooLow'
          : tx.nonce > nonce
            ? 'NonceTooHigh'
            : tx.maxFeePerGas < baseFee
              ? 'MaxFeePerGasTooLow'
              : cost > balance
                ? 'InsufficientFunds'
                : ''
    let revertReason = ''
    if (!simError) {
      const executed = await execute(upstream, tx)
      if (executed.outOfGas) simError = 'OutOfGas'
      else if (executed.reverted && !tx.canRevert) simError = 'ExecutionReverted'
      revertReason = executed.reason
    }
    verdicts.set(tx, { simError, revertReason })
    if (simError) continue
    nonce += 1
    balance -= cost
  }
  return verdicts
}

/** eth_call of the exact transaction with its own gas limit at the latest block. */
async function execute(
  upstream: Upstream,
  tx: Candidate,
): Promise<{ reverted: boolean; outOfGas: boolean; reason: string }> {
  const answer = await upstream.raw({
    jsonrpc: '2.0',
    id: 1,
    method: 'eth_call',
    params: [
      {
        from: tx.from,
        ...(tx.to ? { to: tx.to } : {}),
        value: `0x${tx.value.toString(16)}`,
        gas: `0x${tx.gas.toString(16)}`,
        ...(tx.data ? { data: tx.data } : {}),
      },
      'latest',
    ],
  })
  if (!answer.error) return { reverted: false, outOfGas: false, reason: '' }
  const message = answer.error.message ?? ''
  if (/out ?of ?gas|OOG/i.test(message)) return { reverted: true, outOfGas: true, reason: '' }
  return { reverted: true, outOfGas: false, reason: revertReason(answer.error.data, message) }
}

function revertReason(data: unknown, message: string): string {
  if (typeof data === 'string' && data.startsWith('0x') && data.length > 10) {
    try {
      const decoded = decodeErrorResult({ data: data as Hex })
      const first = decoded.args?.[0]
      if (typeof first === 'string') return first
    } catch {
      // a custom error: fall through to the node's message
    }
  }
  return message.replace(/^execution reverted:?\s*/i, '')
}
