import type { QueryClient } from '@tanstack/react-query'
import { afterEach, describe, expect, it } from 'vitest'
import { createQueryClient, persistQueryCache, readQueryCache } from '../../../src/app/queryClient'
import { cachePolicy } from '../../../src/core/query/cachePolicy'
import { queryKeys } from '../../../src/core/query/keys'
import { dismissStorageNotices, storageKeys, storageNotices } from '../../../src/core/storage/stored'
import { memoryStorage } from '../../support/builders/memoryStorage'

const owner = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const token = '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0'
const key = queryKeys.balances(31337, owner, [token])
const snapshot = {
  chainId: 31337,
  owner,
  blockNumber: 12n,
  native: 10n ** 22n + 1n,
  tokens: { [token]: { status: 'ok', value: 2n ** 200n } },
}

async function populated(storage: Storage): Promise<QueryClient> {
  const client = createQueryClient(storage)
  await client.fetchQuery({ queryKey: key, queryFn: async () => snapshot, ...cachePolicy.balances })
  // A query without the persist flag stays in memory only.
  await client.fetchQuery({ queryKey: ['other'], queryFn: async () => 1n })
  await new Promise((r) => setTimeout(r, 1_100)) // saving is throttled to once a second
  return client
}

afterEach(() => dismissStorageNotices())

describe('persisted query cache', () => {
  it('restores balances, bigints intact, into a new client before any fetch', async () => {
    const storage = memoryStorage()
    await populated(storage)
    const restored = createQueryClient(storage)
    expect(restored.getQueryData(key)).toEqual(snapshot)
    expect(restored.getQueryData(['other'])).toBeUndefined()
    expect(restored.getQueryState(key)?.dataUpdatedAt).toBeGreaterThan(0)
  })

  it('resets a corrupt cache with a notice instead of using it', () => {
    const storage = memoryStorage()
    storage.setItem(storageKeys.queryCache, '{not json')
    expect(readQueryCache(storage)).toBeUndefined()
    expect(storage.getItem(storageKeys.queryCache)).toBeNull()
    expect(storageNotices().map((n) => n.key)).toEqual([storageKeys.queryCache])
  })

  it('resets a cache whose balance snapshot has the wrong shape (a balance as a string, not a bigint)', async () => {
    const storage = memoryStorage()
    await populated(storage)
    const raw = storage.getItem(storageKeys.queryCache) ?? ''
    const tampered = JSON.parse(raw)
    tampered.clientState.queries[0].state.data.native = '1000'
    storage.setItem(storageKeys.queryCache, JSON.stringify(tampered))
    expect(createQueryClient(storage).getQueryData(key)).toBeUndefined()
    expect(storageNotices()[0]?.reason).toContain('a cached balance was not valid')
  })

  it('drops an expired cache silently', async () => {
    const storage = memoryStorage()
    await populated(storage)
    expect(readQueryCache(storage, Date.now() + 2 * 24 * 3_600_000)).toBeUndefined()
    expect(storageNotices()).toEqual([])
  })

  it('keeps the last good balances when a later refresh failed (a reload during an outage shows them cached)', async () => {
    const storage = memoryStorage()
    const client = await populated(storage)
    const goodAt = client.getQueryState(key)?.dataUpdatedAt
    await client
      .fetchQuery({
        queryKey: key,
        queryFn: async () => {
          throw new Error('every endpoint failed')
        },
        ...cachePolicy.balances,
        staleTime: 0,
      })
      .catch(() => undefined)
    expect(client.getQueryState(key)?.status).toBe('error')
    await new Promise((r) => setTimeout(r, 1_100))
    const restored = createQueryClient(storage)
    expect(restored.getQueryData(key)).toEqual(snapshot)
    expect(restored.getQueryState(key)).toMatchObject({
      status: 'success',
      error: null,
      dataUpdatedAt: goodAt,
    })
  })

  it('saves at once when the page goes away, not only after the throttle', async () => {
    const storage = memoryStorage()
    const page = new EventTarget()
    const client = createQueryClient(undefined)
    const stop = persistQueryCache(client, storage, page)
    await client.fetchQuery({ queryKey: key, queryFn: async () => snapshot, ...cachePolicy.balances })
    expect(storage.getItem(storageKeys.queryCache)).toBeNull()
    page.dispatchEvent(new Event('pagehide'))
    expect(createQueryClient(storage).getQueryData(key)).toEqual(snapshot)
    stop()
  })
})
