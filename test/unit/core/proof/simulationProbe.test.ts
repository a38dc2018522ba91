import { describe, expect, it } from 'vitest'
import {
  createSimulationSupportMemory,
  probeSimulationSupport,
} from '../../../../src/core/proof/simulationSupport'

/** A pool of scripted endpoints: each answers eth_simulateV1 as told, and counts what it was asked. */
function pool(answers: Record<string, 'ok' | 'no-method' | 'down'>) {
  const asked: Record<string, number> = {}
  const ids = Object.keys(answers)
  return {
    asked,
    pool: {
      chainId: 1,
      endpoints: () => ids.map((id) => ({ id, enabled: true })),
      withEndpoint: async <T>(fn: (s: never) => Promise<T>, options?: { exclude?: readonly string[] }) => {
        const id = ids.find((i) => !options?.exclude?.includes(i)) as string
        const client = {
          request: async () => {
            asked[id] = (asked[id] ?? 0) + 1
            if (answers[id] === 'no-method')
              throw Object.assign(new Error('method not found'), { code: -32601 })
            if (answers[id] === 'down') throw new Error('fetch failed')
            return []
          },
        }
        return { value: await fn({ client } as never), endpointId: id, endpointName: id }
      },
    } as never,
  }
}

describe('probeSimulationSupport', () => {
  it('asks each endpoint alone, remembers clear answers for the session, and leaves a failed read unknown', async () => {
    const memory = createSimulationSupportMemory()
    const p = pool({ a: 'ok', b: 'no-method', c: 'down' })
    expect(await probeSimulationSupport(p.pool, memory)).toEqual({
      a: 'supported',
      b: 'unsupported',
      c: 'unknown',
    })
    expect(await probeSimulationSupport(p.pool, memory)).toEqual({
      a: 'supported',
      b: 'unsupported',
      c: 'unknown',
    })
    // Once per endpoint and session: only the one without an answer is asked again.
    expect(p.asked).toEqual({ a: 1, b: 1, c: 2 })
    expect(memory.unsupported(1)).toEqual(['b'])
  })
})
