import { type Address, type Hex, hexToNumber, isHex, numberToHex } from 'viem'
import type { Fees } from '../../fees/presets'
import type { Eip1193Request } from '../../protect/detect'
import type { Call } from './prepare'

/**
 * The only place Hush asks a wallet to send anything (`eth_sendTransaction`, `wallet_sendCalls`); only the
 * pipeline (`pipeline.ts`, `batchPipeline.ts`) calls these. test/unit/core/tx/send/callSites.test.ts enforces it.
 */
export type TxRequest = Call & Fees & { from: Address; gas: bigint; nonce: number; chainId: number }

export class WrongWalletChainError extends Error {
  override name = 'WrongWalletChainError'
  constructor(
    readonly expected: number,
    readonly actual: number | undefined,
  ) {
    super(
      actual === undefined
        ? `Your wallet did not say which chain it is on; Hush needs chain ${expected}. Nothing was sent.`
        : `Your wallet is on chain ${actual}, but this transaction is for chain ${expected}. Switch your wallet to chain ${expected} and try again. Nothing was sent.`,
    )
  }
}

/** The chain the wallet is on right now, asked through its provider (not wagmi's remembered state). */
export async function walletChainId(wallet: Eip1193Request): Promise<number | undefined> {
  const answer = await wallet({ method: 'eth_chainId' })
  if (typeof answer === 'string' && isHex(answer)) return hexToNumber(answer)
  if (typeof answer === 'number' && Number.isSafeInteger(answer)) return answer
  return undefined
}

export async function assertWalletChain(wallet: Eip1193Request, chainId: number): Promise<void> {
  const actual = await walletChainId(wallet)
  if (actual !== chainId) throw new WrongWalletChainError(chainId, actual)
}

/** eth_sendTransaction with every field explicit, the chain id included (wallets refuse a mismatch). */
export async function requestTransaction(wallet: Eip1193Request, tx: TxRequest): Promise<Hex> {
  const hash = await wallet({
    method: 'eth_sendTransaction',
    params: [
      {
        from: tx.from,
        to: tx.to,
        value: numberToHex(tx.value),
        ...(tx.data ? { data: tx.data } : {}),
        gas: numberToHex(tx.gas),
        maxFeePerGas: numberToHex(tx.maxFeePerGas),
        maxPriorityFeePerGas: numberToHex(tx.maxPriorityFeePerGas),
        nonce: numberToHex(tx.nonce),
        chainId: numberToHex(tx.chainId),
        type: '0x2',
      },
    ],
  })
  if (typeof hash !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(hash))
    throw new Error('The wallet answered without a transaction hash.')
  return hash as Hex
}

/** EIP-5792 v2 wallet_sendCalls with atomicity required: the wallet runs every call or none. */
export async function requestAtomicCalls(
  wallet: Eip1193Request,
  params: { from: Address; chainId: number; calls: readonly Call[] },
): Promise<string> {
  const answer = (await wallet({
    method: 'wallet_sendCalls',
    params: [
      {
        version: '2.0.0',
        from: params.from,
        chainId: numberToHex(params.chainId),
        atomicRequired: true,
        calls: params.calls.map((c) => ({
          to: c.to,
          value: numberToHex(c.value),
          ...(c.data ? { data: c.data } : {}),
        })),
      },
    ],
  })) as { id?: unknown } | string | null
  const id = typeof answer === 'string' ? answer : answer?.id
  if (typeof id !== 'string' || id.length === 0 || id.length > 200)
    throw new Error('The wallet answered wallet_sendCalls without a batch id.')
  return id
}

export type CallsStatus = {
  /** EIP-5792 v2: 100 pending, 200 confirmed, 400 failed off chain, 500 reverted, 600 partly reverted. */
  statusCode: number | undefined
  hashes: Hex[]
}

/** wallet_getCallsStatus, read leniently: v1 wallets answer `status: 'CONFIRMED'` instead of a code. */
export async function requestCallsStatus(wallet: Eip1193Request, id: string): Promise<CallsStatus> {
  const answer = (await wallet({ method: 'wallet_getCallsStatus', params: [id] })) as {
    status?: unknown
    receipts?: { transactionHash?: unknown }[]
  } | null
  const raw = answer?.status
  const statusCode =
    typeof raw === 'number' ? raw : raw === 'CONFIRMED' ? 200 : raw === 'PENDING' ? 100 : undefined
  const hashes = (answer?.receipts ?? [])
    .map((r) => r?.transactionHash)
    .filter((h): h is Hex => typeof h === 'string' && /^0x[0-9a-fA-F]{64}$/.test(h))
  return { statusCode, hashes: [...new Set(hashes)] }
}
