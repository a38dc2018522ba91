import { type EIP1193RequestFn, http } from 'viem'
import { causeChain } from '../errors/causes'
import type { Endpoint } from './endpoints'
import type { Send } from './types'

/** The request function for one endpoint: a viem `http` transport without its own retries. */
export function defaultSend(endpoint: Endpoint, timeoutMs: number): Send {
  const transport = http(endpoint.url, {
    batch: endpoint.batch ? { wait: 0 } : false,
    timeout: timeoutMs,
    retryCount: 0,
  })({ retryCount: 0 })
  const request = transport.request as EIP1193RequestFn
  return (args) => request(args as never)
}

/** HTTP Retry-After in ms (seconds or an HTTP date), if the error carries one. */
export function retryAfterMs(error: unknown, now: number): number | undefined {
  for (const { raw } of causeChain(error)) {
    const headers = raw.headers as Headers | undefined
    const value = headers && typeof headers.get === 'function' ? headers.get('retry-after') : null
    if (value) {
      const seconds = Number(value)
      if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
      const date = Date.parse(value)
      if (Number.isFinite(date)) return Math.max(0, date - now)
    }
  }
  return undefined
}

/** A JSON-RPC quantity as a safe integer; parseInt alone would read "-0x5" as -5 and "1e+118" as 1. */
export function quantity(value: unknown): number | undefined {
  return typeof value === 'string' && /^0x[0-9a-fA-F]{1,13}$/.test(value)
    ? Number.parseInt(value, 16)
    : undefined
}

export const jitter = (ms: number) => ms / 2 + Math.random() * (ms / 2)
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
