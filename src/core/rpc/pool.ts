import { dedupeConcurrent } from './dedupe'
import type { Endpoint } from './endpoints'
import { ranked, sendWithFailover } from './failover'
import { bestHead, lagOf, statusOf } from './health'
import { defaultSend } from './http'
import { createProbeLoop } from './probes'
import { type EndpointSession, runSession, type SessionOptions, type SessionResult } from './session'
import { makeSlot, type PoolState, type Slot, slotById } from './slot'
import { buildSnapshot, type PoolSnapshot } from './snapshot'
import type { LiveState, PoolOptions, RequestArgs } from './types'

export type { EndpointSession, SessionOptions, SessionResult } from './session'
export type { FailoverEvent, LiveState, PoolOptions } from './types'

/**
 * The read side of one chain, wired from its parts: failover over ranked endpoints (`failover.ts`), one
 * attempt with stats (`slot.ts`), verification and the probe loop (`probes.ts`), dedupe of identical reads
 * (`dedupe.ts`), HTTP details (`http.ts`) and snapshots for the UI (`snapshot.ts`). We own the ranking/probe
 * loop instead of using viem's `fallback` `rank` option because viem's loop has no stop API (viem #3663):
 * rebuilding transports would leak its timers.
 */
export function createEndpointPool(options: PoolOptions) {
  const chainId = options.chainId
  const now = options.now ?? (() => Date.now())
  const slotDeps = {
    now,
    timeoutMs: options.timeoutMs ?? 1_500,
    lastResortTimeoutMs: options.lastResortTimeoutMs ?? 6_000,
    sendFor: options.sendFor ?? defaultSend,
  }
  const probeIntervalMs = options.probeIntervalMs ?? 4_000
  const failoverOptions = {
    retries: options.retries ?? 2,
    retryBaseMs: options.retryBaseMs ?? 200,
    maxWaitMs: options.maxWaitMs ?? 5_000,
  }

  let version = 0
  let notifyQueued = false
  const listeners = new Set<() => void>()
  const changed = () => {
    version++
    if (notifyQueued) return
    notifyQueued = true
    queueMicrotask(() => {
      notifyQueued = false
      for (const l of listeners) l()
    })
  }

  const state: PoolState = {
    chainId,
    now,
    freshMs: probeIntervalMs * 3,
    slots: options.endpoints.map((e) => makeSlot(e, slotDeps)),
    inUse: undefined,
    events: [],
    sentAt: [],
    changed,
    bestHead: () =>
      bestHead(
        state.slots.filter((s) => s.endpoint.enabled).map((s) => s.health),
        now(),
        state.freshMs,
      ),
  }
  const probes = createProbeLoop(state, probeIntervalMs)
  let liveState: LiveState = 'polling'
  let snapshot: PoolSnapshot | undefined

  let inFlight = 0
  const tracked = (args: RequestArgs) => {
    inFlight++
    changed()
    return sendWithFailover(state, failoverOptions, args).finally(() => {
      inFlight--
      changed()
    })
  }
  const request = dedupeConcurrent(tracked, changed)

  const isHealthy = (slot: Slot) => {
    const lag = lagOf(
      slot.health,
      state.slots.map((s) => s.health),
      now(),
      state.freshMs,
    )
    return statusOf(slot.health, slot.endpoint.enabled, lag, now()).status === 'healthy'
  }

  return {
    chainId,
    request,
    /** Starts the probe loop with an immediate round; resolves when that round is done. */
    start: probes.start,
    stop: probes.stop,
    isRunning: probes.isRunning,
    /** Replaces the endpoint list; unchanged endpoints keep their health. Restarts the loop if it ran. */
    setEndpoints(endpoints: Endpoint[]): void {
      const wasRunning = probes.isRunning()
      probes.stop()
      state.slots = endpoints.map((e) => {
        const old = slotById(state, e.id)
        return old && old.endpoint.url === e.url && old.endpoint.batch === e.batch
          ? { ...old, endpoint: e }
          : makeSlot(e, slotDeps)
      })
      if (state.inUse && !state.slots.some((s) => s.endpoint.id === state.inUse)) state.inUse = undefined
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
      inFlight++
      changed()
      return runSession(state, { ...failoverOptions, isHealthy }, fn, sessionOptions).finally(() => {
        inFlight--
        changed()
      })
    },
    /** Endpoints whose status is healthy now, in read order. */
    healthyEndpoints: (): Array<{ id: string; name: string }> =>
      ranked(state)
        .filter(isHealthy)
        .map((s) => ({ id: s.endpoint.id, name: s.endpoint.name })),
    endpoints: () => state.slots.map((s) => s.endpoint),
    /** A head seen outside the probes (WebSocket newHeads), attributed to no endpoint. */
    setLiveState(next: LiveState): void {
      if (liveState === next) return
      liveState = next
      changed()
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    /** Rebuilt when something changed, and at most once a second otherwise (statuses expire with time). */
    getSnapshot(): PoolSnapshot {
      if (!snapshot || snapshot.version !== version || now() - snapshot.takenAt >= 1_000) {
        snapshot = buildSnapshot({
          version,
          chainId,
          now: now(),
          freshMs: state.freshMs,
          slots: state.slots.map((s) => ({ endpoint: s.endpoint, health: s.health })),
          inUse: state.inUse,
          events: state.events,
          sentAt: state.sentAt,
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
