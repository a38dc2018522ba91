import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseRuntimeConfig } from '../../../../../src/core/config/load'
import { RecordStore } from '../../../../../src/core/tx/records/records'
import { createTracker } from '../../../../../src/core/tx/track/tracker'
import { Chain } from '../../../../sim/chain'
import { FakeClock, flushMicrotasks } from '../../../../sim/clock'
import { Endpoints } from '../../../../sim/reads'
import { Relay } from '../../../../sim/relay'
import { SimLocks } from '../../../../sim/tab'
import { memoryStorage } from '../../../../support/builders/memoryStorage'

const from = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const to = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
const config = parseRuntimeConfig({
  defaultChainId: 31337,
  replaceDefaultChains: true,
  chains: [
    {
      id: 31337,
      name: 'Local',
      nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      rpc: [{ url: 'https://a.example' }],
      protect: { rpcUrl: 'https://protect.example/fast', statusUrl: 'https://status.example/tx/' },
    },
  ],
})

let clock: FakeClock
let chain: Chain
let relay: Relay
let reads: number
beforeEach(() => {
  ;(globalThis as { localStorage?: unknown }).localStorage = memoryStorage()
  clock = new FakeClock()
  chain = new Chain()
  relay = new Relay(chain, () => 0)
  reads = 0
})
afterEach(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage
})

function tracker(store: RecordStore) {
  const endpoints = new Endpoints(chain, relay, clock)
  const answer = <T>(_label: string, compute: () => T) => {
    reads++
    return Promise.resolve().then(compute)
  }
  const pool = endpoints.chainReads(answer)
  const reader = endpoints.reader(answer)
  return createTracker({
    store,
    config,
    clock,
    locks: new SimLocks().forTab(1),
    rpc: { pool: () => pool, intentReader: () => reader },
    fetchStatus: async () => ({ kind: 'unavailable', reason: 'not asked in this test' }),
  })
}

describe('createTracker: the tracking loops as a core service, on a fake clock', () => {
  it('finds an orphaned intent by its nonce, then follows its hash to Included; stop ends every loop', async () => {
    const store = new RecordStore()
    store.add({
      id: 'intent-1',
      kind: 'transfer',
      chainId: 31337,
      from,
      nonce: 0,
      call: { to, value: '5' },
      createdAt: clock.now(),
      protected: false,
      status: 'AWAITING_WALLET',
      privacy: 'unprotected',
      intentBlock: 0,
    })
    const hash = chain.newHash()
    relay.submit({
      hash,
      from,
      nonce: 0,
      requestedNonce: 0,
      to,
      value: 5n,
      input: '0x',
      route: 'public',
      payment: 'P1',
    })
    relay.mineBlock()
    const seen: string[] = []
    store.subscribe((list) => {
      const status = list.find((r) => r.id === 'intent-1')?.status
      if (status && seen.at(-1) !== status) seen.push(status)
    })
    const t = tracker(store)
    t.start()
    const settle = async () => {
      for (let i = 0; i < 50; i++) await flushMicrotasks()
    }
    await settle()
    await clock.advance(5_000, settle)
    // The intent loop found it by sender and nonce, then the hash loop saw its receipt.
    expect(seen).toEqual(['PENDING', 'INCLUDED'])
    expect(store.get('intent-1')).toMatchObject({ hash, status: 'INCLUDED' })
    t.stop()
    const before = reads
    await clock.advance(60_000, settle)
    expect(reads).toBe(before)
  })
})
