import { useSyncExternalStore } from 'react'
import {
  type GivenUrl,
  getGivenUrl,
  reloadGivenUrls,
  subscribeGivenUrls,
} from '../../core/protect/givenUrlStore'
import {
  getProtectSettings,
  reloadProtectSettings,
  subscribeProtectSettings,
} from '../../core/protect/settingsStore'
import type { ProtectSettings } from '../../core/protect/url'
import { storageKeys } from '../../core/storage/stored'

/** A store subscription that also follows writes from other tabs (the `storage` event). */
function withOtherTabs(subscribe: (l: () => void) => () => void, key: string, reload: () => void) {
  return (listener: () => void) => {
    const unsubscribe = subscribe(listener)
    const onStorage = (e: StorageEvent) => {
      if (e.key === key || e.key === null) reload()
    }
    window.addEventListener('storage', onStorage)
    return () => {
      unsubscribe()
      window.removeEventListener('storage', onStorage)
    }
  }
}

const subscribeSettings = withOtherTabs(
  subscribeProtectSettings,
  storageKeys.protectSettings,
  reloadProtectSettings,
)
const subscribeGiven = withOtherTabs(subscribeGivenUrls, storageKeys.protectGiven, reloadGivenUrls)

export function useProtectSettings(): ProtectSettings {
  return useSyncExternalStore(subscribeSettings, getProtectSettings, getProtectSettings)
}

/** The Protect URL Hush last gave this wallet for this chain, if any. */
export function useGivenUrl(walletId: string | undefined, chainId: number | undefined): GivenUrl | undefined {
  const get = () => getGivenUrl(walletId, chainId)
  return useSyncExternalStore(subscribeGiven, get, get)
}
