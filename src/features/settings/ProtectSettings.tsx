import { useId } from 'react'
import { useAccount } from 'wagmi'
import { findChain } from '../../core/config/chains'
import { pickableHints, sharingOf } from '../../core/protect/hints'
import { applyPreset, type PresetId, presetOf } from '../../core/protect/presets'
import { buildProtectUrl, protectSettingsSchema, protectSettingsWarnings } from '../../core/protect/url'
import { useRuntimeConfig } from '../../shared/context/configContext'
import { PresetPicker } from '../../shared/protection/PresetPicker'
import { useProtectWallet } from '../../shared/protection/useProtection'
import { ProtectAdvanced } from './ProtectAdvanced'
import { ProtectBuilders } from './ProtectBuilders'
import { ProtectRefunds } from './ProtectRefunds'
import { ProtectSharing } from './ProtectSharing'
import { ProtectSummary } from './ProtectSummary'
import type { ProtectSettingsDraft } from './useProtectSettingsForm'
import { useProtectSettingsForm } from './useProtectSettingsForm'

/** The Flashbots Protect URL parameters used by "Protect this wallet" and "Apply new settings". */
export function ProtectSettings() {
  const id = useId()
  const form = { ...useProtectSettingsForm(), id }
  const config = useRuntimeConfig()
  const chain = findChain(config, config.defaultChainId) ?? config.chains.find((c) => c.protect)
  // While the form is invalid, the preview and summary show the last valid settings instead of vanishing.
  const preview = chain?.protect ? buildProtectUrl(chain.protect.rpcUrl, form.shown) : undefined
  const warnings = protectSettingsWarnings(form.shown)
  const apply = useProtectWallet(chain)
  const { isConnected } = useAccount()
  return (
    <form
      className="protect-settings"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault()
        form.save()
      }}
      noValidate
    >
      <h2 id={`${id}-title`}>Flashbots Protect</h2>
      <p className="muted">
        These choices become parameters of the Protect RPC URL Hush gives your wallet. A wallet that is
        already protected keeps its old URL until you apply the new settings.
      </p>
      <PresetPicker
        base={form.shown}
        value={presetOf(form.shown)}
        onChange={(id) => form.update((d) => withPreset(d, id))}
      />
      <ProtectBuilders form={form} />
      <ProtectSharing form={form} />
      <ProtectRefunds form={form} />
      <ProtectAdvanced form={form} />
      <ProtectSummary settings={form.shown} stale={!form.valid} />
      {preview && (
        <p className={form.valid ? 'protect-preview' : 'protect-preview protect-stale'}>
          RPC URL for {chain?.name}: <code data-testid="protect-url-preview">{preview}</code>
        </p>
      )}
      {warnings.length > 0 && <span className="visually-hidden">{warnings.join(' ')}</span>}
      <div className="protect-save">
        <button type="submit" className="primary" disabled={!form.valid}>
          Save Protect settings
        </button>{' '}
        <button
          type="button"
          data-testid="protect-save-apply"
          disabled={!form.valid || !isConnected || !apply.protectUrl || apply.isPending}
          onClick={() => {
            form.save()
            apply.mutate(form.shown)
          }}
        >
          {apply.isPending ? 'Waiting for your wallet…' : 'Save and update my wallet'}
        </button>
        <span role="status" className={form.valid ? 'muted' : 'error-text'}>
          {!form.valid
            ? 'Fix the marked fields. The summary and URL above show your last valid settings.'
            : form.saved
              ? 'Saved. A wallet that is already protected needs them applied: see below.'
              : ''}
        </span>
      </div>
    </form>
  )
}

/** A preset sets who receives the transaction and what searchers see; the rest of the draft stays. */
function withPreset(d: ProtectSettingsDraft, id: PresetId): ProtectSettingsDraft {
  const part = applyPreset(protectSettingsSchema.parse({}), id)
  return {
    ...d,
    fast: part.fast,
    builders: part.builders,
    useMempool: part.useMempool,
    sharing: sharingOf(part.hints),
    picked: pickableHints.filter((h) => part.hints.includes(h)),
  }
}
