import { isTransient } from '../errors/category'
import { type ClassifiedError, classifyError } from '../errors/classify'
import { MalformedResponseError } from '../errors/errors'
import { sanitizeError } from '../errors/mask'
import type { Endpoint } from './endpoints'
import { confirmedHead } from './headWitness'
import {
  demote,
  type EndpointHealth,
  type EndpointStatus,
  type HeadSample,
  headProblem,
  newHealth,
  recordFailure,
  recordHead,
  recordSuccess,
} from './health'
import { quantity, retryAfterMs } from './http'
import type { PoolState } from './poolState'
import { createTokenBucket, type TokenBucket } from './rateLimiter'
import type { RequestArgs, Send } from './types'

export type AcceptedHead = HeadSample & { endpointId: string; timestamp?: number }

/** One endpoint as the pool holds it: its health, rate limit and request functions. */
export type Slot = {
  endpoint: Endpoint
  health: EndpointHealth
  bucket: TokenBucket
  send: Send
  sendPatient: Send
  verifying?: Promise<boolean>
  lastFailure?: ClassifiedError
  /** The status last seen, to log changes as events. */
  lastStatus?: EndpointStatus
  /** When the probe loop last checked it. */
  lastProbeAt?: number
  /** The head number whose block timestamp was last checked while it was alone in the lead. */
  witnessTried?: number
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

/**
 * The best fresh head known that counts: every enabled endpoint's (but `except`) and the WebSocket's, where a
 * head alone in the lead counts only once confirmed (see headWitness.ts).
 */
export function bestKnownHead(state: PoolState, except?: Slot): HeadSample | undefined {
  return confirmedHead(state, except)
}

function noteSent(state: PoolState, slot: Slot, method: string) {
  slot.health.requestsSent++
  slot.health.byMethod[method] = (slot.health.byMethod[method] ?? 0) + 1
  state.noteSent()
}

/** Thrown by `attempt`: the endpoint's own error, classified alongside. */
export type AttemptFailure = Error & { classified: ClassifiedError; original: unknown }

/** The one way a failed attempt is built: a marker error carrying the classified failure and the original. */
export function attemptFailure(classified: ClassifiedError, original: unknown): AttemptFailure {
  return Object.assign(new Error('attempt failed'), { classified, original }) as AttemptFailure
}

/**
 * Refuses an answer that must not become data (a head going backwards, an absurd value): a classified error,
 * counted against the endpoint, logged as an event, and the endpoint is out of rotation until it answers well.
 */
export function refuse(
  state: PoolState,
  slot: Slot,
  method: string,
  problem: string,
  ms?: number,
): AttemptFailure {
  const error = new MalformedResponseError(problem)
  const classified = classifyError(error, { method, endpoint: slot.endpoint.url, chainId: state.chainId })
  const now = state.now()
  slot.lastFailure = classified
  recordFailure(slot.health, classified.category, classified.message, now, ms)
  demote(slot.health, now)
  state.logEvent({ at: now, kind: 'bad-answer', endpoint: slot.endpoint.name, reason: classified.message })
  state.changed()
  return attemptFailure(classified, error)
}

/**
 * A head an endpoint reported (by eth_blockNumber or as the block a read was answered at). Recorded unless it
 * goes backwards or is absurd; then it is refused (see `refuse`) and the problem returned.
 */
export function acceptHead(
  state: PoolState,
  slot: Slot,
  value: unknown,
  method: string,
  timestamp?: number,
): AttemptFailure | undefined {
  const n = quantity(value)
  if (n === undefined)
    return refuse(state, slot, method, `it answered ${String(value).slice(0, 40)} for the block number`)
  const problem = headProblem(slot.health, n, bestKnownHead(state, slot))
  if (problem) return refuse(state, slot, method, problem)
  const at = state.now()
  recordHead(slot.health, n, at, timestamp)
  state.checkLeaders()
  state.onHead({
    number: n,
    at,
    endpointId: slot.endpoint.id,
    ...(timestamp === undefined ? {} : { timestamp }),
  })
  return undefined
}

/** One request to one endpoint, with stats. Throws an AttemptFailure: the endpoint's own error, classified. */
export async function attempt(state: PoolState, slot: Slot, args: RequestArgs, patient: boolean) {
  const { now } = state
  noteSent(state, slot, args.method)
  state.changed()
  const started = now()
  let result: unknown
  try {
    result = await (patient ? slot.sendPatient : slot.send)(args)
  } catch (raw) {
    const error = sanitizeError(raw)
    const classified = classifyError(error, {
      method: args.method,
      endpoint: slot.endpoint.url,
      chainId: state.chainId,
    })
    slot.lastFailure = classified
    if (isTransient(classified.category) || classified.category === 'unsupported') {
      recordFailure(slot.health, classified.category, classified.message, now(), now() - started)
      if (classified.category === 'rate-limited')
        slot.health.throttledUntil = now() + (retryAfterMs(error, now()) ?? 1_000)
      else if (classified.category !== 'unsupported' && classified.category !== 'unknown')
        demote(slot.health, now(), started)
    } else {
      // The endpoint answered (a revert, a rejection…): that is a healthy endpoint.
      recordSuccess(slot.health, now() - started, now())
    }
    state.changed()
    throw attemptFailure(classified, error)
  }
  if (args.method === 'eth_blockNumber') {
    const refused = acceptHead(state, slot, result, args.method)
    if (refused) throw refused
  }
  recordSuccess(slot.health, now() - started, now())
  state.changed()
  return result
}
