import type { ChainConfig } from '../../core/config/schema'
import { classifyError } from '../../core/errors/classify'
import { Icon } from '../ui/Icon'
import { ManualSetupGuide } from './ManualSetupGuide'
import { type ProtectWalletResult, useProtection, useProtectWallet } from './useProtection'

/**
 * Whether the connected wallet sends through Flashbots Protect, and the way to make it so. Shown wherever a
 * send can start (Send and Batch pages).
 */
export function ProtectionStatus() {
  const view = useProtection()
  return (
    <section className="protection" aria-label="Transaction privacy" data-testid="protection">
      <p role="status" className={`protection-state protection-${view.kind}`} data-testid="protection-state">
        {view.kind === 'no-wallet' && (
          <>Connect a wallet to check whether it sends through Flashbots Protect.</>
        )}
        {view.kind === 'no-protect' && (
          <>
            <span aria-hidden="true">ⓘ </span>No Flashbots Protect on {view.chainName}: transactions on this
            network go to the public mempool.
          </>
        )}
        {view.kind === 'checking' && <>Checking your wallet's RPC…</>}
        {view.kind === 'protected' && (
          <>
            <Icon name="lock" /> <strong>Protected</strong>: your wallet sends through Flashbots Protect.
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
      </p>
      {(view.kind === 'not-protected' || view.kind === 'unknown' || view.kind === 'protected') && (
        <ProtectActions chain={view.chain} protectedNow={view.kind === 'protected'} recheck={view.recheck} />
      )}
    </section>
  )
}

function ProtectActions(props: { chain: ChainConfig; protectedNow: boolean; recheck: () => void }) {
  const { chain, protectedNow, recheck } = props
  const protect = useProtectWallet(chain)
  const result = protect.data
  return (
    <div className="protection-actions">
      {!protectedNow && (
        <button
          type="button"
          className="primary"
          onClick={() => protect.mutate()}
          disabled={protect.isPending || !protect.protectUrl}
          aria-busy={protect.isPending}
        >
          {protect.isPending ? 'Waiting for your wallet…' : 'Protect this wallet'}
        </button>
      )}{' '}
      <button type="button" onClick={recheck} disabled={protect.isPending}>
        Check again
      </button>
      <p role="status" className="protection-outcome" data-testid="protection-outcome">
        {protect.isError && <span className="error-text">{classifyError(protect.error).message}</span>}
        {result && !protectedNow && <OutcomeText result={result} />}
      </p>
      {result && protect.protectUrl && needsGuide(result) && (
        <ManualSetupGuide chain={chain} protectUrl={protect.protectUrl} />
      )}
    </div>
  )
}

function needsGuide(result: ProtectWalletResult): boolean {
  if (result.outcome === 'declined') return false
  return result.outcome === 'refuses-default-chain' || result.after !== 'protected'
}

function OutcomeText({ result }: { result: ProtectWalletResult }) {
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
