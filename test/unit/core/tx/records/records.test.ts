import { beforeEach, describe, expect, it } from 'vitest'
import { storageNotices } from '../../../../../src/core/storage/stored'
import { RecordStore, type TxRecord } from '../../../../../src/core/tx/records/records'
import { nextNonce } from '../../../../../src/core/tx/send/nonces'
import { readProof } from '../../../../../src/core/tx/track/observations'
import { memoryStorage } from '../../../../support/builders/memoryStorage'

const from = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
function record(over: Partial<TxRecord> = {}): TxRecord {
  return {
    id: `r${Math.random()}`,
    kind: 'transfer',
    chainId: 31337,
    from,
    hash: `0x${'11'.repeat(32)}`,
    nonce: 0,
    createdAt: 1,
    protected: true,
    status: 'PENDING',
    privacy: 'checking',
    ...over,
  }
}

beforeEach(() => {
  ;(globalThis as { localStorage?: unknown }).localStorage = memoryStorage()
})

describe('activity store', () => {
  it('persists records newest first and reads them back validated', () => {
    const a = new RecordStore('test.activity')
    a.add(record({ id: 'old', createdAt: 1 }))
    a.add(record({ id: 'new', createdAt: 2 }))
    a.update('old', { status: 'INCLUDED' })
    const b = new RecordStore('test.activity')
    expect(b.list().map((r) => r.id)).toEqual(['new', 'old'])
    expect(b.get('old')?.status).toBe('INCLUDED')
  })

  it('keeps a record with a status or fields it does not know; leaves an unreadable one in storage, with a notice', () => {
    const newer = { ...record({ id: 'newer' }), status: 'BUNDLED', bundle: { id: 7 } }
    const unreadable = { ...record({ id: 'bad' }), privacy: 'quantum' }
    localStorage.setItem('test.activity', JSON.stringify([record({ id: 'good' }), newer, unreadable, 42]))
    const store = new RecordStore('test.activity')
    expect(
      store
        .list()
        .map((r) => r.id)
        .sort(),
    ).toEqual(['good', 'newer'])
    expect(store.get('newer')).toMatchObject({ status: 'BUNDLED', bundle: { id: 7 } })
    store.add(record({ id: 'mine', createdAt: 5 }))
    const stored = JSON.parse(localStorage.getItem('test.activity') ?? '[]') as { id: string }[]
    expect(stored.map((r) => r.id).sort()).toEqual(['bad', 'good', 'mine', 'newer'])
    expect(
      storageNotices().some((n) => n.key === 'test.activity' && /2 activity record/.test(n.reason)),
    ).toBe(true)
    localStorage.setItem('test.activity', '{oops')
    expect(new RecordStore('test.activity').list()).toEqual([])
  })

  it('keeps fields it does not know (batch steps and extras) and refuses an invalid record on write', () => {
    const store = new RecordStore('test.activity')
    store.add({
      ...record({ id: 'b', kind: 'batch', steps: [{ label: 'Approve', extra: 1 }] }),
      path: 'atomic',
    })
    const back = new RecordStore('test.activity').get('b') as TxRecord & { path?: string }
    expect(back.steps?.[0]).toEqual({ label: 'Approve', extra: 1 })
    expect(back.path).toBe('atomic')
    expect(() => store.add({ ...record(), hash: '0x12' as `0x${string}` })).toThrow()
  })

  it('declares the preview and the outcome check: a damaged one reads as absent and keeps the record (issue 21)', () => {
    const a = new RecordStore('test.activity')
    const damaged = record({ id: 'damaged' })
    localStorage.setItem(
      'test.activity',
      JSON.stringify([{ ...damaged, preview: { version: 99 }, outcome: 'x' }]),
    )
    a.reload()
    expect(a.get('damaged')).toBeDefined()
    expect(a.get('damaged')?.preview).toBeUndefined()
    expect(a.get('damaged')?.outcome).toBeUndefined()
  })

  it('declares what tracking saw: a damaged part of the proof reads as absent, the rest and the record stay (issue 21)', () => {
    const a = new RecordStore('test.activity')
    const entry = { source: 'status-api', text: 'PENDING', first: 1, last: 1, count: 1 }
    const stored = { ...record({ id: 'seen' }), log: [entry], confirmedBy: 'not a list', observedHead: 7 }
    localStorage.setItem('test.activity', JSON.stringify([stored]))
    a.reload()
    const seen = a.get('seen')
    expect(seen?.log).toEqual([entry])
    expect(seen?.confirmedBy).toBeUndefined()
    expect(readProof({ ...record(), log: [entry], finalAt: 'x' } as unknown as TxRecord)).toEqual({
      log: [entry],
    })
    expect(readProof(seen as TxRecord).observedHead).toBe(7)
  })

  it('keeps what a newer Hush added to the proof (a log source, a sub-field) through this version’s writes', () => {
    const a = new RecordStore('test.activity')
    const entry = { source: 'bundle-api', text: 'seen', first: 1, last: 1, count: 1 }
    const watch = { asked: ['a'], configured: 2, coverage: 'full' }
    const corrections = [{ at: 1, from: 'PENDING', to: 'DROPPED', reason: 'newer' }]
    localStorage.setItem(
      'test.activity',
      JSON.stringify([{ ...record({ id: 'newer' }), log: [entry], watch, corrections }]),
    )
    a.reload()
    a.update('newer', { detail: 'written by this version' })
    const stored = JSON.parse(localStorage.getItem('test.activity') ?? '[]')[0]
    expect(stored).toMatchObject({ detail: 'written by this version', log: [entry], watch, corrections })
  })

  it('two tabs writing to one storage never erase each other’s records', () => {
    const tabA = new RecordStore('test.activity')
    const tabB = new RecordStore('test.activity')
    tabA.add(record({ id: 'a1', createdAt: 1 }))
    // B has not reloaded since A wrote: its write still merges A's record in.
    tabB.add(record({ id: 'b1', createdAt: 2 }))
    tabA.update('a1', { status: 'INCLUDED' })
    tabA.reload()
    tabB.reload()
    for (const tab of [tabA, tabB]) {
      expect(tab.list().map((r) => r.id)).toEqual(['b1', 'a1'])
      expect(tab.get('a1')?.status).toBe('INCLUDED')
    }
  })

  it('a lost write (another tab overwrote storage with an older list) is written back on reload', () => {
    const tab = new RecordStore('test.activity')
    tab.add(record({ id: 'mine' }))
    const before = localStorage.getItem('test.activity')
    tab.add(record({ id: 'second', createdAt: 3 }))
    localStorage.setItem('test.activity', before ?? '[]')
    tab.reload()
    const stored = JSON.parse(localStorage.getItem('test.activity') ?? '[]') as { id: string }[]
    expect(stored.map((r) => r.id)).toEqual(['second', 'mine'])
  })

  it('an update applies to the freshest stored version: a field another tab set is not overwritten', () => {
    const tabA = new RecordStore('test.activity')
    const tabB = new RecordStore('test.activity')
    tabA.add(record({ id: 'x' }))
    tabB.reload()
    tabA.update('x', { replacedBy: 'y' })
    tabB.update('x', { detail: 'seen by B' })
    expect(new RecordStore('test.activity').get('x')).toMatchObject({
      replacedBy: 'y',
      detail: 'seen by B',
    })
  })

  it('reports a storage write failure (quota) as an error, and clears it once a write succeeds', () => {
    const store = new RecordStore('test.activity')
    const errors: (string | undefined)[] = []
    store.onSaveError((e) => errors.push(e))
    const real = localStorage.setItem.bind(localStorage)
    localStorage.setItem = () => {
      const error = new Error('quota')
      error.name = 'QuotaExceededError'
      throw error
    }
    store.add(record({ id: 'kept-in-memory' }))
    expect(store.lastSaveError()).toMatch(/storage for this site is full/)
    expect(store.get('kept-in-memory')).toBeDefined()
    localStorage.setItem = real
    store.update('kept-in-memory', { status: 'INCLUDED' })
    expect(store.lastSaveError()).toBeUndefined()
    expect(errors).toEqual([expect.stringMatching(/full/), undefined])
    expect(new RecordStore('test.activity').get('kept-in-memory')?.status).toBe('INCLUDED')
  })
})

describe('full storage (issue 21)', () => {
  /** Storage with exactly the room `fill` leaves after what the store wrote so far. */
  function fullAfter(setup: (store: RecordStore) => void) {
    const storage = memoryStorage({ quota: 10_000 })
    ;(globalThis as { localStorage?: unknown }).localStorage = storage
    const store = new RecordStore('test.activity')
    setup(store)
    const used = [...Array(storage.length).keys()].reduce((n, i) => {
      const k = storage.key(i) ?? ''
      return n + k.length + (storage.getItem(k) ?? '').length
    }, 0)
    storage.setItem('another.app', 'x'.repeat(10_000 - used - 'another.app'.length))
    return store
  }
  const stored = () =>
    (JSON.parse(localStorage.getItem('test.activity') ?? '[]') as TxRecord[]).map((r) => [r.id, r.status])

  it('a status update it cannot write keeps the stored earlier version, and this tab still knows the new one', () => {
    const store = fullAfter((s) => s.add(record({ id: 'open' })))
    store.update('open', { status: 'INCLUDED', detail: 'Included in block 2.' })
    expect(store.lastSaveError()).toMatch(/full/)
    expect(store.get('open')?.status).toBe('INCLUDED')
    expect(stored()).toEqual([['open', 'PENDING']])
    store.reload()
    expect(store.get('open')?.status).toBe('INCLUDED')
  })

  it('never trims a record that storage still holds open to make room, even when this tab knows it final', () => {
    const store = fullAfter((s) => s.add(record({ id: 'open', createdAt: 1 })))
    store.update('open', { status: 'INCLUDED' })
    const result = store.addDurably(record({ id: 'intent', createdAt: 2, status: 'AWAITING_WALLET' }))
    expect(result.ok).toBe(false)
    expect(stored()).toEqual([['open', 'PENDING']])
    expect(store.list().map((r) => [r.id, r.status])).toEqual([['open', 'INCLUDED']])
  })

  it('a trim whose write fails leaves this tab its own newer version of the records it tried to drop', () => {
    const store = fullAfter((s) => s.add(record({ id: 'final', status: 'INCLUDED' })))
    store.update('final', { detail: 'Included in block 2.' })
    const big = record({ id: 'intent', createdAt: 2, status: 'AWAITING_WALLET', detail: 'x'.repeat(400) })
    expect(store.addDurably(big).ok).toBe(false)
    expect(stored()).toEqual([['final', 'INCLUDED']])
    expect(store.list().map((r) => [r.id, r.detail])).toEqual([['final', 'Included in block 2.']])
  })

  it('never makes room with a stopped one-by-one batch or its steps: Resume reads them (an included step is skipped)', () => {
    const store = fullAfter((s) => {
      s.add(record({ id: 'batch', kind: 'batch', path: 'sequential', createdAt: 1, status: 'FAILED' }))
      s.add(record({ id: 'step-1', createdAt: 2, status: 'INCLUDED', batchId: 'batch', stepIndex: 0 }))
    })
    const result = store.addDurably(record({ id: 'intent', createdAt: 3, status: 'AWAITING_WALLET' }))
    expect(result.ok).toBe(false)
    expect(stored()).toEqual([
      ['step-1', 'INCLUDED'],
      ['batch', 'FAILED'],
    ])
  })

  it('trims only records final in storage, oldest first; the update that could not be written lands with the room', () => {
    const store = fullAfter((s) => {
      s.add(record({ id: 'open', createdAt: 1 }))
      s.add(record({ id: 'final-old', createdAt: 2, status: 'INCLUDED', detail: 'x'.repeat(300) }))
      s.add(record({ id: 'final-new', createdAt: 3, status: 'FAILED' }))
    })
    store.update('open', { status: 'INCLUDED' })
    const result = store.addDurably(record({ id: 'intent', createdAt: 4, status: 'AWAITING_WALLET' }))
    expect(result.ok).toBe(true)
    expect(stored()).toEqual([
      ['intent', 'AWAITING_WALLET'],
      ['final-new', 'FAILED'],
      ['open', 'INCLUDED'],
    ])
  })
})

describe('the 500-record limit (issue 21)', () => {
  it('never drops a record storage holds open, though this tab knows it final: its final version is written', () => {
    const finals = Array.from({ length: 499 }, (_, i) =>
      record({ id: `f${i}`, createdAt: i + 1, status: 'INCLUDED' }),
    )
    localStorage.setItem('test.activity', JSON.stringify([...finals, record({ id: 'x', createdAt: 0 })]))
    const store = new RecordStore('test.activity')
    const real = localStorage.setItem.bind(localStorage)
    localStorage.setItem = () => {
      throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' })
    }
    store.update('x', { status: 'INCLUDED' })
    localStorage.setItem = real
    store.add(record({ id: 'new', createdAt: 1_000 }))
    const back = new RecordStore('test.activity')
    expect(back.list()).toHaveLength(500)
    expect(back.get('x')?.status).toBe('INCLUDED')
    expect(back.get('f0')).toBeUndefined()
  })
})

describe('own pending nonces', () => {
  it('counts our unfinished private transactions and intents the node cannot see', () => {
    const records = [
      record({ nonce: 5 }),
      record({ nonce: 6, status: 'UNKNOWN' }),
      record({ nonce: 7, status: 'AWAITING_WALLET', hash: undefined }),
    ]
    expect(nextNonce(5, records, 31337, from)).toBe(8)
    expect(nextNonce(9, records, 31337, from)).toBe(9)
  })

  it('frees the nonce of failed, cancelled, replaced and not-sent ones; a status it does not know holds it', () => {
    const records = [
      record({ nonce: 5, status: 'FAILED' }),
      record({ nonce: 6, status: 'CANCELLED' }),
      record({ nonce: 7, status: 'NOT_SENT' }),
      record({ nonce: 8, chainId: 1 }),
      record({ nonce: 9, from: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' }),
    ]
    expect(nextNonce(5, records, 31337, from)).toBe(5)
    expect(nextNonce(5, [...records, record({ nonce: 6, status: 'BUNDLED' })], 31337, from)).toBe(7)
  })
})
