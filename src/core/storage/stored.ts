/** Storage keys the app owns. Everything read back is validated; anything corrupt is reset with a notice. */
export const storageKeys = {
  settings: 'hush.settings.v1',
  wagmi: 'hush.wagmi',
  queryCache: 'hush.query-cache.v1',
  activity: 'hush.activity.v1',
  tokens: 'hush.tokens.v1',
  batch: 'hush.batch.v1',
  protectSettings: 'hush.protect-settings.v1',
  protectGiven: 'hush.protect-given.v1',
  endpoints: 'hush.endpoints.v1',
  seenDelegation: 'hush.seen-delegation.v1',
} as const

export type StorageNotice = { key: string; reason: string }

type Listener = (notices: StorageNotice[]) => void
const notices: StorageNotice[] = []
const listeners = new Set<Listener>()

export function reportStorageReset(key: string, reason: string): void {
  notices.push({ key, reason })
  for (const l of listeners) l([...notices])
}

export function storageNotices(): StorageNotice[] {
  return [...notices]
}

export function onStorageNotices(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function dismissStorageNotices(): void {
  notices.length = 0
  for (const l of listeners) l([])
}

function backend(): Storage | undefined {
  try {
    return globalThis.localStorage
  } catch {
    return undefined
  }
}

/** Reads and validates a JSON value; a missing key gives the fallback, a corrupt one is removed and reported. */
/** What readStored needs of a schema: zod and zod/mini schemas both have it. */
export type StoredSchema<T> = {
  safeParse(
    data: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } }
}

export function readStored<T>(key: string, schema: StoredSchema<T>, fallback: T): T {
  const raw = backend()?.getItem(key)
  if (raw === null || raw === undefined) return fallback
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    resetStored(key, 'it was not valid JSON')
    return fallback
  }
  const result = schema.safeParse(json)
  if (result.success) return result.data
  const first = result.error.issues[0]
  resetStored(
    key,
    `it did not match the expected shape (${first ? `${first.path.join('.') || 'root'}: ${first.message}` : 'unknown'})`,
  )
  return fallback
}

export function writeStored(key: string, value: unknown): void {
  // Storage full or blocked (private mode): the app keeps working from memory.
  writeStoredChecked(key, value)
}

/** Like writeStored, but says whether the write failed (quota, blocked storage) so the caller can show it. */
export function writeStoredChecked(
  key: string,
  value: unknown,
): { ok: true } | { ok: false; reason: string } {
  try {
    const storage = backend()
    if (!storage) return { ok: false, reason: 'this browser gives the page no storage' }
    storage.setItem(key, JSON.stringify(value))
    return { ok: true }
  } catch (error) {
    const name = (error as { name?: unknown } | null)?.name
    return {
      ok: false,
      reason:
        name === 'QuotaExceededError'
          ? "the browser's storage for this site is full"
          : 'the browser refused to store it',
    }
  }
}

export function resetStored(key: string, reason: string): void {
  try {
    backend()?.removeItem(key)
  } catch {
    // blocked storage: nothing to remove
  }
  reportStorageReset(key, reason)
}
