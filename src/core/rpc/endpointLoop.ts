import { isTransient } from '../errors/category'
import { type ClassifiedError, classifyError } from '../errors/classify'
import { AllEndpointsFailedError, WrongChainError } from '../errors/errors'
import { bestKnownHead, type Slot } from './endpointState'
import { aheadOf } from './headWitness'
import { lagOf, rankEndpoints, statusOf } from './health'
import { jitter, sleep } from './http'
import type { PoolState } from './poolState'
import { compareHeads, ensureVerified } from './probes'

/** Blocks the endpoint is behind the best head known, judged now. */
export function lagNow(state: PoolState, slot: Slot): number | undefined {
  return lagOf(slot.health, bestKnownHead(state), state.now(), state.freshMs, state.blockTimeMs())
}

/** Slots in read order (see `rankEndpoints`). */
export function ranked(state: PoolState): Slot[] {
  return rankEndpoints(
    state.slots().map((s) => ({
      id: s.endpoint.id,
      enabled: s.endpoint.enabled,
      health: s.health,
      ahead: aheadOf(state, s),
    })),
    state.now(),
    { best: bestKnownHead(state), freshMs: state.freshMs, blockTimeMs: state.blockTimeMs() },
  )
    .map((id) => state.slotById(id))
    .filter((s): s is Slot => s !== undefined)
}

/** Why reads left an endpoint, in one phrase. */
export function whyNotUsed(state: PoolState, slot: Slot): string {
  const h = slot.health
  const lag = lagNow(state, slot)
  const { status, reason } = statusOf(h, slot.endpoint.enabled, lag, state.now(), aheadOf(state, slot))
  if (status === 'disabled') return 'disabled by you'
  if (status === 'healthy') return 'ranked lower (slower or less reliable)'
  return reason ?? status
}

/** Records which endpoint served the last read, logging a failover or fail-back (with its reason) when it changed. */
export function noteServedBy(state: PoolState, slot: Slot) {
  const id = slot.endpoint.id
  const previous = state.inUse()
  if (previous === id) return
  const from = previous ? state.slotById(previous) : undefined
  state.setInUse(id)
  if (!from) return
  const back = state.slots().indexOf(slot) < state.slots().indexOf(from)
  state.logEvent({
    at: state.now(),
    kind: back ? 'fail-back' : 'failover',
    endpoint: from.endpoint.name,
    to: slot.endpoint.name,
    reason: back ? `${slot.endpoint.name} answers again` : whyNotUsed(state, from),
  })
  state.changed()
}

function mostTelling(errors: ClassifiedError[]): ClassifiedError | undefined {
  const order = ['wrong-chain', 'rate-limited', 'timeout', 'network', 'unsupported', 'unknown']
  return [...errors].sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category))[0]
}

/**
 * The one error a caller gets when no endpoint could serve: the most telling failure as its cause, and every
 * endpoint tried with its latest failure, so the message can name them all.
 */
export function allEndpointsFailed(
  method: string,
  failures: Array<{ slot: Slot; error: ClassifiedError }>,
): AllEndpointsFailedError {
  const cause = mostTelling(failures.map((f) => f.error))?.cause
  const byEndpoint = new Map<string, string>()
  for (const f of failures) byEndpoint.set(f.slot.endpoint.name, f.error.message)
  return new AllEndpointsFailedError(
    method,
    failures.map((f) => f.error.cause),
    {
      cause:
        cause instanceof Error
          ? cause
          : new Error('No usable endpoint: every endpoint is disabled or on another chain.'),
      endpoints: [...byEndpoint].map(([name, message]) => ({ name, message })),
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

/** One endpoint's turn: its answer, or the failure that moves the loop on. Any other error is the answer, thrown. */
export type Turn<T> = { ok: true; value: T } | { ok: false; error: ClassifiedError }

export type LoopOptions = {
  retries: number
  retryBaseMs: number
  maxWaitMs: number
  /** The endpoints this loop may use (a session's exclusions, healthy only). */
  keep?: (slot: Slot) => boolean
  /** Skip an endpoint with no rate-limit token until the others were tried (a session waits per request instead). */
  deferThrottled: boolean
}

/**
 * THE endpoint loop, for a single read and for a session alike: over the ranked endpoints, the first turn that
 * succeeds wins. Transient failures fail over and get more rounds with backoff; when all fail, one
 * `AllEndpointsFailedError` for `method()`.
 */
export async function overEndpoints<T>(
  state: PoolState,
  options: LoopOptions,
  turn: (slot: Slot, patient: boolean) => Promise<Turn<T>>,
  method: () => string,
): Promise<{ value: T; slot: Slot }> {
  const { retries, retryBaseMs, maxWaitMs, keep } = options
  const failures: Array<{ slot: Slot; error: ClassifiedError }> = []
  let waitHint = 0
  await compareHeads(state)
  for (let round = 0; round <= retries; round++) {
    const candidates = keep ? ranked(state).filter(keep) : ranked(state)
    let transientThisRound = false
    const deferred: Slot[] = []
    const tryOne = async (slot: Slot, patient: boolean) => {
      const outcome = await turn(slot, patient)
      if (outcome.ok) {
        noteServedBy(state, slot)
        return { value: outcome.value, slot }
      }
      const { error } = outcome
      failures.push({ slot, error })
      if (isTransient(error.category) && error.category !== 'unknown') transientThisRound = true
      if (error.category === 'rate-limited')
        waitHint = Math.max(waitHint, slot.health.throttledUntil - state.now())
      return undefined
    }
    for (let i = 0; i < candidates.length; i++) {
      const slot = candidates[i] as Slot
      const last = round === retries && i === candidates.length - 1
      if (!(await ensureVerified(state, slot, last))) {
        const failure = unverifiedFailure(state, slot)
        if (failure) failures.push({ slot, error: failure })
        if (failure && slot.health.chain.state !== 'wrong' && isTransient(failure.category))
          transientThisRound = true
        continue
      }
      if (options.deferThrottled && !slot.bucket.tryTake()) {
        deferred.push(slot)
        continue
      }
      const won = await tryOne(slot, last && deferred.length === 0)
      if (won) return won
    }
    // Every other endpoint failed or was skipped: wait for a token rather than fail.
    for (const slot of deferred) {
      const wait = slot.bucket.waitMs()
      if (wait > maxWaitMs) continue
      if (wait > 0) await sleep(wait)
      if (!slot.bucket.tryTake()) continue
      const won = await tryOne(slot, round === retries)
      if (won) return won
    }
    if (!transientThisRound || round === retries) break
    const backoff = jitter(retryBaseMs * 2 ** round)
    await sleep(Math.min(maxWaitMs, Math.max(backoff, waitHint)))
  }
  throw allEndpointsFailed(method(), failures)
}
