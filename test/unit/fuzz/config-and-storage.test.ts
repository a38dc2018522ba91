import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ConfigError, loadRuntimeConfig, parseRuntimeConfig } from '../../../src/core/config/load'
import { dismissStorageNotices, readStored, storageNotices } from '../../../src/core/storage/stored'

const hostile = fc.oneof(
  fc.constantFrom(
    '<img src=x onerror=alert(1)>',
    '__proto__',
    'constructor',
    '\u0000\u202e',
    'javascript:alert(1)',
    'http://user:secret@evil.example/?key=abc',
    '9'.repeat(400),
  ),
  fc.string(),
)

const anyJson = fc.oneof(
  fc.jsonValue(),
  fc.record({
    defaultChainId: fc.oneof(fc.integer(), hostile, fc.constant(null)),
    chains: fc.array(
      fc.record(
        {
          id: fc.oneof(fc.integer(), hostile),
          name: hostile,
          rpc: fc.array(
            fc.record({ url: hostile, batch: fc.oneof(fc.boolean(), hostile) }, { requiredKeys: [] }),
          ),
          protect: fc.oneof(fc.constant(null), fc.record({ rpcUrl: hostile, statusUrl: hostile })),
          tokens: fc.array(fc.record({ address: hostile, symbol: hostile, decimals: fc.integer() })),
        },
        { requiredKeys: [] },
      ),
    ),
  }),
)

describe('config.json parser under random and hostile input', () => {
  it('either returns a complete config or throws a ConfigError naming fields — never anything else', () => {
    fc.assert(
      fc.property(anyJson, (input) => {
        try {
          const config = parseRuntimeConfig(input)
          expect(config.chains.some((c) => c.id === config.defaultChainId)).toBe(true)
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError)
          const problems = (error as ConfigError).problems
          expect(problems.length).toBeGreaterThan(0)
          for (const p of problems) {
            expect(p.field.length).toBeGreaterThan(0)
            expect(p.message.length).toBeGreaterThan(0)
            expect(p.value.length).toBeLessThanOrEqual(120)
          }
        }
      }),
      { numRuns: 500 },
    )
  })

  it('any file body gives a config or a ConfigError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.json()),
        fc.constantFrom(200, 404, 500, 403),
        async (body, status) => {
          const result = await loadRuntimeConfig(async () => new Response(body, { status })).then(
            (loaded) => ({ loaded }),
            (error: unknown) => ({ error }),
          )
          if ('error' in result) expect(result.error).toBeInstanceOf(ConfigError)
          else expect(result.loaded.config.chains.length).toBeGreaterThan(0)
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe('stored state under random and hostile input', () => {
  const memory = new Map<string, string>()
  globalThis.localStorage = {
    getItem: (k: string) => memory.get(k) ?? null,
    setItem: (k: string, v: string) => void memory.set(k, v),
    removeItem: (k: string) => void memory.delete(k),
    clear: () => memory.clear(),
    key: () => null,
    get length() {
      return memory.size
    },
  } as Storage
  afterEach(() => {
    memory.clear()
    dismissStorageNotices()
  })

  const schema = z.object({ endpoints: z.array(z.object({ url: z.string().url(), enabled: z.boolean() })) })

  it('returns a valid value or the fallback with a notice, and removes what was corrupt', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (raw) => {
        memory.set('k', raw)
        const before = storageNotices().length
        const value = readStored('k', schema, { endpoints: [] })
        expect(schema.safeParse(value).success).toBe(true)
        if (!memory.has('k')) expect(storageNotices().length).toBe(before + 1)
      }),
      { numRuns: 300 },
    )
  })
})
