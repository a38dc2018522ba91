import { useEffect, useState } from 'react'
import { useAccount, useSwitchChain } from 'wagmi'
import { findChain } from '../core/config/chains'
import { classifyError } from '../core/errors/classify'
import { dismissStorageNotices, onStorageNotices, storageNotices } from '../core/storage/stored'
import { useRuntimeConfig } from '../shared/context/configContext'
import { ConnectWalletButton } from '../shared/ui/ConnectWalletButton'
import { Icon } from '../shared/ui/Icon'
import { ActivitySaveError, FinalNotices, PendingBadge } from './activity/ActivityStatus'
import { TrackingHost } from './activity/TrackingHost'
import { ProtectionBadge } from './ProtectionBadge'
import { RouteView, useHashRoute } from './router'
import { ShellFrame } from './ShellFrame'
import { StoredSettingsBanner } from './StoredSettingsBanner'

export function Shell() {
  const route = useHashRoute()
  return (
    <ShellFrame
      connect={<ConnectWalletButton />}
      status={
        <>
          <PendingBadge />
          <ProtectionBadge />
        </>
      }
      banners={
        <>
          <ActivitySaveError />
          <StorageNoticeBanner />
          <StoredSettingsBanner />
          <WrongChainBanner />
          <FinalNotices />
        </>
      }
    >
      <TrackingHost />
      <RouteView route={route} />
    </ShellFrame>
  )
}

function WrongChainBanner() {
  const config = useRuntimeConfig()
  const { isConnected, chainId } = useAccount()
  const { switchChain, isPending, error } = useSwitchChain()
  if (!isConnected || findChain(config, chainId)) return null
  const target = findChain(config, config.defaultChainId)
  return (
    <div className="banner banner-warning" role="alert" data-testid="wrong-chain">
      <span>
        <Icon name="warning" /> Your wallet is on chain {chainId ?? 'unknown'}, which this deployment of Hush
        does not support.
      </span>
      {target && (
        <button type="button" disabled={isPending} onClick={() => switchChain({ chainId: target.id })}>
          {isPending ? 'Switching…' : `Switch to ${target.name}`}
        </button>
      )}
      {error && (
        <span className="error-text">
          {classifyError(error, { method: 'wallet_switchEthereumChain' }).message}
        </span>
      )}
    </div>
  )
}

function StorageNoticeBanner() {
  const [notices, setNotices] = useState(storageNotices)
  useEffect(() => onStorageNotices(setNotices), [])
  if (notices.length === 0) return null
  return (
    <div className="banner banner-info" role="status" data-testid="storage-notice">
      <span>
        Some saved data could not be read and was reset:{' '}
        {notices.map((n) => `${n.key} (${n.reason})`).join('; ')}.
      </span>
      <button type="button" onClick={dismissStorageNotices}>
        Dismiss
      </button>
    </div>
  )
}
