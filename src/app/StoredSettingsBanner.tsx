import { useSyncExternalStore } from 'react'
import {
  confirmStoredProtectSettings,
  discardStoredProtectSettings,
  getUnconfirmedProtectSettings,
} from '../core/protect/settingsStore'
import { defaultProtectSettings, type ProtectSettings } from '../core/protect/url'
import type { EndpointSettings } from '../core/rpc/endpoints'
import { useRpcManager } from '../shared/context/rpcContext'
import { useProtectSettings } from '../shared/protection/useProtectSettings'

/** Each stored Protect setting that differs from the defaults, in the words of its field. */
function protectChanges(s: ProtectSettings): string[] {
  return Object.entries(s)
    .filter(
      ([k, v]) => JSON.stringify(v) !== JSON.stringify(defaultProtectSettings[k as keyof ProtectSettings]),
    )
    .map(([k, v]) =>
      k === 'refunds'
        ? `refunds: ${s.refunds.map((r) => `${r.percent}% to ${r.address}`).join(', ')}`
        : `${k}: ${JSON.stringify(v)}`,
    )
}

function endpointChanges(s: EndpointSettings): string[] {
  return Object.entries(s).flatMap(([chain, c]) => [
    ...c.added.map((a) => `chain ${chain}: added ${a.url}`),
    ...c.disabled.map((u) => `chain ${chain}: turned off ${u}`),
    ...c.removed.map((u) => `chain ${chain}: removed ${u}`),
  ])
}

/**
 * Stored settings that changed outside Hush's own save (core/storage/confirmed.ts): shown in full, and not
 * used until the user confirms them here.
 */
export function StoredSettingsBanner() {
  useProtectSettings()
  const rpc = useRpcManager()
  const endpoints = useSyncExternalStore(rpc.subscribeSettings, rpc.unconfirmedSettings)
  const protect = getUnconfirmedProtectSettings()
  if (!protect && !endpoints) return null
  return (
    <div className="banner banner-warning" role="alert" data-testid="stored-settings-review">
      <p>
        <strong>Saved settings changed outside Hush.</strong> They are not used until you confirm them:
      </p>
      <ul>
        {protect && protectChanges(protect).map((c) => <li key={`p-${c}`}>Protect {c}</li>)}
        {endpoints && endpointChanges(endpoints).map((c) => <li key={`e-${c}`}>Endpoints {c}</li>)}
      </ul>
      <button
        type="button"
        onClick={() => {
          if (protect) confirmStoredProtectSettings()
          if (endpoints) rpc.settleStoredSettings(true)
        }}
      >
        Use these settings
      </button>{' '}
      <button
        type="button"
        onClick={() => {
          if (protect) discardStoredProtectSettings()
          if (endpoints) rpc.settleStoredSettings(false)
        }}
      >
        Discard them
      </button>
    </div>
  )
}
