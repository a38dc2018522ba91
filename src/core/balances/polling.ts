import type { ChainConfig } from '../config/schema'

const localHosts = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * How often to ask for the head when no WebSocket pushes it. A local devnet mines every second or two, so it
 * is polled each second; public endpoints are asked every 4 s (a third of a mainnet slot) to stay cheap.
 */
export function blockPollingInterval(chain: ChainConfig): number {
  const local = chain.rpc.every((r) => {
    try {
      return localHosts.has(new URL(r.url).hostname)
    } catch {
      return false
    }
  })
  return local ? 1_000 : 4_000
}
