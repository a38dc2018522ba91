import './settings.css'
import { useId, useState } from 'react'
import { useAccount } from 'wagmi'
import { findChain } from '../../core/config/chains'
import { pickableHints, sharingOf } from '../../core/protect/hints'
import { applyPreset, type PresetId, presetOf } from '../../core/protect/presets'
import { getProtectSettings } from '../../core/protect/settingsStore'
import { buildProtectUrl, protectSettingsSchema, protectSettingsWarnings } from '../../core/protect/url'
import { useRuntimeConfig } from '../../shared/context/configContext'
import { PresetPicker } from '../../shared/protection/PresetPicker'
import { ProtectAdvanced } from './ProtectAdvanced'
import { ProtectBuilders } from './ProtectBuilders'
import { ProtectRefunds } from './ProtectRefunds'
import { ProtectSharing } from './ProtectSharing'
import { ProtectSummary } from './ProtectSummary'
import { SaveAndUpdate } from './SaveAndUpdate'
import type { ProtectSettingsDraft } from './useProtectSettingsForm'
import { useProtectSettingsForm } from './useProtectSettingsForm'

/**
 * Who may see a transaction before it is included, in words: the meter, the three presets, the one action
 * "Save and update wallet"; builders, sharing, refunds and inclusion fold under "More choices".
 */
export function ProtectSettings() {
  const id = useId()
  const form = { ...useProtectSettingsForm(), id }
  const config = useRuntimeConfig()
  const { chainId } = useAccount()
  // The wallet's chain when it has Protect (that is the network the update changes), else the default one.
  const walletChain = findChain(config, chainId)
  const chain = walletChain?.protect
    ? walletChain
    : (findChain(config, config.defaultChainId) ?? config.chains.find((c) => c.protect))
  // While the form is invalid, the preview and summary show the last valid settings instead of vanishing.
  const preview = chain?.protect ? buildProtectUrl(chain.protect.rpcUrl, form.shown) : undefined
  const warnings = protectSettingsWarnings(form.shown)
  // Own settings (no preset matches) start with the choices open: they are what the user set.
  const [open, setOpen] = useState(() => presetOf(getProtectSettings()) === 'custom')
  return (
    <form
      className="protect-settings"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => e.preventDefault()}
      noValidate
    >
      <h2 id={`${id}-title`}>Privacy: Flashbots Protect</h2>
      <p className="muted">
        Who may see your transactions before they are in a block. Your wallet sends through Protect with these
        settings once you save and update it.
      </p>
      <ProtectSummary settings={form.shown} stale={!form.valid} />
      <PresetPicker
        base={form.shown}
        value={presetOf(form.shown)}
        onChange={(id) => form.update((d) => withPreset(d, id))}
      />
      <details
        className="protect-more"
        open={open}
        onToggle={(e) => setOpen(e.currentTarget.open)}
        data-testid="protect-more"
      >
        <summary>More choices: builders, what searchers see, refunds, inclusion</summary>
        <ProtectBuilders form={form} />
        <ProtectSharing form={form} />
        <ProtectRefunds form={form} />
        <ProtectAdvanced form={form} />
        {preview && (
          <p className={form.valid ? 'protect-preview' : 'protect-preview protect-stale'}>
            <span className="protect-detail">Protect RPC URL for {chain?.name}:</span>
            <code data-testid="protect-url-preview">{preview}</code>
          </p>
        )}
      </details>
      {warnings.length > 0 && <span className="visually-hidden">{warnings.join(' ')}</span>}
      <SaveAndUpdate form={form} chain={chain} />
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
