import { useState } from 'react'
import type { ChainConfig } from '../../core/config/schema'
import { classifyError } from '../../core/errors/classify'
import { type AppliedSettings, wasGiven } from '../../core/protect/givenUrlStore'
import { applyPreset, type PresetId, presetOf } from '../../core/protect/presets'
import { Icon } from '../ui/Icon'
import { ManualSetupGuide } from './ManualSetupGuide'
import { PresetPicker } from './PresetPicker'
import {
  type ProtectWalletResult,
  useAppliedSettings,
  useProtection,
  useProtectWallet,
} from './useProtection'
import { useProtectSettings } from './useProtectSettings'

/**
 * Whether the connected wallet sends through Flashbots Protect, and the way to make it so or to give it the
 * current settings. Shown wherever a send can start (Send and Batch pages); on Settings only the state
 * (`actions={false}`), where "Save and update wallet" is the one action.
 */
export function ProtectionStatus({ actions = true }: { actions?: boolean } = {}) {
  const view = useProtection()
  const { applied } = useAppliedSettings(view.kind === 'protected' ? view.chain : undefined)
  return (
    <section className="protection" aria-label="Transaction privacy" data-testid="protection">
      <p
        role="status"
        className={`protection-state protection-${view.kind}${view.kind === 'protected' && applied === 'older' ? ' protection-older' : ''}`}
        data-testid="protection-state"
      >
        {view.kind === 'no-wallet' && (
          <>Connect a wallet to check whether it sends through Flashbots Protect.</>
        )}
        {view.kind === 'no-protect' && (
          <>
            <Icon name="info" /> No Flashbots Protect on {view.chainName}: transactions on this network go to
            the public mempool.
          </>
        )}
        {view.kind === 'checking' && <>Checking your wallet's RPC…</>}
        {view.kind === 'protected' && applied !== 'older' && (
          <>
            <Icon name="lock" /> <strong>Protected</strong>: your wallet sends through Flashbots Protect.
            {applied === 'unrecorded' && (
              <span className="muted">
                {' '}
                Hush did not set this RPC, so it cannot tell which of your settings it uses.
              </span>
            )}
          </>
        )}
        {view.kind === 'protected' && applied === 'older' && (
          <>
            <Icon name="clock" /> <strong>Protected with old settings</strong>: your wallet sends through
            Flashbots Protect, with the URL Hush gave it before you changed your settings. It keeps that URL
            until you apply the new one.
          </>
        )}
        {view.kind === 'not-protected' && (
          <>
            <Icon name="warning" /> <strong>Not protected</strong>: your wallet's RPC is not Flashbots
            Protect, so a transaction would go to the public mempool.
          </>
        )}
        {view.kind === 'unknown' && (
          <>
            <span aria-hidden="true">? </span>
            <strong>Unknown</strong>: your wallet's RPC did not answer the Protect check.
          </>
        )}
        {view.kind === 'route-unknown' && (
          <>
            <span aria-hidden="true">? </span>
            <strong>Route unknown</strong>: {view.reason}. Hush cannot tell whether a transaction stays
            private, so it asks you before each send. Set Flashbots Protect as the RPC in your wallet app to
            keep it private.
          </>
        )}
      </p>
      {actions && (view.kind === 'not-protected' || view.kind === 'unknown' || view.kind === 'protected') && (
        <ProtectActions
          chain={view.chain}
          protectedNow={view.kind === 'protected'}
          applied={applied}
          recheck={view.recheck}
        />
      )}
    </section>
  )
}

const actionLabel = (protectedNow: boolean, applied: AppliedSettings) =>
  !protectedNow
    ? 'Protect this wallet'
    : applied === 'older'
      ? 'Apply new settings to your wallet'
      : applied === 'unrecorded'
        ? 'Apply your settings to your wallet'
        : undefined

function ProtectActions(props: {
  chain: ChainConfig
  protectedNow: boolean
  applied: AppliedSettings
  recheck: () => void
}) {
  const { chain, protectedNow, applied, recheck } = props
  const protect = useProtectWallet(chain)
  const settings = useProtectSettings()
  // Protecting a wallet is where the trade-off is chosen: the preset picked is saved and given in one action.
  const [preset, setPreset] = useState<PresetId | 'custom'>(() => presetOf(settings))
  const result = protect.data
  const label = actionLabel(protectedNow, applied)
  return (
    <div className="protection-actions">
      {!protectedNow && <PresetPicker base={settings} value={preset} onChange={setPreset} />}
      {label && (
        <button
          type="button"
          className={protectedNow && applied === 'unrecorded' ? undefined : 'primary'}
          onClick={() =>
            protect.mutate(!protectedNow && preset !== 'custom' ? applyPreset(settings, preset) : undefined)
          }
          disabled={protect.isPending || !protect.protectUrl}
          aria-busy={protect.isPending}
        >
          {protect.isPending ? 'Waiting for your wallet…' : label}
        </button>
      )}{' '}
      <button type="button" onClick={recheck} disabled={protect.isPending}>
        Check again
      </button>
      <p role="status" className="protection-outcome" data-testid="protection-outcome">
        {protect.isError && <span className="error-text">{classifyError(protect.error).message}</span>}
        {result && !(protectedNow && accepted(result)) && <OutcomeText result={result} />}
        {result && protectedNow && accepted(result) && applied === 'current' && (
          <>Your wallet has the Protect URL of your current settings.</>
        )}
      </p>
      {result && protect.protectUrl && needsGuide(result) && (
        <ManualSetupGuide chain={chain} protectUrl={protect.protectUrl} />
      )}
    </div>
  )
}

/** Whether the wallet took the URL and now answers Protected. */
export const accepted = (r: ProtectWalletResult) => wasGiven(r.outcome, r.after)

/** The wallet did not end up on Protect, and the user did not decline: they need the steps by hand. */
export function needsGuide(result: ProtectWalletResult): boolean {
  if (result.outcome === 'declined') return false
  return result.outcome === 'refuses-default-chain' || result.after !== 'protected'
}

export function OutcomeText({ result }: { result: ProtectWalletResult }) {
  switch (result.outcome) {
    case 'declined':
      return <span className="muted">Not changed: you declined in your wallet.</span>
    case 'refuses-default-chain':
      return <>Your wallet does not let apps change this network. Set Protect up by hand:</>
    case 'failed':
      return (
        <span className="error-text">
          Your wallet could not add Protect ({classifyError(result.error).message}). Set it up by hand:
        </span>
      )
    default:
      if (result.after === 'unknown')
        return (
          <>
            Your wallet answered, but its RPC did not answer the Protect check. Check again, or set it by
            hand:
          </>
        )
      return (
        <>Your wallet still does not send through Protect. Make Protect the default RPC for this network:</>
      )
  }
}
