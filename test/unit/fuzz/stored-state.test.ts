import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { serialize } from 'wagmi'
import { z } from 'zod'
import { readQueryCache } from '../../../src/app/queryClient'
import { createValidatedWagmiStorage } from '../../../src/app/wagmiStorage'
import { balancesSnapshotSchema } from '../../../src/core/balances/snapshotSchema'
import { batchDraftSchema } from '../../../src/core/batch/actions'
import { chainSchema, endpointUrlProblem, tokenSchema } from '../../../src/core/config/schema'
import { buildProtectUrl, protectSettingsErrors, protectSettingsSchema } from '../../../src/core/protect/url'
import { isBalancesKey, queryKeys } from '../../../src/core/query/keys'
import { endpointSettingsSchema, resolveEndpoints } from '../../../src/core/rpc/endpoints'
import {
  dismissStorageNotices,
  readStored,
  type StoredSchema,
  storageKeys,
  storageNotices,
} from '../../../src/core/storage/stored'
import { resetUserTokensCache, userTokens } from '../../../src/core/tokens/userTokens'
import { RecordStore, txRecordSchema } from '../../../src/core/tx/records/records'
import { memoryStorage } from '../../support/builders/memoryStorage'
import {
  hostileString,
  hostileValue,
  isClearMessage,
  junkObject,
  prototypeIsClean,
  toJsonText,
  unsafeTextChars,
} from './hostile'

const storage = memoryStorage()
globalThis.localStorage = storage
beforeEach(() => storage.clear())
afterEach(() => dismissStorageNotices())

const owner = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const token = '0x5FbDB2315678afecb367f032d93F642f64180aa3'

/** Raw text as it could sit in localStorage: JSON of junk, or not JSON at all. */
const rawText = (shaped: fc.Arbitrary<unknown>) => fc.oneof(hostileString, fc.json(), shaped.map(toJsonText))

/** Each stored key: the value read back is valid for its schema, or the fallback with a notice naming the key. */
function checkReadStored<T>(key: string, schema: StoredSchema<T>, fallback: T, raw: string) {
  storage.setItem(key, raw)
  const before = storageNotices().length
  const value = readStored(key, schema, fallback)
  expect(schema.safeParse(value).success).toBe(true)
  if (storage.getItem(key) === null) {
    const notice = storageNotices()[before]
    expect(notice?.key).toBe(key)
    // The reason may quote a stored key back (a key literally named "undefined" is fine to show).
    expect(isClearMessage(notice?.reason, /undefined|NaN/.test(raw) ? ['undefined', 'NaN'] : [])).toBe(true)
  }
  expect(prototypeIsClean()).toBe(true)
  return value
}

describe('localStorage: Protect settings', () => {
  const settings = fc.oneof(
    hostileValue,
    junkObject(['fast', 'hints', 'builders', 'refunds', 'originId', 'useMempool']),
    fc.record(
      {
        fast: fc.oneof(fc.boolean(), hostileValue),
        hints: fc.array(fc.oneof(fc.constantFrom('hash', 'calldata', 'logs'), hostileString), {
          maxLength: 4,
        }),
        builders: fc.array(fc.oneof(fc.constantFrom('flashbots', 'Titan'), hostileString), { maxLength: 4 }),
        refunds: fc.array(
          fc.record({
            address: fc.oneof(fc.constant(owner), hostileString),
            percent: fc.oneof(fc.integer({ min: -5, max: 120 }), hostileValue),
          }),
          { maxLength: 12 },
        ),
        originId: hostileString,
        useMempool: fc.oneof(fc.boolean(), hostileValue),
      },
      { requiredKeys: [] },
    ),
  )

  it('is valid settings with a URL Protect accepts, or field errors with messages', () => {
    fc.assert(
      fc.property(settings, (input) => {
        checkReadStored(
          storageKeys.protectSettings,
          protectSettingsSchema,
          protectSettingsSchema.parse({}),
          toJsonText(input),
        )
        const errors = protectSettingsErrors(input)
        if (Object.keys(errors).length === 0) {
          const url = new URL(buildProtectUrl('https://rpc.flashbots.net/', input as never))
          expect(url.origin).toBe('https://rpc.flashbots.net')
          for (const k of url.searchParams.keys())
            expect(['hint', 'builder', 'refund', 'originId', 'useMempool']).toContain(k)
        } else {
          for (const [path, message] of Object.entries(errors)) {
            expect(path.length).toBeGreaterThan(0)
            expect(isClearMessage(message), message).toBe(true)
          }
          expect(() => buildProtectUrl('https://rpc.flashbots.net/', input as never)).toThrow(z.ZodError)
        }
      }),
      { numRuns: 400 },
    )
  })
})

describe('localStorage: endpoint settings', () => {
  const chain = chainSchema.parse({
    id: 31337,
    name: 'Devnet',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpc: [{ url: 'http://127.0.0.1:8545' }, { url: 'https://rpc.example.org/v1/secret-key' }],
    protect: { rpcUrl: 'http://127.0.0.1:8546/', statusUrl: 'http://127.0.0.1:8546/tx/' },
  })
  const urlish = fc.oneof(
    hostileString,
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    fc.constantFrom('http://127.0.0.1:8545', 'http://evil.example/', 'https://[::1]:1/', 'ws://localhost'),
  )
  const validUrl = fc.constantFrom('https://a.example/k/123', 'http://localhost:9', 'https://b.example')
  const chainSettings = fc.record({
    added: fc.array(
      fc.record({ url: fc.oneof(urlish, validUrl), label: fc.option(hostileString, { nil: undefined }) }),
      { maxLength: 5 },
    ),
    order: fc.array(urlish, { maxLength: 5 }),
    disabled: fc.array(urlish, { maxLength: 5 }),
    removed: fc.array(urlish, { maxLength: 3 }),
  })
  const all = fc.oneof(
    hostileValue,
    fc.dictionary(fc.oneof(fc.constant('31337'), hostileString), fc.oneof(chainSettings, hostileValue), {
      maxKeys: 3,
    }),
  )

  it('resolves to usable endpoints whose names show only a host or a clean label', () => {
    fc.assert(
      fc.property(rawText(all), (raw) => {
        const settings = checkReadStored(storageKeys.endpoints, endpointSettingsSchema, {}, raw)
        const endpoints = resolveEndpoints(chain, settings['31337'])
        for (const e of endpoints) {
          expect(endpointUrlProblem(e.url, 'http')).toBeUndefined()
          expect(e.name).not.toContain('secret-key')
          expect(e.name).not.toMatch(unsafeTextChars)
          expect(e.name.trim().length).toBeGreaterThan(0)
        }
        expect(new Set(endpoints.map((e) => e.id)).size).toBe(endpoints.length)
      }),
      { numRuns: 400 },
    )
  })
})

describe('localStorage: user tokens, batch draft', () => {
  const tokens = fc.dictionary(
    fc.oneof(fc.constant('31337'), hostileString),
    fc.array(
      fc.oneof(
        junkObject(['address', 'symbol', 'name', 'decimals']),
        fc.record({
          address: fc.oneof(fc.constant(token), hostileString),
          symbol: hostileString,
          name: hostileString,
          decimals: fc.oneof(fc.integer({ min: -2, max: 80 }), hostileValue),
        }),
      ),
      { maxLength: 4 },
    ),
    { maxKeys: 3 },
  )

  it('user tokens read back are each a valid token without control or bidi characters', () => {
    fc.assert(
      fc.property(rawText(tokens), (raw) => {
        storage.setItem(storageKeys.tokens, raw)
        resetUserTokensCache()
        for (const t of userTokens(31337)) {
          expect(tokenSchema.safeParse(t).success).toBe(true)
          expect(t.symbol).not.toMatch(unsafeTextChars)
          expect(t.name).not.toMatch(unsafeTextChars)
        }
        expect(prototypeIsClean()).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('the batch draft reads back valid or is reset with a notice', () => {
    const draft = fc.oneof(
      hostileValue,
      fc.record({
        version: fc.oneof(fc.constant(1), hostileValue),
        actions: fc.array(junkObject(['id', 'kind', 'to', 'amount', 'token', 'signature', 'args']), {
          maxLength: 3,
        }),
      }),
    )
    fc.assert(
      fc.property(rawText(draft), (raw) => {
        checkReadStored(storageKeys.batch, batchDraftSchema, { version: 1 as const, actions: [] }, raw)
      }),
      { numRuns: 300 },
    )
  })
})

describe('localStorage: activity records', () => {
  const uintText = fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 256n }).map(String), hostileString)
  const record = fc.record(
    {
      id: hostileString,
      kind: fc.oneof(fc.constantFrom('transfer', 'cancel', 'speed-up', 'batch'), hostileString),
      chainId: fc.oneof(fc.constant(31337), hostileValue),
      from: fc.oneof(fc.constant(owner), hostileString),
      hash: fc.oneof(fc.constant(`0x${'ab'.repeat(32)}`), hostileString),
      amount: uintText,
      createdAt: fc.oneof(fc.nat(), hostileValue),
      protected: fc.oneof(fc.boolean(), hostileValue),
      status: fc.oneof(fc.constantFrom('PENDING', 'INCLUDED', 'FAILED'), hostileString),
      privacy: fc.oneof(fc.constantFrom('private', 'public', 'unknown'), hostileString),
      detail: hostileString,
      steps: fc.array(junkObject(['label', 'to', 'value', 'data']), { maxLength: 2 }),
    },
    { requiredKeys: [] },
  )
  // A valid record with junk extra keys (the schema keeps extra keys), including an own "__proto__".
  const validRecord = fc
    .record({
      id: fc.string({ minLength: 1, maxLength: 20 }),
      kind: fc.constantFrom('transfer', 'cancel', 'speed-up', 'batch'),
      chainId: fc.constant(31337),
      from: fc.constant(owner),
      createdAt: fc.nat(),
      protected: fc.boolean(),
      status: fc.constantFrom('PENDING', 'INCLUDED', 'FAILED'),
      privacy: fc.constantFrom('private', 'unprotected', 'checking'),
    })
    .chain((r) =>
      fc
        .dictionary(hostileString, hostileValue, { maxKeys: 3 })
        .map((extra) => ({ ...extra, ...JSON.parse('{"__proto__":{"polluted":true}}'), ...r })),
    )
  const list = fc.oneof(hostileValue, fc.array(fc.oneof(record, validRecord, hostileValue), { maxLength: 6 }))

  it('keeps exactly the valid records and reports how many were dropped', () => {
    let kept = 0
    fc.assert(
      fc.property(rawText(list), (raw) => {
        storage.setItem(storageKeys.activity, raw)
        const before = storageNotices().length
        const records = RecordStore.load(storageKeys.activity)
        if (records.length > 0) kept++
        let stored: unknown
        try {
          stored = JSON.parse(raw)
        } catch {}
        if (Array.isArray(stored)) {
          const validItems = stored.filter((item) => txRecordSchema.safeParse(item).success)
          const valid = validItems.length
          // Records are merged by id (one per transaction), so two valid records with one id are kept as one.
          expect(records.length).toBe(new Set(validItems.map((item) => (item as { id: string }).id)).size)
          if (valid < stored.length) expect(storageNotices().length).toBe(before + 1)
        }
        for (const r of records) {
          expect(txRecordSchema.safeParse(r).success).toBe(true)
          expect(Object.getPrototypeOf(r)).toBe(Object.prototype)
        }
        for (let i = 1; i < records.length; i++)
          expect((records[i - 1]?.createdAt ?? 0) >= (records[i]?.createdAt ?? 0)).toBe(true)
        for (const n of storageNotices().slice(before)) expect(isClearMessage(n.reason)).toBe(true)
        expect(prototypeIsClean()).toBe(true)
      }),
      { numRuns: 300 },
    )
    // Not vacuous: some runs did keep valid records.
    expect(kept).toBeGreaterThan(0)
  })
})

describe('localStorage: persisted query cache and wagmi store', () => {
  const snapshot = fc.record({
    chainId: fc.oneof(fc.constant(31337), hostileValue),
    owner: fc.oneof(fc.constant(owner), hostileString),
    blockNumber: fc.oneof(fc.bigInt({ min: -5n, max: 2n ** 70n }), hostileValue),
    native: fc.oneof(fc.bigInt({ min: -5n, max: 2n ** 260n }), hostileValue),
    tokens: fc.dictionary(
      fc.oneof(fc.constant(token), hostileString),
      fc.oneof(
        fc.record({ status: fc.constant('ok'), value: fc.oneof(fc.bigInt(), hostileValue) }),
        fc.record({ status: fc.constant('error'), reason: hostileValue }),
        hostileValue,
      ),
      { maxKeys: 3 },
    ),
  })
  const cache = fc.record(
    {
      timestamp: fc.oneof(fc.constant(1_000), hostileValue),
      buster: fc.oneof(fc.constant('hush-query-cache-2'), hostileString),
      clientState: fc.oneof(
        hostileValue,
        fc.record({
          mutations: fc.constant([]),
          queries: fc.array(
            fc.record({
              queryHash: hostileString,
              queryKey: fc.oneof(
                fc.constant(queryKeys.balances(31337, owner, [token])),
                fc.array(hostileValue, { maxLength: 5 }),
              ),
              state: fc.record({
                status: fc.constant('success'),
                dataUpdatedAt: fc.constant(1),
                data: snapshot,
              }),
            }),
            { maxLength: 3 },
          ),
        }),
      ),
    },
    { requiredKeys: [] },
  )

  it('restores only caches whose balance snapshots are valid; anything else is dropped', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileString,
          fc.json(),
          cache.map((c) => serialize(c)),
        ),
        (raw) => {
          storage.setItem(storageKeys.queryCache, raw)
          const restored = readQueryCache(storage, 2_000)
          if (restored)
            for (const q of restored.clientState.queries)
              if (isBalancesKey(q.queryKey))
                expect(balancesSnapshotSchema.safeParse(q.state.data).success).toBe(true)
          for (const n of storageNotices()) expect(isClearMessage(n.reason)).toBe(true)
          expect(prototypeIsClean()).toBe(true)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('a corrupt wagmi store is removed, never thrown at start-up', async () => {
    const wagmiStorage = createValidatedWagmiStorage()
    const store = fc.record(
      {
        state: fc.oneof(hostileValue, junkObject(['chainId', 'current', 'connections'])),
        version: hostileValue,
      },
      { requiredKeys: [] },
    )
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostileString,
          fc.json(),
          store.map((s) => serialize(s)),
        ),
        async (raw) => {
          storage.setItem(`${storageKeys.wagmi}.store`, raw)
          let thrown: unknown
          const before = storageNotices().length
          const getItem = wagmiStorage.getItem as (key: string) => Promise<unknown>
          const value = await getItem('store').catch((e: unknown) => {
            thrown = e
          })
          expect(thrown).toBeUndefined()
          // A store that fails the schema is gone, with a notice naming its key.
          if (storage.getItem(`${storageKeys.wagmi}.store`) === null) {
            expect(value ?? null).toBeNull()
            expect(storageNotices()[before]?.key).toBe(`${storageKeys.wagmi}.store`)
          }
          expect(prototypeIsClean()).toBe(true)
        },
      ),
      { numRuns: 200 },
    )
  })
})
