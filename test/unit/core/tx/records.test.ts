import { beforeEach, describe, expect, it } from 'vitest'
import { storageNotices } from '../../../../src/core/storage/stored'
import { SendLock } from '../../../../src/core/tx/lock'
import { nextNonce } from '../../../../src/core/tx/nonces'
import { type ActivityRecord, ActivityStore } from '../../../../src/core/tx/records'

class MemoryStorage {
  private map = new Map<string, string>()
  getItem(k: string) {
    return this.map.get(k) ?? null
  }
  setItem(k: string, v: string) {
    this.map.set(k, v)
  }
  removeItem(k: string) {
    this.map.delete(k)
  }
}

const from = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
function record(over: Partial<ActivityRecord> = {}): ActivityRecord {
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
  ;(globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage()
})

describe('activity store', () => {
  it('persists records newest first and reads them back validated', () => {
    const a = new ActivityStore('test.activity')
    a.add(record({ id: 'old', createdAt: 1 }))
    a.add(record({ id: 'new', createdAt: 2 }))
    a.update('old', { status: 'INCLUDED' })
    const b = new ActivityStore('test.activity')
    expect(b.list().map((r) => r.id)).toEqual(['new', 'old'])
    expect(b.get('old')?.status).toBe('INCLUDED')
  })

  it('drops a corrupt record without losing the others, and resets unreadable storage with a notice', () => {
    localStorage.setItem(
      'test.activity',
      JSON.stringify([record({ id: 'good' }), { ...record({ id: 'bad' }), status: 'EXPLODED' }, 42]),
    )
    expect(new ActivityStore('test.activity').list().map((r) => r.id)).toEqual(['good'])
    expect(JSON.parse(localStorage.getItem('test.activity') ?? '[]')).toHaveLength(1)
    localStorage.setItem('test.activity', '{oops')
    expect(new ActivityStore('test.activity').list()).toEqual([])
    expect(storageNotices().some((n) => n.key === 'test.activity')).toBe(true)
  })

  it('keeps fields it does not know (batch steps and extras) and refuses an invalid record on write', () => {
    const store = new ActivityStore('test.activity')
    store.add({
      ...record({ id: 'b', kind: 'batch', steps: [{ label: 'Approve', extra: 1 }] }),
      path: 'atomic',
    })
    const back = new ActivityStore('test.activity').get('b') as ActivityRecord & { path?: string }
    expect(back.steps?.[0]).toEqual({ label: 'Approve', extra: 1 })
    expect(back.path).toBe('atomic')
    expect(() => store.add({ ...record(), hash: '0x12' as `0x${string}` })).toThrow()
  })
})

describe('own pending nonces', () => {
  it('counts our unfinished private transactions the node cannot see', () => {
    const records = [record({ nonce: 5 }), record({ nonce: 6, status: 'UNKNOWN' })]
    expect(nextNonce(5, records, 31337, from)).toBe(7)
    expect(nextNonce(9, records, 31337, from)).toBe(9)
  })

  it('frees the nonce of failed, cancelled and replaced ones, and ignores other accounts and chains', () => {
    const records = [
      record({ nonce: 5, status: 'FAILED' }),
      record({ nonce: 6, status: 'CANCELLED' }),
      record({ nonce: 7, chainId: 1 }),
      record({ nonce: 8, from: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' }),
    ]
    expect(nextNonce(5, records, 31337, from)).toBe(5)
  })
})

describe('send lock', () => {
  it('allows one submission per account at a time', () => {
    const lock = new SendLock()
    const release = lock.tryAcquire('1:a')
    expect(release).toBeDefined()
    expect(lock.tryAcquire('1:a')).toBeUndefined()
    expect(lock.tryAcquire('1:b')).toBeDefined()
    release?.()
    release?.()
    expect(lock.tryAcquire('1:a')).toBeDefined()
  })
})
