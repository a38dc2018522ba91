import { dedupeConcurrent } from './dedupe'
import { lagNow, ranked } from './endpointLoop'
import { type AcceptedHead, bestKnownHead, makeSlot, type Slot } from './endpointState'
import type { Endpoint } from './endpoints'
import { sendWithFailover } from './failover'
import { aheadOf, leadOver } from './headWitness'
import { headProblem, newHealth, statusOf } from './health'
import { defaultSend } from './http'
import { PoolState } from './poolState'
import { createProbeLoop, nextProbeAt } from './probes'
import { type EndpointSession, runSession, type SessionOptions, type SessionResult } from './session'
import { buildSnapshot, type PoolSnapshot } from './snapshot'
import { trackStatuses } from './statusEvents'
import type { LiveState, PoolOptions, RequestArgs } from './types'
import { checkLeaders } from './witnessCheck'

export type { EndpointSession, SessionOptions, SessionResult } from './session'
export type { LiveState, PoolEvent, PoolOptions } from './types'

/**
 * The read side of one chain, wired from its parts: the one endpoint loop over ranked endpoints
 * (`endpointLoop.ts`), a single read's checks (`failover.ts`), one
 * attempt with stats and refused answers (`endpointState.ts`), verification, head comparison and the probe loop
 * (`probes.ts`), several reads on one endpoint (`session.ts`), dedupe of identical reads (`dedupe.ts`), HTTP
 * details (`http.ts`), status events (`statusEvents.ts`) and snapshots for the UI (`snapshot.ts`). We own the
 * ranking/probe loop instead of using viem's `fallback` `rank` option because viem's loop has no stop API
 * (viem #3663): rebuilding transports would leak its timers.
 */
// Over 80 lines: a factory: its methods are closures over one PoolState, its listeners and its probe loop.
export function createEndpointPool(options: PoolOptions) {
  const chainId = options.chainId
  const now = options.now ?? (() => Date.now())
  const slotDeps = {
    now,
    timeoutMs: options.timeoutMs ?? 1_500,
    lastResortTimeoutMs: options.lastResortTimeoutMs ?? 6_000,
    sendFor: options.sendFor ?? defaultSend,
  }
  const timing = {
    probeIntervalMs: options.probeIntervalMs ?? 4_000,
    standbyProbeMs: options.standbyProbeMs ?? 30_000,
  }
  const failoverOptions = {
    retries: options.retries ?? 2,
    retryBaseMs: options.retryBaseMs ?? 200,
    maxWaitMs: options.maxWaitMs ?? 5_000,
    chainRecheckMs: timing.standbyProbeMs,
  }

  let version = 0
  let notifyQueued = false
  const listeners = new Set<() => void>()
  const headListeners = new Set<(sample: AcceptedHead) => void>()
  const changed = () => {
    version++
    if (notifyQueued) return
    notifyQueued = true
    queueMicrotask(() => {
      notifyQueued = false
      trackStatuses(state)
      for (const l of listeners) l()
    })
  }

  const state = new PoolState(
    chainId,
    now,
    Math.max(timing.probeIntervalMs * 3, timing.standbyProbeMs * 2),
    options.endpoints.map((e) => makeSlot(e, slotDeps)),
    {
      changed,
      checkLeaders,
      onHead: (sample) => {
        for (const l of headListeners) l(sample)
      },
    },
  )
  /** Where reads go now: the top of the read order. */
  const current = (): Slot | undefined => ranked(state)[0]
  const probes = createProbeLoop(state, timing, current)
  let liveState: LiveState = 'polling'
  let snapshot: PoolSnapshot | undefined

  let inFlight = 0
  const counted = <T>(work: () => Promise<T>): Promise<T> => {
    inFlight++
    changed()
    return work().finally(() => {
      inFlight--
      changed()
    })
  }
  const request = dedupeConcurrent(
    (args: RequestArgs) => counted(() => sendWithFailover(state, failoverOptions, args)),
    changed,
  )

  const isHealthy = (slot: Slot) =>
    statusOf(slot.health, slot.endpoint.enabled, lagNow(state, slot), now(), aheadOf(state, slot)).status ===
    'healthy'

  return {
    chainId,
    request,
    /** Starts a run (start, resume, chain switch): every endpoint is checked at once; resolves when done. */
    start: probes.start,
    stop: probes.stop,
    isRunning: probes.isRunning,
    /** Replaces the endpoint list; unchanged endpoints keep their health. Restarts the loop if it ran. */
    setEndpoints(endpoints: Endpoint[]): void {
      const wasRunning = probes.isRunning()
      probes.stop()
      state.setSlots(
        endpoints.map((e) => {
          const old = state.slotById(e.id)
          return old && old.endpoint.url === e.url && old.endpoint.batch === e.batch
            ? { ...old, endpoint: e }
            : makeSlot(e, slotDeps)
        }),
      )
      changed()
      if (wasRunning) void probes.start()
    },
    /**
     * Runs `fn` with several reads on ONE endpoint (see `EndpointSession`): answers that must agree, such as a
     * receipt and a nonce count at one block, or a balance snapshot. Fails over as a whole. To have a first
     * answer confirmed by a second endpoint: `withEndpoint(fn, { exclude: [first.endpointId], healthyOnly: true })`
     * — check `healthyEndpoints().length >= 2` first; with fewer, no second opinion exists.
     */
    withEndpoint<T>(
      fn: (session: EndpointSession) => Promise<T>,
      sessionOptions?: SessionOptions,
    ): Promise<SessionResult<T>> {
      return counted(() => runSession(state, { ...failoverOptions, isHealthy }, fn, sessionOptions))
    },
    /** Endpoints whose status is healthy now, in read order. */
    healthyEndpoints: (): Array<{ id: string; name: string }> =>
      ranked(state)
        .filter(isHealthy)
        .map((s) => ({ id: s.endpoint.id, name: s.endpoint.name })),
    endpoints: () => state.slots().map((s) => s.endpoint),
    /**
     * How many endpoints could give a second opinion (tracking's receipt confirmation): enabled, and not found
     * on another chain, which is never read again; counting it would leave every receipt waiting for it.
     */
    readEndpointCount: (): number =>
      state.slots().filter((s) => s.endpoint.enabled && s.health.chain.state !== 'wrong').length,
    /**
     * A head seen outside the endpoints (WebSocket newHeads, with its block timestamp in seconds): raises the
     * best head reads are judged against, under the same bounds as an endpoint's (not backwards, not absurd,
     * and alone in the lead only once confirmed). True when it counts as the chain's head now.
     */
    noteExternalHead(number: number, timestamp?: number): boolean {
      if (!Number.isSafeInteger(number) || number < 0) return false
      const previous = state.externalHead()
      const last =
        previous && now() - previous.at <= state.freshMs ? { ...newHealth(), head: previous } : newHealth()
      if (headProblem(last, number, bestKnownHead(state))) return false
      const ts = timestamp !== undefined && Number.isSafeInteger(timestamp) ? timestamp : undefined
      const sample = ts === undefined ? { number, at: now() } : { number, at: now(), timestamp: ts }
      state.setExternalHead(sample)
      checkLeaders(state)
      changed()
      return leadOver(state, sample) === undefined
    },
    /** The chain's block interval, learned from block timestamps: allowances for heads sampled earlier. */
    setBlockTime(ms: number): void {
      state.setBlockTime(ms)
    },
    /** Each head an endpoint reported and the pool accepted. */
    onHead(listener: (sample: AcceptedHead) => void): () => void {
      headListeners.add(listener)
      return () => headListeners.delete(listener)
    },
    /** The WebSocket's state; once it is not live, its last head is no witness (see `sources` in headWitness.ts). */
    setLiveState(next: LiveState): void {
      if (liveState === next) return
      liveState = next
      if (next !== 'live') state.dropExternalHead()
      changed()
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    /** Rebuilt when something changed, and at most once a second otherwise (statuses expire with time). */
    getSnapshot(): PoolSnapshot {
      if (!snapshot || snapshot.version !== version || now() - snapshot.takenAt >= 1_000) {
        trackStatuses(state)
        const next = current()
        snapshot = buildSnapshot({
          version,
          chainId,
          now: now(),
          slots: state.slots().map((s) => ({
            endpoint: s.endpoint,
            health: s.health,
            lag: lagNow(state, s),
            ahead: aheadOf(state, s),
            retryAt: nextProbeAt(state, s, next, timing),
          })),
          next: next?.endpoint.id,
          bestHead: bestKnownHead(state)?.number,
          blockTimeMs: state.blockTimeMs(),
          events: state.events(),
          sentAt: state.sentAt(),
          inFlight,
          running: probes.isRunning(),
          liveState,
        })
      }
      return snapshot
    },
    /** Waits for a probe round in progress (tests, diagnostics). */
    settled: probes.settled,
  }
}

export type EndpointPool = ReturnType<typeof createEndpointPool>
