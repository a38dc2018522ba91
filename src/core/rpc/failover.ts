// A single read: its head and chain checks around one attempt, as a one-request turn of the endpoint loop.
import { isTransient } from '../errors/category'
import { classifyError } from '../errors/classify'
import { StaleEndpointError, WrongChainError } from '../errors/errors'
import { overEndpoints, type Turn } from './endpointLoop'
import { type AttemptFailure, attempt, attemptFailure, bestKnownHead, type Slot } from './endpointState'
import { aheadOf } from './headWitness'
import { MAX_LAG_BLOCKS } from './health'
import type { PoolState } from './poolState'
import { checkChainId } from './probes'
import type { RequestArgs } from './types'

export type FailoverOptions = {
  /** Retry rounds over all endpoints after the first, for transient failures only. */
  retries: number
  retryBaseMs: number
  /** Longest Retry-After / empty bucket wait honoured before giving up on that endpoint. */
  maxWaitMs: number
  /** A busy endpoint's chain id is asked again, alongside a read, when its last check is older than this. */
  chainRecheckMs: number
}

/**
 * A read whose answer depends on the head ("latest", or the block tag left out): it goes out with the
 * endpoint's head in the same HTTP request, so an answer from behind the chain is caught, not shown.
 */
const latestTagIndex: Record<string, number> = {
  eth_getBalance: 1,
  eth_getTransactionCount: 1,
  eth_getCode: 1,
  eth_call: 1,
  eth_getStorageAt: 2,
}
function readsLatest(args: RequestArgs): boolean {
  const index = latestTagIndex[args.method]
  if (index === undefined) return false
  const tag = Array.isArray(args.params) ? args.params[index] : undefined
  return tag === undefined || tag === 'latest' || tag === 'pending'
}

/**
 * Throws (as a failed attempt) when the endpoint's head is more than MAX_LAG_BLOCKS behind the best known (its own
 * head among the witnesses), or alone in the lead and unconfirmed: such an answer is not used alone.
 */
export function assertCurrent(state: PoolState, slot: Slot, method: string) {
  const best = bestKnownHead(state)
  const own = slot.health.head
  const ahead = aheadOf(state, slot)
  if (ahead === undefined && (!best || !own || best.number - own.number <= MAX_LAG_BLOCKS)) return
  const why = ahead
    ? `${ahead} blocks ahead of every other endpoint, unconfirmed`
    : `but the chain is at block ${best?.number} or later`
  const error = new StaleEndpointError(`it answered at block ${own?.number}, ${why}`)
  const classified = classifyError(error, { method, endpoint: slot.endpoint.url, chainId: state.chainId })
  slot.lastFailure = classified
  state.changed()
  throw attemptFailure(classified, error)
}

/**
 * Records the chain id an endpoint answered (by eth_chainId, or inside a read, as a multicall's `getChainId`);
 * throws a failed attempt when it is another chain (the endpoint is then never used again).
 */
export function assertChain(state: PoolState, slot: Slot, id: unknown, method: string): void {
  if (checkChainId(state, slot, id)) return
  const error = new WrongChainError(state.chainId, (slot.health.chain as { actual: number }).actual)
  const classified = classifyError(error, { method, endpoint: slot.endpoint.url })
  throw attemptFailure(classified, error)
}

/**
 * One request to one endpoint with the checks that keep its answer true: the head alongside a "latest" read
 * (refused if behind), and the chain id again when its last check is old. Throws an AttemptFailure.
 */
export async function checkedAttempt(
  state: PoolState,
  slot: Slot,
  args: RequestArgs,
  patient: boolean,
  options: { chainRecheckMs: number; withHead: boolean },
): Promise<unknown> {
  const recheck = state.now() - slot.health.chainCheckedAt > options.chainRecheckMs
  // Issued in the same tick, so an endpoint that allows batching gets them in one HTTP request.
  const [result, , chainId] = await Promise.all([
    attempt(state, slot, args, patient),
    options.withHead ? attempt(state, slot, { method: 'eth_blockNumber' }, patient) : undefined,
    recheck ? attempt(state, slot, { method: 'eth_chainId' }, patient) : undefined,
  ])
  if (recheck) assertChain(state, slot, chainId, args.method)
  // A read at the head, or the head itself, is judged once checks of heads alone in the lead are settled.
  if (options.withHead || args.method === 'eth_blockNumber') {
    await state.witnessesSettled()
    assertCurrent(state, slot, args.method)
  }
  return result
}

/**
 * One read over the ranked endpoints (the endpoint loop with a one-request turn). A revert or a rejection is the
 * answer and is thrown at once.
 */
export async function sendWithFailover(
  state: PoolState,
  options: FailoverOptions,
  args: RequestArgs,
): Promise<unknown> {
  const withHead = readsLatest(args)
  const turn = async (slot: Slot, patient: boolean): Promise<Turn<unknown>> => {
    try {
      return { ok: true, value: await checkedAttempt(state, slot, args, patient, { ...options, withHead }) }
    } catch (wrapped) {
      const { classified, original } = wrapped as AttemptFailure
      if (!isTransient(classified.category) && classified.category !== 'unsupported') throw original
      return { ok: false, error: classified }
    }
  }
  const { value } = await overEndpoints(state, { ...options, deferThrottled: true }, turn, () => args.method)
  return value
}
