import { storageKeys } from '../../storage/stored'

/**
 * Whether this browser has any Activity, known without loading the records code: a first visit with no
 * transactions never downloads tracking, diagnosis or the record cards. The store marks itself in use when it
 * is created (a page that sends), and a stored list (even a corrupt one, which the store must report) counts.
 */
let inUse = false
const listeners = new Set<() => void>()

export function markActivityInUse(): void {
  if (inUse) return
  inUse = true
  for (const l of listeners) l()
}

export function activityInUse(): boolean {
  if (inUse) return true
  try {
    const raw = globalThis.localStorage?.getItem(storageKeys.activity)
    return raw !== null && raw !== undefined && raw !== '[]'
  } catch {
    return false
  }
}

/** Calls back when Activity comes into use in this tab or another tab writes the first record. */
export function onActivityInUse(listener: () => void): () => void {
  listeners.add(listener)
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key === storageKeys.activity) listener()
  }
  globalThis.addEventListener?.('storage', onStorage)
  return () => {
    listeners.delete(listener)
    globalThis.removeEventListener?.('storage', onStorage)
  }
}
