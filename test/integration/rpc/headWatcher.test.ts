import { createRequire } from 'node:module'
import { afterEach, describe, expect, inject, it, vi } from 'vitest'
import { startHeadWatcher } from '../../../src/core/rpc/headWatcher'
import type { LiveState } from '../../../src/core/rpc/pool'
import type { SocketFactory } from '../../../src/core/rpc/reconnectingSocket'
import { rpc } from '../../../tools/devnet/devnet'
import { type SocketProxy, startSocketProxy } from '../../harness/faultProxy'

/** Node 20 has no global WebSocket; the browser's is used in the app. `ws` ships with viem. */
const require = createRequire(import.meta.url)
const NodeWebSocket = require('ws') as new (url: string) => ReturnType<SocketFactory>
const socket: SocketFactory = (url) => new NodeWebSocket(url)

const devnet = inject('devnet')
const port = Number(new URL(devnet.wsUrl).port)
const cleanup: Array<() => unknown> = []
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn()
})

async function watch(options: { maxAttempts?: number; baseDelayMs?: number } = {}) {
  const proxy: SocketProxy = await startSocketProxy({ upstreamPort: port })
  cleanup.push(() => proxy.stop())
  const states: LiveState[] = []
  const heads: number[] = []
  let catchUps = 0
  const watcher = startHeadWatcher({
    url: proxy.url,
    chainId: devnet.chainId,
    socket,
    baseDelayMs: 100,
    ...options,
    onState: (s) => states.push(s),
    onHead: (h) => heads.push(h),
    onCatchUp: () => catchUps++,
  })
  cleanup.push(() => watcher.stop())
  return { proxy, states, heads, catchUps: () => catchUps, watcher }
}

const head = async () => Number.parseInt(await rpc<string>(devnet.url, 'eth_blockNumber'), 16)

describe('live heads over WebSocket', () => {
  it('goes live, sees new heads, reconnects after a drop with one catch-up, and resubscribes', async () => {
    const w = await watch()
    await vi.waitFor(() => expect(w.states.at(-1)).toBe('live'), { timeout: 10_000 })
    await rpc(devnet.url, 'anvil_mine', ['0x1'])
    const first = await head()
    await vi.waitFor(() => expect(w.heads).toContain(first), { timeout: 10_000 })
    expect(w.catchUps()).toBe(0)

    await w.proxy.kill()
    await vi.waitFor(() => expect(w.states.at(-1)).toBe('reconnecting'), { timeout: 10_000 })
    await w.proxy.revive()
    await vi.waitFor(() => expect(w.states.at(-1)).toBe('live'), { timeout: 10_000 })
    expect(w.catchUps()).toBe(1)
    await rpc(devnet.url, 'anvil_mine', ['0x1'])
    const second = await head()
    await vi.waitFor(() => expect(w.heads).toContain(second), { timeout: 10_000 })
  })

  it('falls back to polling when reconnects run out, and stop() ends everything', async () => {
    const w = await watch({ maxAttempts: 2, baseDelayMs: 50 })
    await vi.waitFor(() => expect(w.states.at(-1)).toBe('live'), { timeout: 10_000 })
    await w.proxy.kill()
    await vi.waitFor(() => expect(w.states.at(-1)).toBe('polling'), { timeout: 10_000 })
    expect(w.states.filter((s) => s === 'reconnecting')).toHaveLength(2)
    w.watcher.stop()
    const count = w.states.length
    await w.proxy.revive()
    await rpc(devnet.url, 'anvil_mine', ['0x1'])
    // Longer than any reconnect delay it could have left behind.
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(w.states).toHaveLength(count)
    const latest = await head()
    expect(w.heads.every((h) => h < latest)).toBe(true)
  })
})
