import { type Address, BaseError, type Client, decodeErrorResult, type Hex } from 'viem'
import { estimateGas, call as ethCall, simulateCalls } from 'viem/actions'
import { revertReasonOf } from '../errors/classify'
import { isRevert, isUnsupportedMethod } from '../errors/predicates'
import type { BatchCall } from './validate'

export type SimulationResult =
  | { ok: true; gas: bigint[]; method: 'simulate' | 'per-call' }
  | { ok: false; failedIndex: number; reason: string; method: 'simulate' | 'per-call' }

const errorStringAbi = [
  { type: 'error', name: 'Error', inputs: [{ name: 'message', type: 'string' }] },
  { type: 'error', name: 'Panic', inputs: [{ name: 'code', type: 'uint256' }] },
] as const

/**
 * Simulates the whole batch in order from the account (eth_simulateV1: each call sees the state the earlier
 * ones left). Nodes without eth_simulateV1 get per-call eth_call + estimate instead, which cannot see earlier
 * calls' effects; the result says which method ran.
 */
export async function simulateBatch(
  client: Client,
  account: Address,
  calls: readonly BatchCall[],
): Promise<SimulationResult> {
  let simulated:
    | { results: readonly { status: string; error?: Error; data: Hex; gasUsed: bigint }[] }
    | undefined
  try {
    simulated = await simulateCalls(client, {
      account,
      calls: calls.map((c) => ({ to: c.to, value: c.value, data: c.data })),
    })
  } catch (error) {
    if (!isUnsupportedMethod(error)) throw error
  }
  if (simulated) {
    const gas: bigint[] = []
    for (const [i, r] of simulated.results.entries()) {
      if (r.status !== 'success')
        return { ok: false, failedIndex: i, reason: revertReason(r.error, r.data), method: 'simulate' }
      gas.push(r.gasUsed)
    }
    return { ok: true, gas, method: 'simulate' }
  }
  const gas: bigint[] = []
  for (const [i, c] of calls.entries()) {
    try {
      await ethCall(client, { account, to: c.to, value: c.value, data: c.data })
      gas.push(await estimateGas(client, { account, to: c.to, value: c.value, data: c.data }))
    } catch (error) {
      if (isRevert(error))
        return { ok: false, failedIndex: i, reason: revertReason(error), method: 'per-call' }
      throw error
    }
  }
  return { ok: true, gas, method: 'per-call' }
}

/** The decoded revert reason: a require message, a panic code, a custom error name, or a plain fallback. */
export function revertReason(error: unknown, data?: Hex): string {
  if (data && data !== '0x') {
    try {
      const decoded = decodeErrorResult({ abi: errorStringAbi, data })
      if (decoded.errorName === 'Error') return String(decoded.args[0])
      return `panic code 0x${(decoded.args[0] as bigint).toString(16)}`
    } catch {
      // not a standard Error/Panic payload: fall through to the error's own message
    }
  }
  const reason = revertReasonOf(error)
  if (reason) return reason
  if (error instanceof BaseError)
    return error.shortMessage.replace(/^Execution reverted with reason: /, '').replace(/\.$/, '')
  if (error instanceof Error) return error.message.split('\n')[0] ?? 'reverted'
  return 'reverted without a reason'
}
