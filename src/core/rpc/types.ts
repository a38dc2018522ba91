import type { Endpoint } from './endpoints'

/** Shared by the pool's parts and by what reads their output (snapshot, head watcher, UI). */
export type RequestArgs = { method: string; params?: unknown }
export type Send = (args: RequestArgs) => Promise<unknown>

export type FailoverEvent = { at: number; from: string; to: string; reason: string }
export type LiveState = 'live' | 'reconnecting' | 'polling'

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
