import { classifyError } from '../errors/classify'
import { WrongChainError } from '../errors/errors'
import { attempt, type Slot } from './endpointState'
import { recordFailure, statusOf } from './health'
import { quantity } from './http'
import type { PoolState } from './poolState'

/** eth_chainId (and the head) before first use; an endpoint on another chain is never used. */
export function ensureVerified(state: PoolState, slot: Slot, patient = false): Promise<boolean> {
  const h = slot.health
  if (h.chain.state === 'ok') return Promise.resolve(true)
  if (h.chain.state === 'wrong') return Promise.resolve(false)
  return verify(state, slot, patient)
}

/** Records the chain id an endpoint answered; false (and the endpoint is never used) if it is another chain. */
export function checkChainId(state: PoolState, slot: Slot, id: unknown): boolean {
  const h = slot.health
  const actual = typeof id === 'number' ? id : (quantity(id) ?? Number.NaN)
  if (actual !== state.chainId) {
    h.chain = { state: 'wrong', actual }
    const error = new WrongChainError(state.chainId, actual, slot.endpoint.url)
    recordFailure(h, 'wrong-chain', classifyError(error).message, state.now())
    state.changed()
    return false
  }
  h.chain = { state: 'ok' }
  h.chainCheckedAt = state.now()
  return true
}

/** Asks chain id and head together (one HTTP request where batching is allowed). */
export function verify(state: PoolState, slot: Slot, patient = false): Promise<boolean> {
  if (slot.verifying) return slot.verifying
  slot.lastProbeAt = state.now()
  const verifying = (async () => {
    try {
      const [id] = await Promise.all([
        attempt(state, slot, { method: 'eth_chainId' }, patient),
        attempt(state, slot, { method: 'eth_blockNumber' }, patient),
      ])
      const ok = checkChainId(state, slot, id)
      // Its head counts from now on: it may put another endpoint alone in the lead, or be alone there itself.
      if (ok) state.checkLeaders()
      state.changed()
      return ok
    } catch {
      return false
    } finally {
      slot.verifying = undefined
    }
  })()
  slot.verifying = verifying
  return verifying
}

/**
 * Before a read: every endpoint that could serve has a fresh head taken since `headsSince`, so none serves before
 * its head has been compared with the others' (a lagging endpoint that answers first would otherwise look
 * current, and one that stood still while the pool was stopped would be judged against heads as old as its own).
 * Waits for the checks in flight, each bounded by the per-attempt timeout; an endpoint that fails its check is
 * left out of the comparison. Free while every endpoint has a fresh head or has failed since.
 */
export async function compareHeads(state: PoolState): Promise<void> {
  const pending: Promise<boolean>[] = []
  const now = state.now()
  for (const slot of state.slots()) {
    const h = slot.health
    if (!slot.endpoint.enabled || h.chain.state === 'wrong') continue
    const sampled =
      h.head !== undefined && h.head.at >= state.headsSince() && now - h.head.at <= state.freshMs
    const failed =
      h.failingSince !== undefined || (h.lastError !== undefined && h.lastError.at >= state.headsSince())
    if (sampled || failed) continue
    pending.push(verify(state, slot))
  }
  if (pending.length > 0) await Promise.all(pending)
  await state.witnessesSettled()
}

export type ProbeTiming = {
  /** How often endpoints not in use are checked while the one in use is failing. */
  probeIntervalMs: number
  /** How often endpoints not in use (and an idle one in use) are checked while the one in use is healthy. */
  standbyProbeMs: number
}

/**
 * When a slot is checked next. The endpoint in use is checked by its own reads, and probed only when idle for
 * `standbyProbeMs`; others every `standbyProbeMs`, or every `probeIntervalMs` while the one in use is failing;
 * a down endpoint not before its cooldown ends.
 */
export function nextProbeAt(
  state: PoolState,
  slot: Slot,
  inUse: Slot | undefined,
  timing: ProbeTiming,
): number {
  const h = slot.health
  if (!slot.endpoint.enabled || h.chain.state === 'wrong') return Number.POSITIVE_INFINITY
  const now = state.now()
  const last = slot.lastProbeAt ?? Number.NEGATIVE_INFINITY
  const inUseHealthy =
    inUse !== undefined && statusOf(inUse.health, inUse.endpoint.enabled, undefined, now).status === 'healthy'
  if (slot === inUse && inUseHealthy) return Math.max(last, h.lastAnswerAt) + timing.standbyProbeMs
  const every = inUseHealthy ? timing.standbyProbeMs : timing.probeIntervalMs
  const due = last + every
  return h.failingSince !== undefined ? Math.max(h.demotedUntil, due) : due
}

/** The probe loop: every endpoint at once on start, then each when `nextProbeAt` says; one timer at most. */
export function createProbeLoop(state: PoolState, timing: ProbeTiming, inUse: () => Slot | undefined) {
  let running = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let probing: Promise<void> | undefined

  const probeDue = async (all: boolean) => {
    const current = inUse()
    const now = state.now()
    await Promise.all(
      state.slots().map(async (slot) => {
        if (!slot.endpoint.enabled || slot.health.chain.state === 'wrong') return
        if (!all && nextProbeAt(state, slot, current, timing) > now) return
        if (!slot.bucket.tryTake()) return
        await verify(state, slot)
      }),
    )
  }

  const schedule = () => {
    if (!running) return
    const current = inUse()
    const now = state.now()
    const due = Math.min(...state.slots().map((s) => nextProbeAt(state, s, current, timing)))
    // Wake at least every probeIntervalMs: whether the endpoint in use is failing changes between wakes.
    const wait = Math.max(50, Math.min(timing.probeIntervalMs, due - now))
    timer = setTimeout(async () => {
      timer = undefined
      probing = probeDue(false)
      await probing
      probing = undefined
      schedule()
    }, wait)
  }

  return {
    isRunning: () => running,
    /** Starts a new run: every endpoint is checked at once; resolves when that round is done. */
    async start(): Promise<void> {
      if (running) return
      running = true
      state.restartHeads()
      state.changed()
      probing = probeDue(true)
      await probing
      probing = undefined
      if (running && !timer) schedule()
    },
    stop(): void {
      running = false
      // Reads may go on while stopped (tracking on another chain): they compare heads taken from now on.
      state.restartHeads()
      if (timer) clearTimeout(timer)
      timer = undefined
      state.changed()
    },
    /** Waits for a probe round in progress. */
    settled: async (): Promise<void> => {
      await probing
    },
  }
}
