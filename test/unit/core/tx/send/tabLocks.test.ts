import { beforeEach, describe, expect, it } from 'vitest'
import { storageLeases, webLocks } from '../../../../../src/core/tx/send/tabLocks'
import { memoryStorage } from '../../../../support/builders/memoryStorage'

/** A minimal Web Locks manager (exclusive locks, ifAvailable, query) with the browser's semantics. */
function fakeLockManager() {
  const held = new Set<string>()
  const queues = new Map<string, (() => void)[]>()
  const release = (name: string) => {
    held.delete(name)
    queues.get(name)?.shift()?.()
  }
  return {
    async request(name: string, a: unknown, b?: unknown) {
      const options = (typeof a === 'function' ? {} : a) as { ifAvailable?: boolean }
      const fn = (typeof a === 'function' ? a : b) as (lock: unknown) => Promise<unknown>
      if (held.has(name)) {
        if (options.ifAvailable) return await fn(null)
        await new Promise<void>((r) => queues.set(name, [...(queues.get(name) ?? []), r]))
      }
      held.add(name)
      try {
        return await fn({ name })
      } finally {
        release(name)
      }
    },
    async query() {
      return { held: [...held].map((name) => ({ name })) }
    },
  }
}

const tick = (ms = 10) => new Promise((r) => setTimeout(r, ms))

describe('tab locks', () => {
  beforeEach(() => {
    ;(globalThis as { localStorage?: unknown }).localStorage = memoryStorage()
  })

  for (const [label, make] of [
    [
      'Web Locks',
      () => {
        const manager = fakeLockManager()
        return [webLocks(manager as never), webLocks(manager as never)] as const
      },
    ],
    [
      'storage leases (no navigator.locks)',
      () => {
        const storage = () => globalThis.localStorage
        return [
          storageLeases({ storage, pollMs: 10, ttlMs: 500 }),
          storageLeases({ storage, pollMs: 10, ttlMs: 500 }),
        ] as const
      },
    ],
  ] as const) {
    it(`${label}: the second tab waits, is told so, and runs after the first`, async () => {
      const [tabA, tabB] = make()
      const order: string[] = []
      let releaseA!: () => void
      const a = tabA.run('hush.send.1:0xabc', async () => {
        order.push('A start')
        await new Promise<void>((r) => {
          releaseA = r
        })
        order.push('A end')
      })
      await tick(60)
      let told = 0
      const b = tabB.run(
        'hush.send.1:0xabc',
        async () => {
          order.push('B')
        },
        () => told++,
      )
      await tick(60)
      expect(order).toEqual(['A start'])
      expect(told).toBe(1)
      expect(await tabB.isHeld('hush.send.1:0xabc')).toBe(true)
      releaseA()
      await Promise.all([a, b])
      expect(order).toEqual(['A start', 'A end', 'B'])
      expect(await tabA.isHeld('hush.send.1:0xabc')).toBe(false)
      // Another account is never blocked.
      let other = false
      await tabB.run('hush.send.1:0xdef', async () => {
        other = true
      })
      expect(other).toBe(true)
    })
  }

  it('storage leases: a lease left by a tab that closed expires', async () => {
    localStorage.setItem('hush.lease.x', JSON.stringify({ owner: 'gone', until: Date.now() + 150 }))
    const locks = storageLeases({ storage: () => globalThis.localStorage, pollMs: 10, ttlMs: 500 })
    let waited = false
    const started = Date.now()
    await locks.run(
      'x',
      async () => undefined,
      () => {
        waited = true
      },
    )
    expect(waited).toBe(true)
    expect(Date.now() - started).toBeGreaterThanOrEqual(100)
  })
})
