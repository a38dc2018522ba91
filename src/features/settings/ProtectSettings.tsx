import { useId } from 'react'
import { findChain } from '../../core/config/chains'
import { buildProtectUrl, protectSettingsWarnings } from '../../core/protect/url'
import { useRuntimeConfig } from '../../shared/context/configContext'
import { ProtectAdvanced } from './ProtectAdvanced'
import { ProtectBuilders } from './ProtectBuilders'
import { ProtectRefunds } from './ProtectRefunds'
import { ProtectSharing } from './ProtectSharing'
import { ProtectSummary } from './ProtectSummary'
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
