import { useSyncExternalStore } from 'react'
import { getProtectSettings, subscribeProtectSettings } from '../../core/protect/settingsStore'
import type { ProtectSettings } from '../../core/protect/url'

export function useProtectSettings(): ProtectSettings {
  return useSyncExternalStore(subscribeProtectSettings, getProtectSettings, getProtectSettings)
}
