import { readStored, storageKeys, writeStored } from '../storage/stored'
import { defaultProtectSettings, type ProtectSettings, protectSettingsSchema } from './url'

// One in-memory copy shared by the Settings page and every protection widget, validated when read back.
let current: ProtectSettings | undefined
const listeners = new Set<() => void>()

export function getProtectSettings(): ProtectSettings {
  current ??= readStored(storageKeys.protectSettings, protectSettingsSchema, defaultProtectSettings)
  return current
}

/** Saves settings that already passed protectSettingsSchema. */
export function saveProtectSettings(settings: ProtectSettings): void {
  current = protectSettingsSchema.parse(settings)
  writeStored(storageKeys.protectSettings, current)
  for (const listener of listeners) listener()
}

export function subscribeProtectSettings(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Another tab saved settings: read them again (validated) and tell the subscribers. */
export function reloadProtectSettings(): void {
  current = undefined
  for (const listener of listeners) listener()
}
