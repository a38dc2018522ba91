import type { RequestArgs } from './types'

/** Methods whose answers are not the same for identical concurrent calls, or that change state. */
const neverDedupe = new Set([
  'eth_sendRawTransaction',
  'eth_sendTransaction',
  'eth_subscribe',
  'eth_unsubscribe',
])

function bigintSafe(_key: string, value: unknown) {
  return typeof value === 'bigint' ? `${value}n` : value
}

/** Wraps `send` so identical concurrent reads share one request; writes and subscriptions always go out. */
export function dedupeConcurrent(
  send: (args: RequestArgs) => Promise<unknown>,
  onChange: () => void,
): (args: RequestArgs) => Promise<unknown> {
  const inflight = new Map<string, Promise<unknown>>()
  return (args) => {
    if (neverDedupe.has(args.method)) return send(args)
    const key = `${args.method}:${JSON.stringify(args.params ?? [], bigintSafe)}`
    const existing = inflight.get(key)
    if (existing) return existing
    const promise = send(args).finally(() => {
      inflight.delete(key)
    })
    inflight.set(key, promise)
    onChange()
    return promise
  }
}
