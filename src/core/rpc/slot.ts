import { isTransient } from '../errors/category'
import { type ClassifiedError, classifyError } from '../errors/classify'
import { sanitizeError } from '../errors/mask'
import type { Endpoint } from './endpoints'
import {
  demote,
  type EndpointHealth,
  newHealth,
  recordFailure,
  recordHead,
  recordSuccess,
  restore,
} from './health'
import { quantity, retryAfterMs } from './http'
import { createTokenBucket, type TokenBucket } from './rate-limiter'
import type { FailoverEvent, RequestArgs, Send } from './types'

/** One endpoint as the pool holds it: its health, rate limit and request functions. */
export type Slot = {
  endpoint: Endpoint
  health: EndpointHealth
  bucket: TokenBucket
  send: Send
  sendPatient: Send
  verifying?: Promise<boolean>
  lastFailure?: ClassifiedError
}

/** The mutable state the pool's parts share. Owned by `createEndpointPool`; the UI sees snapshots. */
export type PoolState = {
  chainId: number
  now: () => number
  freshMs: number
  slots: Slot[]
  inUse: string | undefined
  events: FailoverEvent[]
  /** Times of requests sent in the last minute. */
  sentAt: number[]
  /** Bumps the snapshot version and notifies listeners (once per microtask). */
  changed: () => void
  /** The best head any usable endpoint reported recently. */
  bestHead: () => number | undefined
}

export function makeSlot(
  endpoint: Endpoint,
  deps: {
    now: () => number
    timeoutMs: number
    lastResortTimeoutMs: number
    sendFor: (e: Endpoint, ms: number) => Send
  },
  health = newHealth(),
): Slot {
  return {
    endpoint,
    health,
    bucket: createTokenBucket(endpoint.rateLimit, deps.now),
    send: deps.sendFor(endpoint, deps.timeoutMs),
    sendPatient: deps.sendFor(endpoint, deps.lastResortTimeoutMs),
  }
}

export const slotById = (state: PoolState, id: string) => state.slots.find((s) => s.endpoint.id === id)

function noteSent(state: PoolState, slot: Slot) {
  slot.health.requestsSent++
  const t = state.now()
  state.sentAt.push(t)
  while (state.sentAt.length > 0 && (state.sentAt[0] ?? 0) < t - 60_000) state.sentAt.shift()
}

export function observeHead(state: PoolState, slot: Slot, value: unknown) {
  const n = quantity(value)
  if (n !== undefined) recordHead(slot.health, n, state.now())
}

/** Thrown by `attempt`: the endpoint's own error, classified alongside. */
export type AttemptFailure = Error & { classified: ClassifiedError; original: unknown }

/** One request to one endpoint, with stats. Throws the endpoint's own error, classified alongside. */
export async function attempt(state: PoolState, slot: Slot, args: RequestArgs, patient: boolean) {
  const { now } = state
  noteSent(state, slot)
  state.changed()
  const started = now()
  try {
    const result = await (patient ? slot.sendPatient : slot.send)(args)
    recordSuccess(slot.health, now() - started, now())
    if (args.method === 'eth_blockNumber') observeHead(state, slot, result)
    if (slot.health.demotedUntil > 0 && slot.health.demotedUntil <= now()) restore(slot.health)
    state.changed()
    return result
  } catch (raw) {
    const error = sanitizeError(raw)
    const classified = classifyError(error, {
      method: args.method,
      endpoint: slot.endpoint.url,
      chainId: state.chainId,
    })
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
    state.changed()
    throw Object.assign(new Error('attempt failed'), { classified, original: error }) as AttemptFailure
  }
}
