import { useState } from 'react'
import { useAccount } from 'wagmi'
import type { ValidationContext } from '../../core/batch/validate'
import { findChain } from '../../core/config/chains'
import { useRuntimeConfig } from '../../shared/context/configContext'
import { useChainPrices } from '../../shared/prices/useChainPrices'
import { useOutcomePreview } from '../../shared/proof/useOutcomePreview'
import { DelegationGuard } from '../../shared/protection/DelegationGuard'
import { ProtectionStatus } from '../../shared/protection/ProtectionStatus'
import { useDelegationGuard } from '../../shared/protection/useDelegationGuard'
import { useProtection } from '../../shared/protection/useProtection'
import { WhoSeesThis } from '../../shared/protection/WhoSeesThis'
import { NonceBlockNotice } from '../../shared/tx/NonceCheckPanel'
import { useActivity } from '../../shared/tx/useActivity'
import { ConnectWalletButton } from '../../shared/ui/ConnectWalletButton'
import { ActionBalance, knownAddresses } from './ActionBalance'
import { ActionEditor, AddActionButtons } from './ActionEditor'
import { BatchProgress } from './BatchProgress'
import { BatchReview } from './BatchReview'
import { joinMessages } from './joinMessages'
import { reviewSummary } from './reviewSummary'
import { useBatchChecks } from './useBatchChecks'
import { useBatchDraft } from './useBatchDraft'
import { useBatchEns } from './useBatchEns'
import { useBatchRun } from './useBatchRun'
import { usePreviewTotals } from './usePreviewTotals'

// Over 80 lines: the page's state and hooks (actions, checks, run) wired to its parts.
export function BatchPage() {
  const config = useRuntimeConfig()
  const { address: account, chainId, isConnected } = useAccount()
  const chain = findChain(config, chainId) ?? findChain(config, config.defaultChainId)
  const draft = useBatchDraft()
  const [reviewing, setReviewing] = useState(false)
  const nativeSymbol = chain?.nativeCurrency.symbol ?? 'ETH'
  const native = chain?.nativeCurrency ?? { symbol: nativeSymbol, decimals: 18 }
  const { prices } = useChainPrices()
  const tokens = chain?.tokens ?? []

  const ens = useBatchEns(draft.actions)
  const actions = ens.actions
  const records = useActivity()
  const known = knownAddresses(actions, records, account, tokens, nativeSymbol)
  const ctx: ValidationContext = { tokens, nativeSymbol, account, knownAddresses: known }
  const checks = useBatchChecks({
    actions,
    ctx,
    account,
    chainId: isConnected ? chainId : undefined,
    native,
    multicall3: chain?.multicall3,
    priceFeeds: chain?.priceFeeds,
    reviewing,
  })
  const protection = useProtection()
  const delegation = useDelegationGuard(isConnected ? chainId : undefined, account)
  const runner = useBatchRun({ account, chainId, acceptedDelegate: delegation.accepted })
  const run = runner.run
  const busy = Boolean(run?.running)
  const locked = Boolean(run)
  /** The one choice for the whole batch: its transactions may go out publicly if the wallet is not on Protect. */
  const publicConsent = runner.consent
  const askConsent = Boolean(chain?.protect) && (protection.kind !== 'protected' || Boolean(run?.stop?.gate))
  const { checked, set: onChange, shown } = publicConsent
  const consentBox = askConsent ? { checked, onChange, shown } : undefined

  const {
    steps,
    warnings: reviewWarnings,
    approvalProblems,
    balanceProblems,
    problems,
    lookalikes,
  } = reviewSummary(actions, checks, nativeSymbol)

  const nativeOutflow = checks.outflows.find((o) => o.asset === 'native')
  const preview = useOutcomePreview(
    isConnected ? chainId : undefined,
    account,
    reviewing && checks.allValid && !locked ? steps.map((s) => s.call) : undefined,
    // An atomic batch's gas is the wallet's to set: its estimate is no "at most" for the preview to show.
    nativeOutflow?.gasEstimate ? undefined : nativeOutflow?.gasReserve,
  )

  const totals = usePreviewTotals({
    outflows: checks.outflows,
    shortfalls: checks.shortfalls,
    balances: checks.balances,
    balanceTokens: checks.balanceTokens,
    balancesLoading: checks.balancesLoading,
    preview: preview.data,
    chainId: isConnected ? chainId : undefined,
    account,
    multicall3: chain?.multicall3,
    priceFeeds: chain?.priceFeeds,
  })

  const send = () => {
    if (!checks.path) return
    const consent = askConsent ? publicConsent.intent : { consentToPublic: false }
    publicConsent.set(false)
    // Atomic: the wallet sets the gas of its one transaction (EIP-7702 overhead and all), so the review's
    // gas maximum is no bound the outcome check could hold it to; the effects are.
    const atomic = checks.path.kind === 'atomic'
    const kept = preview.data && (atomic ? { ...preview.data, maxGasFee: undefined } : preview.data)
    if (atomic) void runner.startAtomic(steps, consent, kept)
    else void runner.startSequential(steps, consent, kept, checks.reviewedFees)
  }

  return (
    <section className="batch-page">
      <h1>Batch</h1>
      <p>
        Build several actions and send them together. If your wallet supports atomic batches (EIP-5792), they
        all succeed or none do; otherwise Hush sends them one by one and says so.
      </p>
      <ProtectionStatus />
      <NonceBlockNotice />
      {!isConnected && (
        <div className="notice batch-connect" data-testid="batch-connect">
          <p>Your wallet is needed to check balances, simulate and send. You can build the list now.</p>
          <ConnectWalletButton />
        </div>
      )}

      <ol className="batch-actions" aria-label="Actions in this batch">
        {draft.actions.map((action, index) => {
          const r = checks.resolved[index]
          const extra = checks.approvalChecks[index]
          return (
            <ActionEditor
              key={action.id}
              action={action}
              index={index}
              count={draft.actions.length}
              tokens={tokens}
              nativeSymbol={nativeSymbol}
              maxText={checks.maxText(index)}
              maxNote={action.kind === 'eth-transfer' ? checks.maxNote : undefined}
              balance={
                isConnected && (
                  <ActionBalance
                    action={action}
                    tokens={tokens}
                    native={native}
                    checks={checks}
                    prices={prices}
                  />
                )
              }
              ens={ens.fields[index]}
              errors={{ ...(r && !r.ok ? r.errors : {}), ...extra?.errors, ...checks.balanceErrors[index] }}
              warnings={joinMessages(r?.warnings, extra?.warnings)}
              showAllErrors={reviewing}
              disabled={locked}
              onChange={(patch) => draft.update(action.id, patch)}
              onMove={(delta) => draft.move(index, delta)}
              onDuplicate={() => draft.duplicate(index)}
              onRemove={() => draft.remove(index)}
            />
          )
        })}
      </ol>
      {draft.actions.length === 0 && <p className="muted">No actions yet: add one below.</p>}

      <AddActionButtons disabled={locked || draft.actions.length >= 50} onAdd={draft.add} />

      {!locked && (
        <div className="batch-controls">
          <button
            type="button"
            className="primary"
            disabled={draft.actions.length === 0}
            onClick={() => setReviewing(true)}
          >
            Review batch
          </button>
          {draft.actions.length > 0 && (
            <button
              type="button"
              onClick={() => {
                draft.clear()
                setReviewing(false)
              }}
            >
              Clear the list
            </button>
          )}
        </div>
      )}
      <div role="status" className="batch-problems">
        {reviewing && problems > 0 && (
          <p className="error-text">
            Fix the {problems === 1 ? 'problem' : `${problems} problems`} marked above to continue.
          </p>
        )}
      </div>

      {reviewing && checks.allValid && approvalProblems === 0 && balanceProblems === 0 && !locked && (
        <BatchReview
          lookalikes={lookalikes}
          steps={steps}
          warnings={reviewWarnings}
          outflows={totals.outflows}
          shortfalls={totals.shortfalls}
          balancesLoading={totals.balancesLoading}
          simulation={checks.simulation}
          preview={preview}
          native={native}
          prices={prices}
          gas={checks.gas}
          path={checks.path}
          chainId={chainId}
          canSend={runner.canSend && isConnected}
          connected={isConnected}
          busy={busy}
          onSend={send}
          consent={consentBox}
          beforeSigning={{
            node: (
              <>
                <WhoSeesThis from={account} />
                <DelegationGuard guard={delegation} atomic={checks.path?.kind === 'atomic'} />
              </>
            ),
            blocks: delegation.needsTick,
          }}
        />
      )}
      {run && (
        <BatchProgress
          run={run}
          chainId={chainId}
          consent={consentBox}
          onResume={() => {
            runner.resume(askConsent ? publicConsent.intent : { consentToPublic: false })
            publicConsent.set(false)
          }}
          onReset={runner.reset}
        />
      )}
    </section>
  )
}
