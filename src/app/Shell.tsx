import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react'
import { useAccount } from 'wagmi'
import { dismissStorageNotices, onStorageNotices, storageKeys, storageNotices } from '../core/storage/stored'
import { ConnectWalletButton } from '../shared/ui/ConnectWalletButton'
import { useActivityInUse } from './activity/useActivityInUse'
import { RouteView, useHashRoute } from './router'
import { ShellFrame } from './ShellFrame'

// Loaded only when needed, so a first visit without transactions or wallet downloads none of it.
const status = () => import('./activity/ActivityStatus')
const PendingBadge = lazy(() => status().then((m) => ({ default: m.PendingBadge })))
const FinalNotices = lazy(() => status().then((m) => ({ default: m.FinalNotices })))
const ActivitySaveError = lazy(() => status().then((m) => ({ default: m.ActivitySaveError })))
const TrackingHost = lazy(() => import('./activity/TrackingHost').then((m) => ({ default: m.TrackingHost })))
const WrongChainBanner = lazy(() =>
  import('./WrongChainBanner').then((m) => ({ default: m.WrongChainBanner })),
)
const StoredSettingsBanner = lazy(() =>
  import('./StoredSettingsBanner').then((m) => ({ default: m.StoredSettingsBanner })),
)
/** Settings to confirm can only come from storage: with none stored, the banner's code is not loaded. */
function hasStoredSettings(): boolean {
  try {
    return [storageKeys.protectSettings, storageKeys.endpoints].some((k) => localStorage.getItem(k) !== null)
  } catch {
    return false
  }
}
const ProtectionBadge = lazy(() => import('./ProtectionBadge').then((m) => ({ default: m.ProtectionBadge })))

export function Shell() {
  const route = useHashRoute()
  const activity = useActivityInUse()
  const { isConnected } = useAccount()
  return (
    <ShellFrame
      connect={<ConnectWalletButton />}
      status={
        <>
          {activity && <Later element={<PendingBadge />} />}
          {isConnected && <Later element={<ProtectionBadge />} />}
        </>
      }
      banners={
        <>
          {activity && <Later element={<ActivitySaveError />} />}
          <StorageNoticeBanner />
          {hasStoredSettings() && <Later element={<StoredSettingsBanner />} />}
          {isConnected && <Later element={<WrongChainBanner />} />}
          {activity && <Later element={<FinalNotices />} />}
        </>
      }
    >
      {activity && <Later element={<TrackingHost />} />}
      <RouteView route={route} />
    </ShellFrame>
  )
}

function Later({ element }: { element: ReactNode }) {
  return <Suspense fallback={null}>{element}</Suspense>
}

function StorageNoticeBanner() {
  const [notices, setNotices] = useState(storageNotices)
  useEffect(() => onStorageNotices(setNotices), [])
  if (notices.length === 0) return null
  return (
    <div className="banner banner-info" role="status" data-testid="storage-notice">
      <span>Hush set some saved data aside: {notices.map((n) => `${n.key} (${n.reason})`).join('; ')}.</span>
      <button type="button" onClick={dismissStorageNotices}>
        Dismiss
      </button>
    </div>
  )
}
