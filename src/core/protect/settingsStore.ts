import { readConfirmed, writeConfirmed } from '../storage/confirmed'
import { storageKeys, writeStored } from '../storage/stored'
import { defaultProtectSettings, type ProtectSettings, protectSettingsSchema } from './url'

// One in-memory copy shared by the Settings page and every protection widget, validated when read back.
// Stored settings the user did not confirm (changed outside Hush's own save) are not used: defaults apply
// until the user confirms or discards them (see core/storage/confirmed.ts).
let current: { value: ProtectSettings; unconfirmed?: ProtectSettings } | undefined
const listeners = new Set<() => void>()

const load = () =>
  (current ??= readConfirmed(storageKeys.protectSettings, protectSettingsSchema, defaultProtectSettings))

export function getProtectSettings(): ProtectSettings {
  return load().value
}

/** Stored settings waiting for the user's confirmation (never used before it), if any. */
export function getUnconfirmedProtectSettings(): ProtectSettings | undefined {
  return load().unconfirmed
}

/** Saves settings that already passed protectSettingsSchema: the user chose them. */
export function saveProtectSettings(settings: ProtectSettings): void {
  const value = protectSettingsSchema.parse(settings)
  current = { value }
  writeConfirmed(storageKeys.protectSettings, value)
  for (const listener of listeners) listener()
}

/** The user confirmed the stored settings shown to them. */
export function confirmStoredProtectSettings(): void {
  const pending = load().unconfirmed
  if (pending) saveProtectSettings(pending)
}

/** The user refused them: the defaults are stored in their place. */
export function discardStoredProtectSettings(): void {
  writeStored(storageKeys.protectSettings, defaultProtectSettings)
  saveProtectSettings(defaultProtectSettings)
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
