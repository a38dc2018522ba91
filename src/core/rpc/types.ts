import type { Endpoint } from './endpoints'

/** Shared by the pool's parts and by what reads their output (snapshot, head watcher, UI). */
export type RequestArgs = { method: string; params?: unknown }
export type Send = (args: RequestArgs) => Promise<unknown>

/**
 * A dated change the Network page lists: reads moving to another endpoint (failover) or back to a preferred
 * one (fail-back), an endpoint's status changing (seen by reads or by health checks), or an answer refused.
 */
export type PoolEventKind =
  | 'failover'
  | 'fail-back'
  | 'down'
  | 'recovered'
  | 'lagging'
  | 'degraded'
  | 'wrong-chain'
  | 'bad-answer'
export type PoolEvent = {
  /** Unique within the pool, in order. */
  id: number
  at: number
  kind: PoolEventKind
  /** The endpoint the event is about (for failover and fail-back: the one reads left). */
  endpoint: string
  /** Failover and fail-back: the endpoint reads went to. */
  to?: string
  reason: string
}
export type LiveState = 'live' | 'reconnecting' | 'polling'

export type PoolOptions = {
  chainId: number
  endpoints: Endpoint[]
  /** Per attempt: a hung endpoint costs a read this long, once. */
  timeoutMs?: number
  /** The very last attempt of a request gets more patience (a slow endpoint beats no answer). */
  lastResortTimeoutMs?: number
  /** Health checks of endpoints not in use while the one in use is failing (and of everything at start). */
  probeIntervalMs?: number
  /** Health checks of endpoints not in use while the one in use is healthy: at most this often. */
  standbyProbeMs?: number
  /** Retry rounds over all endpoints after the first, for transient failures only. */
  retries?: number
  retryBaseMs?: number
  /** Longest Retry-After / empty bucket wait honoured before giving up on that endpoint. */
  maxWaitMs?: number
  now?: () => number
  /** Builds the request function for one endpoint; default: a viem `http` transport without its own retries. */
  sendFor?: (endpoint: Endpoint, timeoutMs: number) => Send
}
