import { createStorage, deserialize } from 'wagmi'
import { z } from 'zod/mini'
import { reportStorageReset, storageKeys } from '../core/storage/stored'

const storeSchema = z.object({
  state: z.object({
    chainId: z.optional(z.int().check(z.positive())),
    current: z.optional(z.nullable(z.string())),
    connections: z.optional(z.unknown()),
  }),
  version: z.optional(z.number()),
})

/** wagmi's persisted store, validated on read: a corrupt entry is removed with a notice instead of breaking start-up. */
export function createValidatedWagmiStorage() {
  const prefix = storageKeys.wagmi
  const backing: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = {
    getItem(key) {
      const raw = safe(() => localStorage.getItem(key)) ?? null
      if (raw === null || !key.endsWith('.store')) return raw
      try {
        storeSchema.parse(deserialize(raw))
        return raw
      } catch {
        safe(() => localStorage.removeItem(key))
        reportStorageReset(key, 'the saved wallet connection was unreadable')
        return null
      }
    },
    setItem: (key, value) => safe(() => localStorage.setItem(key, value)),
    removeItem: (key) => safe(() => localStorage.removeItem(key)),
  }
  return createStorage({ storage: backing, key: prefix })
}

function safe<T>(fn: () => T): T | undefined {
  try {
    return fn()
  } catch {
    return undefined
  }
}
