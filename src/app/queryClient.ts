import { type DehydratedState, dehydrate, hydrate, type Query, QueryClient } from '@tanstack/react-query'
import { deserialize, serialize } from 'wagmi'
import { hashFn } from 'wagmi/query'
import { z } from 'zod/mini'
import { balancesSnapshotSchema } from '../core/balances/snapshotSchema'
import { day } from '../core/query/cachePolicy'
import { isBalancesKey } from '../core/query/keys'
import { resetStored, storageKeys } from '../core/storage/stored'

export function createQueryClient(storage: PersistStorage | undefined = safeLocalStorage()): QueryClient {
  const client = new QueryClient({
    defaultOptions: {
      queries: {
        queryKeyHashFn: hashFn,
        retry: false,
        refetchOnWindowFocus: false,
      },
    },
  })
  if (storage) persistQueryCache(client, storage)
  return client
}

export type PersistStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/** Bump when the shape of persisted query data changes: an older cache is then dropped silently. */
const cacheBuster = 'hush-query-cache-2'
const maxAge = day
const saveThrottleMs = 1_000

const persistedCacheSchema = z.object({
  timestamp: z.number(),
  buster: z.string(),
  clientState: z.object({
    mutations: z.array(z.unknown()),
    queries: z.array(
      z.looseObject({
        queryHash: z.string(),
        queryKey: z.array(z.unknown()),
        state: z.looseObject({ status: z.literal('success'), dataUpdatedAt: z.number(), data: z.unknown() }),
      }),
    ),
  }),
})
type PersistedCache = z.infer<typeof persistedCacheSchema>

/**
 * A persisted query is saved with its last good data even while its latest refresh failed: a reload during or
 * just after an outage must still show the last balances (marked cached), not nothing.
 */
const isPersisted = (query: Query) => query.state.data !== undefined && query.meta?.persist === true

/** The last good answer only: a failed refresh after it is not kept (the reload refreshes anyway). */
function lastGood(state: DehydratedState): DehydratedState['queries'] {
  return state.queries.map((q) =>
    q.state.status === 'success'
      ? q
      : {
          ...q,
          state: {
            ...q.state,
            status: 'success',
            fetchStatus: 'idle',
            error: null,
            fetchFailureCount: 0,
            fetchFailureReason: null,
          },
        },
  )
}

/**
 * Restores the persisted cache synchronously before the first render (so a reload shows the last balances at
 * once) and saves it, throttled, whenever a persisted query changes, and at once when the page goes away
 * (`pagehide`: a reload within the throttle would otherwise restore an older save). Written over TanStack's own
 * dehydrate/hydrate rather than @tanstack/*-persist-client: those pin an older query-core and would ship two
 * more copies of it in the bundle. wagmi's serialize/deserialize keep bigints intact.
 */
export function persistQueryCache(
  client: QueryClient,
  storage: PersistStorage,
  page: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | undefined = pageEvents(),
): () => void {
  const saved = readQueryCache(storage)
  if (saved)
    hydrate(client, {
      mutations: [],
      queries: saved.clientState.queries as unknown as DehydratedState['queries'],
    })
  let timer: ReturnType<typeof setTimeout> | undefined
  const save = () => {
    if (timer) clearTimeout(timer)
    timer = undefined
    const dehydrated = dehydrate(client, { shouldDehydrateQuery: isPersisted })
    const clientState = { ...dehydrated, queries: lastGood(dehydrated) }
    try {
      storage.setItem(
        storageKeys.queryCache,
        serialize({ timestamp: Date.now(), buster: cacheBuster, clientState }),
      )
    } catch {
      // Storage full or blocked: the cache keeps working in memory.
    }
  }
  const unsubscribe = client.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' && event.type !== 'removed') return
    if (event.query.meta?.persist !== true) return
    timer ??= setTimeout(save, saveThrottleMs)
  })
  const flush = () => {
    if (timer) save()
  }
  page?.addEventListener('pagehide', flush)
  return () => {
    unsubscribe()
    page?.removeEventListener('pagehide', flush)
    if (timer) clearTimeout(timer)
  }
}

function pageEvents() {
  return typeof globalThis.addEventListener === 'function' ? globalThis : undefined
}

/** The persisted cache, validated; a corrupt one is removed with a notice, an expired one dropped silently. */
export function readQueryCache(storage: PersistStorage, now = Date.now()): PersistedCache | undefined {
  const key = storageKeys.queryCache
  let raw: string | null
  try {
    raw = storage.getItem(key)
  } catch {
    return undefined
  }
  if (raw === null) return undefined
  let parsed: unknown
  try {
    parsed = deserialize(raw)
  } catch {
    resetCache(storage, 'the cached balances were not valid JSON')
    return undefined
  }
  const result = persistedCacheSchema.safeParse(parsed)
  if (!result.success) {
    resetCache(
      storage,
      `the cached balances did not match the expected shape (${describeIssue(result.error)})`,
    )
    return undefined
  }
  const cache = result.data
  if (cache.buster !== cacheBuster || now - cache.timestamp > maxAge) {
    storage.removeItem(key)
    return undefined
  }
  for (const query of cache.clientState.queries) {
    if (!isBalancesKey(query.queryKey)) continue
    const data = balancesSnapshotSchema.safeParse(query.state.data)
    if (!data.success) {
      resetCache(storage, `a cached balance was not valid (${describeIssue(data.error)})`)
      return undefined
    }
  }
  return cache
}

function resetCache(storage: PersistStorage, reason: string) {
  try {
    storage.removeItem(storageKeys.queryCache)
  } catch {
    // blocked storage: nothing to remove
  }
  resetStored(storageKeys.queryCache, reason)
}

function describeIssue(error: z.core.$ZodError): string {
  const issue = error.issues[0]
  return issue ? `${issue.path.join('.') || 'root'}: ${issue.message}` : 'unknown'
}

function safeLocalStorage(): PersistStorage | undefined {
  try {
    return globalThis.localStorage ?? undefined
  } catch {
    return undefined
  }
}
