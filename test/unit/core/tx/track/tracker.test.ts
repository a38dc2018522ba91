import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newSequentialBatch } from '../../../../../src/core/batch/activity'
import { storageKeys } from '../../../../../src/core/storage/stored'
import { RecordStore } from '../../../../../src/core/tx/records/records'
import { createTracker } from '../../../../../src/core/tx/track/tracker'
import { Chain } from '../../../../sim/chain'
import { FakeClock, flushMicrotasks } from '../../../../sim/clock'
import { Endpoints } from '../../../../sim/reads'
import { Relay } from '../../../../sim/relay'
import { SimLocks } from '../../../../sim/tab'
import { localRuntimeConfig } from '../../../../support/builders/config'
import { memoryStorage } from '../../../../support/builders/memoryStorage'

const from = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const to = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
const config = localRuntimeConfig({
  rpc: [{ url: 'https://a.example' }],
  protect: { rpcUrl: 'https://protect.example/fast', statusUrl: 'https://status.example/tx/' },
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

type Answer = <T>(label: string, compute: () => T) => Promise<T>
const atOnce: Answer = (_label, compute) => Promise.resolve().then(compute)

function tracker(store: RecordStore, deliver: Answer = atOnce, locks = new SimLocks()) {
  const endpoints = new Endpoints(chain, relay, clock)
  const answer: Answer = (label, compute) => {
    reads++
    return deliver(label, compute)
  }
  const pool = endpoints.chainReads(answer)
  const reader = endpoints.reader(answer)
  return createTracker({
    store,
    config,
    clock,
    locks: locks.forTab(1),
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

  it('a close that storage cannot keep stays closed in this tab: not shown again, not read again (full storage)', async () => {
    // Another app's two records, nonces far out of reach; storage then has no room for their closed versions.
    const foreign = (nonce: number) => ({
      id: `foreign-${nonce}`,
      kind: 'transfer',
      chainId: 31337,
      from,
      nonce,
      createdAt: clock.now(),
      protected: true,
      status: 'AWAITING_WALLET',
      privacy: 'checking',
      intentBlock: 0,
    })
    const raw = JSON.stringify([foreign(1001), foreign(1000)])
    const storage = memoryStorage({ quota: storageKeys.activity.length + raw.length })
    storage.setItem(storageKeys.activity, raw)
    ;(globalThis as { localStorage?: unknown }).localStorage = storage
    const store = new RecordStore()
    // Each answer waits until the test lets it through, one at a time (as in the simulator), so one loop has
    // ended before the other's close comes. A close is not written; before, the next change merged storage's open
    // version back over it, which listed the record again and started its loop again: the two bounced for good.
    const held: Array<() => void> = []
    const oneByOne: Answer = (_label, compute) =>
      new Promise((resolve, reject) => held.push(() => Promise.resolve().then(compute).then(resolve, reject)))
    const t = tracker(store, oneByOne)
    t.start()
    const settle = async () => {
      for (let i = 0; i < 20; i++) {
        for (let j = 0; j < 10; j++) await flushMicrotasks()
        held.shift()?.()
      }
      for (let j = 0; j < 10; j++) await flushMicrotasks()
    }
    await settle()
    expect(store.lastSaveError()).toBeDefined()
    // One read for each record, and none after: the tab keeps its closes, unwritten.
    expect(reads).toBe(2)
    expect(store.list()).toEqual([])
    await clock.advance(10_000, settle)
    expect(reads).toBe(2)
    expect(store.list()).toEqual([])
    t.stop()
  })

  // Simulator seed 1 path 110 (batches,walletSwitch,hungReads): the tab running a one-by-one batch closed before
  // its first prompt; its lock went with it, but nothing was written, so the container stayed "pending" for good.
  it('a one-by-one container whose run went with its closed tab is shown stopped, with no write to wake it', async () => {
    const store = new RecordStore()
    const locks = new SimLocks()
    void locks.forTab(2).run('hush.batch.b1', () => new Promise<never>(() => undefined))
    store.add(
      newSequentialBatch({
        id: 'b1',
        chainId: 31337,
        from,
        steps: [1n, 2n].map((v) => ({ call: { to, value: v }, sentence: `pay ${v}` })),
        protected: true,
        now: clock.now(),
      }),
    )
    const t = tracker(store, atOnce, locks)
    t.start()
    await flushMicrotasks()
    await clock.advance(5_000, flushMicrotasks)
    expect(store.get('b1')?.status).toBe('PENDING')
    locks.closeTab(2)
    await clock.advance(5_000, flushMicrotasks)
    expect(store.get('b1')).toMatchObject({ status: 'FAILED' })
    t.stop()
  })
})
