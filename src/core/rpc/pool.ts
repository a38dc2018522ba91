import { type EIP1193RequestFn, http } from 'viem'
import { type ClassifiedError, classifyError, isTransient } from '../errors/classify'
import { AllEndpointsFailedError, WrongChainError } from '../errors/errors'
import { sanitizeError } from '../errors/mask'
import type { Endpoint } from './endpoints'
import {
  demote,
  type EndpointHealth,
  lagOf,
  MAX_LAG_BLOCKS,
  newHealth,
  rankEndpoints,
  recordFailure,
  recordHead,
  recordSuccess,
  restore,
} from './health'
import { createTokenBucket, type TokenBucket } from './rate-limiter'
import { buildSnapshot, type PoolSnapshot } from './snapshot'

type RequestArgs = { method: string; params?: unknown }
type Send = (args: RequestArgs) => Promise<unknown>

export type PoolOptions = {
  chainId: number
  endpoints: Endpoint[]
  /** Per attempt: a hung endpoint costs a read this long, once. */
  timeoutMs?: number
  /** The very last attempt of a request gets more patience (a slow endpoint beats no answer). */
  lastResortTimeoutMs?: number
  probeIntervalMs?: number
  /** Retry rounds over all endpoints after the first, for transient failures only. */
  retries?: number
  retryBaseMs?: number
  /** Longest Retry-After / empty bucket wait honoured before giving up on that endpoint. */
  maxWaitMs?: number
  now?: () => number
  /** Builds the request function for one endpoint; default: a viem `http` transport without its own retries. */
  sendFor?: (endpoint: Endpoint, timeoutMs: number) => Send
}

export type FailoverEvent = { at: number; from: string; to: string; reason: string }
export type LiveState = 'live' | 'reconnecting' | 'polling'

type Slot = {
  endpoint: Endpoint
  health: EndpointHealth
  bucket: TokenBucket
  send: Send
  sendPatient: Send
  verifying?: Promise<boolean>
  lastFailure?: ClassifiedError
}

/** Methods whose answers are not the same for identical concurrent calls, or that change state. */
const neverDedupe = new Set([
  'eth_sendRawTransaction',
  'eth_sendTransaction',
  'eth_subscribe',
  'eth_unsubscribe',
])

function defaultSend(endpoint: Endpoint, timeoutMs: number): Send {
  const transport = http(endpoint.url, {
    batch: endpoint.batch ? { wait: 0 } : false,
    timeout: timeoutMs,
    retryCount: 0,
  })({ retryCount: 0 })
  const request = transport.request as EIP1193RequestFn
  return (args) => request(args as never)
}

const jitter = (ms: number) => ms / 2 + Math.random() * (ms / 2)
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** HTTP Retry-After in ms (seconds or an HTTP date), if the error carries one. */
function retryAfterMs(error: unknown, now: number): number | undefined {
  let e: unknown = error
  for (let depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    const headers = (e as { headers?: Headers }).headers
    const value = headers && typeof headers.get === 'function' ? headers.get('retry-after') : null
    if (value) {
      const seconds = Number(value)
      if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
      const date = Date.parse(value)
      if (Number.isFinite(date)) return Math.max(0, date - now)
    }
    e = (e as { cause?: unknown }).cause
  }
  return undefined
}

/** A JSON-RPC quantity as a safe integer; parseInt alone would read "-0x5" as -5 and "1e+118" as 1. */
function quantity(value: unknown): number | undefined {
  return typeof value === 'string' && /^0x[0-9a-fA-F]{1,13}$/.test(value)
    ? Number.parseInt(value, 16)
    : undefined
}

function bigintSafe(_key: string, value: unknown) {
  return typeof value === 'bigint' ? `${value}n` : value
}

/**
 * The read side of one chain: a fallback over healthy endpoints with verification, demotion, retries,
 * rate limits, dedupe and health stats. We own the ranking/probe loop instead of using viem's `fallback`
 * `rank` option because viem's loop has no stop API (viem #3663): rebuilding transports would leak its timers.
 */
export function createEndpointPool(options: PoolOptions) {
  const chainId = options.chainId
  const now = options.now ?? (() => Date.now())
  const timeoutMs = options.timeoutMs ?? 1_500
  const lastResortTimeoutMs = options.lastResortTimeoutMs ?? 6_000
  const probeIntervalMs = options.probeIntervalMs ?? 4_000
  const retries = options.retries ?? 2
  const retryBaseMs = options.retryBaseMs ?? 200
  const maxWaitMs = options.maxWaitMs ?? 5_000
  const sendFor = options.sendFor ?? defaultSend
  const freshMs = probeIntervalMs * 3

  let slots: Slot[] = []
  const inflight = new Map<string, Promise<unknown>>()
  const events: FailoverEvent[] = []
  const sentAt: number[] = []
  let inUse: string | undefined
  let running = false
  let probeTimer: ReturnType<typeof setTimeout> | undefined
  let probing: Promise<void> | undefined
  let liveState: LiveState = 'polling'
  let version = 0
  let snapshot: PoolSnapshot | undefined
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

  const makeSlot = (endpoint: Endpoint, health = newHealth()): Slot => ({
    endpoint,
    health,
    bucket: createTokenBucket(endpoint.rateLimit, now),
    send: sendFor(endpoint, timeoutMs),
    sendPatient: sendFor(endpoint, lastResortTimeoutMs),
  })
  slots = options.endpoints.map((e) => makeSlot(e))

  const slotById = (id: string) => slots.find((s) => s.endpoint.id === id)

  const noteSent = (slot: Slot) => {
    slot.health.requestsSent++
    const t = now()
    sentAt.push(t)
    while (sentAt.length > 0 && (sentAt[0] ?? 0) < t - 60_000) sentAt.shift()
  }

  const observeHead = (slot: Slot, value: unknown) => {
    const n = quantity(value)
    if (n !== undefined) recordHead(slot.health, n, now())
  }

  /** One request to one endpoint, with stats. Throws the endpoint's own error, classified alongside. */
  const attempt = async (slot: Slot, args: RequestArgs, patient: boolean) => {
    noteSent(slot)
    changed()
    const started = now()
    try {
      const result = await (patient ? slot.sendPatient : slot.send)(args)
      recordSuccess(slot.health, now() - started, now())
      if (args.method === 'eth_blockNumber') observeHead(slot, result)
      if (slot.health.demotedUntil > 0 && slot.health.demotedUntil <= now()) restore(slot.health)
      changed()
      return result
    } catch (raw) {
      const error = sanitizeError(raw)
      const classified = classifyError(error, { method: args.method, endpoint: slot.endpoint.url, chainId })
      slot.lastFailure = classified
      if (isTransient(classified.category) || classified.category === 'unsupported') {
        recordFailure(slot.health, classified.category, classified.message, now())
        if (classified.category === 'rate-limited')
          slot.health.throttledUntil = now() + (retryAfterMs(error, now()) ?? 1_000)
        else if (classified.category !== 'unsupported' && classified.category !== 'unknown')
          demote(slot.health, now())
      } else {
        // The endpoint answered (a revert, a rejection…): that is a healthy endpoint.
        recordSuccess(slot.health, now() - started, now())
      }
      changed()
      throw Object.assign(new Error('attempt failed'), { classified, original: error })
    }
  }

  /** eth_chainId (and the head) before first use; an endpoint on another chain is never used. */
  const ensureVerified = (slot: Slot, patient = false): Promise<boolean> => {
    const h = slot.health
    if (h.chain.state === 'ok') return Promise.resolve(true)
    if (h.chain.state === 'wrong') return Promise.resolve(false)
    return verify(slot, patient)
  }

  /** Asks chain id and head together (one HTTP request where batching is allowed). */
  const verify = (slot: Slot, patient = false): Promise<boolean> => {
    const h = slot.health
    if (slot.verifying) return slot.verifying
    const verifying = (async () => {
      try {
        const [id, head] = await Promise.all([
          attempt(slot, { method: 'eth_chainId' }, patient),
          attempt(slot, { method: 'eth_blockNumber' }, patient),
        ])
        const actual = typeof id === 'number' ? id : (quantity(id) ?? Number.NaN)
        if (actual !== chainId) {
          h.chain = { state: 'wrong', actual }
          const error = new WrongChainError(chainId, actual, slot.endpoint.url)
          recordFailure(h, 'wrong-chain', classifyError(error).message, now())
          changed()
          return false
        }
        h.chain = { state: 'ok' }
        observeHead(slot, head)
        changed()
        return true
      } catch {
        return false
      } finally {
        slot.verifying = undefined
      }
    })()
    slot.verifying = verifying
    return verifying
  }

  const ranked = (): Slot[] =>
    rankEndpoints(
      slots.map((s) => ({ id: s.endpoint.id, enabled: s.endpoint.enabled, health: s.health })),
      now(),
      freshMs,
    )
      .map(slotById)
      .filter((s): s is Slot => s !== undefined)

  const noteServedBy = (slot: Slot) => {
    const id = slot.endpoint.id
    if (inUse === id) return
    const from = inUse ? slotById(inUse) : undefined
    if (from) {
      const h = from.health
      const lag = lagOf(
        h,
        slots.map((s) => s.health),
        now(),
        freshMs,
      )
      const reason = !from.endpoint.enabled
        ? 'disabled by the user'
        : lag !== undefined && lag > MAX_LAG_BLOCKS
          ? `${lag} blocks behind the best head`
          : h.lastError && now() - h.lastError.at < 30_000
            ? h.lastError.message
            : 'ranked lower'
      events.push({ at: now(), from: from.endpoint.name, to: slot.endpoint.name, reason })
      if (events.length > 100) events.shift()
    }
    inUse = id
  }

  const mostTelling = (errors: ClassifiedError[]): ClassifiedError | undefined => {
    const order = ['wrong-chain', 'rate-limited', 'timeout', 'network', 'unsupported', 'unknown']
    return [...errors].sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category))[0]
  }

  const send = async (args: RequestArgs): Promise<unknown> => {
    const failures: ClassifiedError[] = []
    let waitHint = 0
    for (let round = 0; round <= retries; round++) {
      const candidates = ranked()
      let transientThisRound = false
      const deferred: Slot[] = []
      const tryOne = async (slot: Slot, patient: boolean) => {
        try {
          const result = await attempt(slot, args, patient)
          noteServedBy(slot)
          return { ok: true as const, result }
        } catch (wrapped) {
          const { classified, original } = wrapped as { classified: ClassifiedError; original: unknown }
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
        if (!(await ensureVerified(slot, last))) {
          if (slot.health.chain.state === 'wrong') {
            failures.push(
              classifyError(new WrongChainError(chainId, (slot.health.chain as { actual: number }).actual), {
                endpoint: slot.endpoint.url,
                chainId,
              }),
            )
          } else if (slot.lastFailure) {
            failures.push(slot.lastFailure)
            if (isTransient(slot.lastFailure.category)) transientThisRound = true
          }
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
    const cause = mostTelling(failures)?.cause
    throw new AllEndpointsFailedError(
      args.method,
      failures.map((f) => f.cause),
      {
        cause:
          cause instanceof Error
            ? cause
            : new Error('No usable endpoint: every endpoint is disabled or on another chain.'),
      },
    )
  }

  let inFlight = 0
  const tracked = (args: RequestArgs) => {
    inFlight++
    changed()
    return send(args).finally(() => {
      inFlight--
      changed()
    })
  }

  const request = (args: RequestArgs): Promise<unknown> => {
    if (neverDedupe.has(args.method)) return tracked(args)
    const key = `${args.method}:${JSON.stringify(args.params ?? [], bigintSafe)}`
    const existing = inflight.get(key)
    if (existing) return existing
    const promise = tracked(args).finally(() => {
      inflight.delete(key)
    })
    inflight.set(key, promise)
    changed()
    return promise
  }

  /**
   * One probe round: chain id and head of every enabled endpoint (an endpoint can be re-pointed to another
   * chain mid-session), giving demoted ones a chance back once their cooldown is over.
   */
  const probeOnce = async () => {
    await Promise.all(
      slots.map(async (slot) => {
        const h = slot.health
        if (!slot.endpoint.enabled || h.chain.state === 'wrong') return
        if (h.demotedUntil > now()) return
        if (!slot.bucket.tryTake()) return
        await verify(slot)
      }),
    )
  }

  const schedule = () => {
    if (!running) return
    probeTimer = setTimeout(async () => {
      probeTimer = undefined
      probing = probeOnce()
      await probing
      probing = undefined
      schedule()
    }, probeIntervalMs)
  }

  return {
    chainId,
    request,
    /** Starts the probe loop with an immediate round; resolves when that round is done. */
    async start(): Promise<void> {
      if (running) return
      running = true
      changed()
      probing = probeOnce()
      await probing
      probing = undefined
      if (running && !probeTimer) schedule()
    },
    stop(): void {
      running = false
      if (probeTimer) clearTimeout(probeTimer)
      probeTimer = undefined
      changed()
    },
    isRunning: () => running,
    /** Replaces the endpoint list; unchanged endpoints keep their health. Restarts the loop if it ran. */
    setEndpoints(endpoints: Endpoint[]): void {
      const wasRunning = running
      this.stop()
      slots = endpoints.map((e) => {
        const old = slotById(e.id)
        return old && old.endpoint.url === e.url && old.endpoint.batch === e.batch
          ? { ...old, endpoint: e }
          : makeSlot(e)
      })
      if (inUse && !slots.some((s) => s.endpoint.id === inUse)) inUse = undefined
      changed()
      if (wasRunning) void this.start()
    },
    endpoints: () => slots.map((s) => s.endpoint),
    /** A head seen outside the probes (WebSocket newHeads), attributed to no endpoint. */
    setLiveState(state: LiveState): void {
      if (liveState === state) return
      liveState = state
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
          freshMs,
          slots: slots.map((s) => ({ endpoint: s.endpoint, health: s.health })),
          inUse,
          events,
          sentAt,
          inFlight,
          running,
          liveState,
        })
      }
      return snapshot
    },
    /** Waits for a probe round in progress (tests, diagnostics). */
    settled: async (): Promise<void> => {
      await probing
    },
  }
}

export type EndpointPool = ReturnType<typeof createEndpointPool>
