import type { ChainConfig } from '../../core/config/schema'
import { classifyError } from '../../core/errors/classify'
import { ManualSetupGuide } from '../../shared/protection/ManualSetupGuide'
import { accepted, needsGuide, OutcomeText, ProtectionStatus } from '../../shared/protection/ProtectionStatus'
import { useProtection, useProtectWallet } from '../../shared/protection/useProtection'
import type { ProtectForm } from './protectFormParts'

/**
 * The one action of Settings: save, then ask the connected wallet to take the new Protect URL (the same
 * wallet_addEthereumChain and re-check as "Protect this wallet"). Without a wallet it only saves.
 */
export function SaveAndUpdate({ form, chain }: { form: ProtectForm; chain: ChainConfig | undefined }) {
  const view = useProtection()
  const update = useProtectWallet(chain)
  const canUpdate = view.kind !== 'no-wallet' && view.kind !== 'no-protect' && Boolean(chain?.protect)
  const result = form.saved ? update.data : undefined
  const run = () => {
    const saved = form.save()
    if (saved && canUpdate) update.mutate(saved)
  }
  return (
    <div className="protect-save">
      <ProtectionStatus actions={false} />
      {/* A submit button: Enter in a field is the same action (a disabled one makes Enter do nothing). */}
      <button
        type="submit"
        className="primary"
        data-testid="protect-save"
        disabled={!form.valid || update.isPending}
        aria-busy={update.isPending}
        onClick={run}
      >
        {update.isPending
          ? 'Waiting for your wallet…'
          : canUpdate
            ? 'Save and update wallet'
            : 'Save settings'}
      </button>
      <p
        role="status"
        className={form.valid ? 'protect-saved' : 'protect-saved error-text'}
        data-testid="protect-saved"
      >
        {!form.valid && 'Fix the marked fields. The summary and URL show your last valid settings.'}
        {form.valid &&
          form.saved &&
          !canUpdate &&
          'Saved. Hush gives them to your wallet when you protect it.'}
        {form.valid && form.saved && update.isError && (
          <span className="error-text">Saved, but {classifyError(update.error).message}</span>
        )}
        {form.valid && result && accepted(result) && 'Saved. Your wallet now uses these settings.'}
        {form.valid && result?.outcome === 'declined' && (
          <>Saved. Your wallet keeps its old settings: you declined in your wallet.</>
        )}
        {form.valid && result && result.outcome !== 'declined' && !accepted(result) && (
          <>
            Saved. <OutcomeText result={result} />
          </>
        )}
      </p>
      {result && chain && update.protectUrl && needsGuide(result) && (
        <ManualSetupGuide chain={chain} protectUrl={update.protectUrl} />
      )}
    </div>
  )
}
