import { isTransient } from '../errors/category'
import { type ClassifiedError, classifyError } from '../errors/classify'
import { AllEndpointsFailedError, WrongChainError } from '../errors/errors'
import { lagOf, MAX_LAG_BLOCKS, rankEndpoints } from './health'
import { jitter, sleep } from './http'
import { ensureVerified } from './probes'
import { type AttemptFailure, attempt, type PoolState, type Slot, slotById } from './slot'
import type { RequestArgs } from './types'

export type FailoverOptions = {
  /** Retry rounds over all endpoints after the first, for transient failures only. */
  retries: number
  retryBaseMs: number
  /** Longest Retry-After / empty bucket wait honoured before giving up on that endpoint. */
  maxWaitMs: number
}

/** Slots in read order (see `rankEndpoints`). */
export function ranked(state: PoolState): Slot[] {
  return rankEndpoints(
    state.slots.map((s) => ({ id: s.endpoint.id, enabled: s.endpoint.enabled, health: s.health })),
    state.now(),
    state.freshMs,
  )
    .map((id) => slotById(state, id))
    .filter((s): s is Slot => s !== undefined)
}

/** Records which endpoint served the last read, logging a failover event (with its reason) when it changed. */
export function noteServedBy(state: PoolState, slot: Slot) {
  const id = slot.endpoint.id
  if (state.inUse === id) return
  const from = state.inUse ? slotById(state, state.inUse) : undefined
  if (from) {
    const now = state.now()
    const h = from.health
    const lag = lagOf(
      h,
      state.slots.map((s) => s.health),
      now,
      state.freshMs,
    )
    const reason = !from.endpoint.enabled
      ? 'disabled by the user'
      : lag !== undefined && lag > MAX_LAG_BLOCKS
        ? `${lag} blocks behind the best head`
        : h.lastError && now - h.lastError.at < 30_000
          ? h.lastError.message
          : 'ranked lower'
    state.events.push({ at: now, from: from.endpoint.name, to: slot.endpoint.name, reason })
    if (state.events.length > 100) state.events.shift()
  }
  state.inUse = id
}

function mostTelling(errors: ClassifiedError[]): ClassifiedError | undefined {
  const order = ['wrong-chain', 'rate-limited', 'timeout', 'network', 'unsupported', 'unknown']
  return [...errors].sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category))[0]
}

/** The one error a caller gets when no endpoint could serve: the most telling failure as its cause. */
export function allEndpointsFailed(method: string, failures: ClassifiedError[]): AllEndpointsFailedError {
  const cause = mostTelling(failures)?.cause
  return new AllEndpointsFailedError(
    method,
    failures.map((f) => f.cause),
    {
      cause:
        cause instanceof Error
          ? cause
          : new Error('No usable endpoint: every endpoint is disabled or on another chain.'),
    },
  )
}

/** Why an endpoint could not be used before any request: it answers another chain, or its check failed. */
export function unverifiedFailure(state: PoolState, slot: Slot): ClassifiedError | undefined {
  const chain = slot.health.chain
  if (chain.state === 'wrong')
    return classifyError(new WrongChainError(state.chainId, chain.actual), {
      endpoint: slot.endpoint.url,
      chainId: state.chainId,
    })
  return slot.lastFailure
}

/**
 * One read over the ranked endpoints: the first that answers wins. Transient failures fail over and get more
 * rounds with backoff; anything else (a revert, a rejection) is the answer and is thrown at once.
 */
export async function sendWithFailover(
  state: PoolState,
  options: FailoverOptions,
  args: RequestArgs,
): Promise<unknown> {
  const { retries, retryBaseMs, maxWaitMs } = options
  const { now } = state
  const failures: ClassifiedError[] = []
  let waitHint = 0
  for (let round = 0; round <= retries; round++) {
    const candidates = ranked(state)
    let transientThisRound = false
    const deferred: Slot[] = []
    const tryOne = async (slot: Slot, patient: boolean) => {
      try {
        const result = await attempt(state, slot, args, patient)
        noteServedBy(state, slot)
        return { ok: true as const, result }
      } catch (wrapped) {
        const { classified, original } = wrapped as AttemptFailure
        const failover = isTransient(classified.category) || classified.category === 'unsupported'
        if (!failover) throw original
        failures.push(classified)
        if (isTransient(classified.category) && classified.category !== 'unknown') transientThisRound = true
        if (classified.category === 'rate-limited')
          waitHint = Math.max(waitHint, slot.health.throttledUntil - now())
        return { ok: false as const }
      }
    }
    for (let i = 0; i < candidates.length; i++) {
      const slot = candidates[i] as Slot
      const last = round === retries && i === candidates.length - 1
      if (!(await ensureVerified(state, slot, last))) {
        const failure = unverifiedFailure(state, slot)
        if (failure) failures.push(failure)
        if (failure && slot.health.chain.state !== 'wrong' && isTransient(failure.category))
          transientThisRound = true
        continue
      }
      if (!slot.bucket.tryTake()) {
        deferred.push(slot)
        continue
      }
      const outcome = await tryOne(slot, last && deferred.length === 0)
      if (outcome.ok) return outcome.result
    }
    // Every other endpoint failed or was skipped: wait for a token rather than fail.
    for (const slot of deferred) {
      const wait = slot.bucket.waitMs()
      if (wait > maxWaitMs) continue
      if (wait > 0) await sleep(wait)
      if (!slot.bucket.tryTake()) continue
      const outcome = await tryOne(slot, round === retries)
      if (outcome.ok) return outcome.result
    }
    if (!transientThisRound || round === retries) break
    const backoff = jitter(retryBaseMs * 2 ** round)
    await sleep(Math.min(maxWaitMs, Math.max(backoff, waitHint)))
  }
  throw allEndpointsFailed(args.method, failures)
}
