import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseRuntimeConfig } from '../../../../src/core/config/load'
import { createRpcManager } from '../../../../src/core/rpc/manager'
import { storageKeys } from '../../../../src/core/storage/stored'

/** A Map-backed Storage, as the browser's localStorage would behave. */
class MemoryStorage {
  private readonly map = new Map<string, string>()
  getItem = (k: string) => this.map.get(k) ?? null
  setItem = (k: string, v: string) => void this.map.set(k, v)
  removeItem = (k: string) => void this.map.delete(k)
}

const chain = (id: number, url: string) => ({
  id,
  name: `Chain ${id}`,
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpc: [{ url, batch: false }],
  protect: null,
})
const runtime = parseRuntimeConfig({
  defaultChainId: 1,
  replaceDefaultChains: true,
  chains: [chain(1, 'https://one.example/KEY'), chain(10, 'https://ten.example/KEY')],
})
const options = {
  pool: {
    probeIntervalMs: 60_000,
    sendFor:
      () =>
      async ({ method }: { method: string }) =>
        method === 'eth_chainId' ? '0x1' : '0x10',
  },
}

beforeEach(() => {
  Object.defineProperty(globalThis, 'localStorage', { value: new MemoryStorage(), configurable: true })
})
afterEach(() => {
  Reflect.deleteProperty(globalThis, 'localStorage')
})

/** The names of chain 1's endpoints, in the order the pool uses them. */
const names = (rpc: ReturnType<typeof createRpcManager>) =>
  rpc
    .pool(1)
    .endpoints()
    .map((e) => e.name)

describe('rpc manager', () => {
  it('runs background work for the active chain only, and none while paused', () => {
    const rpc = createRpcManager(runtime, options)
    rpc.setActiveChain(1)
    expect([rpc.pool(1).isRunning(), rpc.pool(10).isRunning()]).toEqual([true, false])
    rpc.setActiveChain(10)
    expect([rpc.pool(1).isRunning(), rpc.pool(10).isRunning()]).toEqual([false, true])
    rpc.pause()
    expect([rpc.pool(1).isRunning(), rpc.pool(10).isRunning()]).toEqual([false, false])
    rpc.resume()
    expect(rpc.pool(10).isRunning()).toBe(true)
    rpc.dispose()
    expect(rpc.pool(10).isRunning()).toBe(false)
  })

  it("a stopped WebSocket's last head is no witness: pausing drops it from the pool", async () => {
    const sockets: Array<{ onmessage: ((ev: { data: unknown }) => void) | null }> = []
    const socket = () => {
      const s = {
        onopen: null,
        onmessage: null,
        onclose: null,
        onerror: null,
        send: () => {},
        close: () => {},
      }
      sockets.push(s)
      return s
    }
    const withWs = parseRuntimeConfig({
      defaultChainId: 1,
      replaceDefaultChains: true,
      chains: [{ ...chain(1, 'https://one.example/KEY'), ws: ['wss://one.example/ws'] }],
    })
    const rpc = createRpcManager(withWs, { ...options, socket })
    rpc.setActiveChain(1)
    await rpc.pool(1).settled()
    const say = (json: unknown) => sockets[0]?.onmessage?.({ data: JSON.stringify(json) })
    say({ jsonrpc: '2.0', id: 0, result: '0x1' })
    say({ jsonrpc: '2.0', id: 1, result: '0xsub' })
    say({
      jsonrpc: '2.0',
      method: 'eth_subscription',
      params: { subscription: '0xsub', result: { number: '0x11' } },
    })
    // The endpoint says 16, the live stream 17: within a block, so 17 counts.
    expect(rpc.pool(1).getSnapshot()).toMatchObject({ liveState: 'live', bestHead: 17 })
    rpc.pause()
    expect(rpc.pool(1).getSnapshot()).toMatchObject({ liveState: 'polling', bestHead: 16 })
    rpc.dispose()
  })

  it('persists endpoint settings through the validated storage and applies them to the live pool', () => {
    const rpc = createRpcManager(runtime, options)
    rpc.updateChainSettings(1, {
      added: [{ url: 'https://mine.example/KEY', label: 'Mine' }],
      order: [],
      disabled: ['https://one.example/KEY'],
      removed: [],
    })
    expect(
      rpc
        .pool(1)
        .endpoints()
        .map((e) => [e.name, e.enabled]),
    ).toEqual([
      ['one.example', false],
      ['Mine', true],
    ])
    const stored = JSON.parse(globalThis.localStorage.getItem(storageKeys.endpoints) ?? '{}')
    expect(stored['1'].added).toEqual([{ url: 'https://mine.example/KEY', label: 'Mine' }])
    // A new session reads them back.
    const again = createRpcManager(runtime, options)
    expect(names(again)).toEqual(['one.example', 'Mine'])
    rpc.dispose()
    again.dispose()
  })

  it('resets corrupt stored settings instead of failing', () => {
    globalThis.localStorage.setItem(storageKeys.endpoints, '{"1": {"added": "nope"}}')
    const rpc = createRpcManager(runtime, options)
    expect(names(rpc)).toEqual(['one.example'])
    expect(globalThis.localStorage.getItem(storageKeys.endpoints)).toBeNull()
    rpc.dispose()
  })

  it('an endpoint added in storage outside Hush is not used until the user confirms it', () => {
    const forged = {
      '1': {
        added: [{ url: 'https://attacker.example/', label: 'Fast' }],
        order: [],
        disabled: [],
        removed: [],
      },
    }
    globalThis.localStorage.setItem(storageKeys.endpoints, JSON.stringify(forged))
    const rpc = createRpcManager(runtime, options)
    expect(names(rpc)).toEqual(['one.example'])
    expect(rpc.unconfirmedSettings()).toEqual(forged)
    rpc.settleStoredSettings(true)
    expect(names(rpc)).toEqual(['one.example', 'Fast'])
    expect(rpc.unconfirmedSettings()).toBeUndefined()
    // Confirmed: the next start uses it without asking again.
    expect(names(createRpcManager(runtime, options))).toEqual(['one.example', 'Fast'])
  })

  it('refusing stored endpoint changes keeps the configured endpoints', () => {
    const forged = {
      '1': { added: [{ url: 'https://attacker.example/' }], order: [], disabled: [], removed: [] },
    }
    globalThis.localStorage.setItem(storageKeys.endpoints, JSON.stringify(forged))
    const rpc = createRpcManager(runtime, options)
    rpc.settleStoredSettings(false)
    const again = createRpcManager(runtime, options)
    expect(again.unconfirmedSettings()).toBeUndefined()
    expect(names(again)).toEqual(['one.example'])
  })
})
