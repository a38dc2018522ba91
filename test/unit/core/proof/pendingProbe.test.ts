import { describe, expect, it } from 'vitest'
import { createPendingSupportMemory, probePendingSupport } from '../../../../src/core/proof/pendingSupport'

type Behaviour = 'serves' | 'no-method' | 'lost-filter' | 'down'

/** Scripted endpoints answering the pending-filter check as told; each counts the methods it was asked. */
function pool(answers: Record<string, Behaviour>) {
  const asked: Record<string, string[]> = {}
  const ids = Object.keys(answers)
  return {
    asked,
    pool: {
      chainId: 1,
      endpoints: () => ids.map((id) => ({ id, name: `${id}.example`, enabled: true })),
      withEndpoint: async <T>(fn: (s: never) => Promise<T>, options?: { exclude?: readonly string[] }) => {
        const id = ids.find((i) => !options?.exclude?.includes(i)) as string
        const client = {
          request: async ({ method }: { method: string }) => {
            asked[id] = [...(asked[id] ?? []), method]
            const how = answers[id]
            if (how === 'down') throw new Error('fetch failed')
            if (method === 'eth_newPendingTransactionFilter') {
              if (how === 'no-method') throw Object.assign(new Error('method not found'), { code: -32601 })
              return '0x1'
            }
            if (method === 'eth_getFilterChanges' && how === 'lost-filter')
              throw Object.assign(new Error('filter not found'), { code: -32000 })
            return method === 'eth_getFilterChanges' ? [] : true
          },
        }
        return { value: await fn({ client } as never) }
      },
    } as never,
  }
}

describe('probePendingSupport (issue 24: pending-transaction visibility)', () => {
  it('an endpoint that keeps and answers a pending filter serves pending transactions; no method or a lost filter does not; a failed read stays unknown', async () => {
    const memory = createPendingSupportMemory()
    const p = pool({ a: 'serves', b: 'no-method', c: 'lost-filter', d: 'down' })
    const answers = { a: 'serves', b: 'none', c: 'none', d: 'unknown' }
    expect(await probePendingSupport(p.pool, memory)).toEqual(answers)
    expect(p.asked.a).toEqual([
      'eth_newPendingTransactionFilter',
      'eth_getFilterChanges',
      'eth_uninstallFilter',
    ])
    // Once per endpoint and session: only the unanswered one is asked again.
    expect(await probePendingSupport(p.pool, memory)).toEqual(answers)
    expect(p.asked.a).toHaveLength(3)
    expect(p.asked.d).toHaveLength(2)
    // The privacy verdict looks endpoints up by name.
    expect(memory.servesByName(1, 'a.example')).toBe(true)
    expect(memory.servesByName(1, 'c.example')).toBe(false)
    expect(memory.servesByName(1, 'd.example')).toBeUndefined()
  })
})
