// Over 250 lines: the Send review is one form (summary, fees, privacy, consent, send) with one submit path.
import type { UseQueryResult } from '@tanstack/react-query'
import type { Address } from 'viem'
import type { ChainConfig } from '../../core/config/schema'
import { type CustomFeeInput, type Fees, maxTotalCost } from '../../core/fees/presets'
import type { Prices } from '../../core/prices/feeds'
import { keepPreview } from '../../core/proof/onRecord'
import { recordStore } from '../../core/tx/records/records'
import type { PipelineProgress } from '../../core/tx/send/pipeline'
import { type Call, gasWithHeadroom, type Simulation } from '../../core/tx/send/prepare'
import { OutcomePreview } from '../../shared/proof/OutcomePreview'
import { useOutcomePreview } from '../../shared/proof/useOutcomePreview'
import { consentBlocker } from '../../shared/protection/consentWords'
import { DelegationGuard } from '../../shared/protection/DelegationGuard'
import { useDelegationGuard } from '../../shared/protection/useDelegationGuard'
import { WhoSeesThis } from '../../shared/protection/WhoSeesThis'
import { ConsentTick } from '../../shared/tx/ConsentTick'
import { progressText } from '../../shared/tx/usePipeline'
import { useSender } from '../../shared/tx/useSender'
import { Amount, Fiat } from '../../shared/ui/Amount'
import { FeeEditor, FeeMechanics } from './FeeEditor'
import { ArrivalLine, privacyLine, SimulationLine } from './ReviewFacts'
import { ReviewSummary, SummaryDetails } from './ReviewSummary'
import type { FeeState } from './useFeeChoice'
import type { AssetBalance, SendAsset } from './useSendAssets'

type Props = {
  chain: ChainConfig
  from: Address
  asset: SendAsset
  recipient: { address: Address; ensName?: string } | undefined
  amount: bigint | undefined
  amountError: string | undefined
  call: Call | undefined
  simulation: UseQueryResult<Simulation>
  fee: FeeState
  /** The gas limit the amount check kept back for (the simulation's, with headroom, once known). */
  gasLimit: bigint
  fees: Fees | undefined
  /** Prices from the balances read; fiat values are shown only where a feed has one. */
  prices: Prices | undefined
  feeError: { field: keyof CustomFeeInput; message: string } | undefined
  nativeBalance: AssetBalance
  canSend: boolean
  onBack: () => void
  onSent: (recordId: string) => void
}

// Over 80 lines: the send review: its sections read the same checks, preview and fee state.
export function ReviewPanel(p: Props) {
  const delegation = useDelegationGuard(p.chain.id, p.from)
  const sender = useSender(p.chain.id)
  const { protection } = sender
  const { ready, consent } = sender
  /** The gate stopped the last attempt: the wallet is not (or not provably) on Protect right now. */
  const gateState = sender.gate?.state
  const withoutProtection = consent.checked
  const phase: 'idle' | PipelineProgress = sender.step ?? (sender.busy ? 'checking-protection' : 'idle')
  const sendError = sender.message
  const symbol = p.chain.nativeCurrency.symbol
  const sim = p.simulation.data
  const gas = sim?.ok ? gasWithHeadroom(sim.gas) : undefined
  const isNative = !p.asset.address
  const maxCost = gas && p.fees ? maxTotalCost(gas, p.fees, isNative ? (p.amount ?? 0n) : 0n) : undefined
  const gasCost = gas && p.fees ? maxTotalCost(gas, p.fees) : undefined
  const notEnoughForGas =
    !isNative && gasCost !== undefined && typeof p.nativeBalance === 'bigint' && gasCost > p.nativeBalance
  const isProtected = protection.kind === 'protected' && !gateState
  const preview = useOutcomePreview(p.chain.id, p.from, p.call ? [p.call] : undefined, gasCost)
  const protectionOk = !p.chain.protect || isProtected || withoutProtection

  const blockers: string[] = []
  if (!p.canSend || p.amountError)
    blockers.push(p.amountError ?? 'The transfer details are not valid any more.')
  if (!sim) blockers.push('Waiting for the simulation.')
  else if (!sim.ok) blockers.push('The simulation did not succeed.')
  if (!p.fees)
    blockers.push(p.feeError ? 'Fix the custom fee (see the fee fields).' : 'Waiting for fee estimates.')
  if (notEnoughForGas) blockers.push(`Not enough ${symbol} to pay the maximum gas cost.`)
  if (!protectionOk) blockers.push(consentBlocker(consent.shown))
  if (delegation.needsTick) blockers.push('Tick that you trust the contract your account is delegated to.')
  if (!ready) blockers.push('Waiting for the wallet connection.')
  if (preview.isPending) blockers.push('Waiting for the outcome preview.')
  const sendable = blockers.length === 0 && phase === 'idle'

  async function onSend() {
    // The sender drops a second click that lands before React re-renders the disabled button.
    if (!sendable || !gas || !p.fees || !p.call || p.amount === undefined || !p.recipient) return
    const { call, fees, amount, recipient, asset } = p
    const done = await sender.send('send', async () => ({
      kind: 'transfer',
      chainId: p.chain.id,
      from: p.from,
      call,
      gas,
      fees,
      asset: {
        symbol: asset.symbol,
        decimals: asset.decimals,
        ...(asset.address ? { address: asset.address } : {}),
      },
      amount,
      recipient: recipient.address,
      acceptedDelegate: delegation.accepted,
    }))
    if (done?.result?.kind === 'sent') {
      keepPreview(recordStore(), done.result.record.id, preview.data)
      p.onSent(done.result.record.id)
    }
    if (done?.result?.kind === 'gate') protection.recheck()
  }

  const route = !p.chain.protect
    ? 'no-protect'
    : isProtected
      ? 'protected'
      : withoutProtection
        ? 'public'
        : 'unprotected'
  const failed = sim?.ok === false || p.simulation.isError
  return (
    <section className="review" aria-labelledby="review-title">
      <h2 id="review-title">Review</h2>
      <DelegationGuard guard={delegation} />
      <ReviewSummary
        from={p.from}
        asset={p.asset}
        amount={p.amount}
        recipient={p.recipient}
        prices={p.prices}
        firstTime={p.recipient ? !sentBefore(p.chain.id, p.from, p.recipient.address) : false}
      />
      {/* A failed or unreadable simulation is said up front; a good one is a line under Details. */}
      {(failed || p.simulation.isPending) && <SimulationLine simulation={p.simulation} gas={gas} />}
      <dl className="review-facts">
        <dt>Arrives</dt>
        <dd data-testid="review-arrival">
          <ArrivalLine chainId={p.chain.id} />
        </dd>
        <dt>Privacy</dt>
        <dd data-testid="review-privacy">{privacyLine(route)}</dd>
        <dt>Total</dt>
        <dd data-testid="max-cost">
          {maxCost !== undefined ? (
            <>
              at most <Amount value={maxCost} {...p.chain.nativeCurrency} testId="max-cost-value" />{' '}
              <Fiat
                prices={p.prices}
                asset="native"
                value={maxCost}
                decimals={p.chain.nativeCurrency.decimals}
                testId="max-cost-fiat"
              />
              {isNative ? (
                ' (amount + fee)'
              ) : (
                <>
                  {' '}
                  in fees, plus{' '}
                  <Amount value={p.amount ?? 0n} decimals={p.asset.decimals} symbol={p.asset.symbol} />
                </>
              )}
            </>
          ) : p.feeError ? (
            'shown once the custom fee is valid.'
          ) : (
            '…'
          )}
        </dd>
      </dl>
      {/* Under the one-line promise, which it details: who will see the transaction with the wallet's settings. */}
      <WhoSeesThis from={p.from} />
      <FeeEditor
        fee={p.fee}
        fees={p.fees}
        error={p.feeError}
        gasLimit={gas ?? p.gasLimit}
        native={p.chain.nativeCurrency}
        prices={p.prices}
      />
      <OutcomePreview state={preview} native={p.chain.nativeCurrency} />
      <details className="details" data-testid="review-details">
        <summary>Details</summary>
        {!failed && !p.simulation.isPending && <SimulationLine simulation={p.simulation} gas={gas} />}
        {p.asset.address && (
          <p className="muted">
            This calls <code>transfer(recipient, amount)</code> on the {p.asset.symbol} contract{' '}
            <code>{p.asset.address}</code>; no {symbol} is sent.
          </p>
        )}
        <SummaryDetails from={p.from} asset={p.asset} amount={p.amount} />
        <FeeMechanics fee={p.fee} gasLimit={gas ?? p.gasLimit} native={p.chain.nativeCurrency} />
      </details>
      {p.chain.protect && !isProtected && <ConsentTick consent={consent} what="this transaction" />}
      <div className="form-actions review-actions">
        <button type="button" onClick={p.onBack} disabled={phase !== 'idle'}>
          Back
        </button>
        <button
          type="button"
          className="primary"
          data-testid="send-button"
          disabled={!sendable}
          aria-describedby={blockers.length ? 'send-blockers' : undefined}
          onClick={() => void onSend()}
        >
          {phase === 'waiting-for-wallet'
            ? 'Confirm in your wallet…'
            : phase !== 'idle'
              ? 'Sending…'
              : isProtected
                ? 'Send privately'
                : 'Send'}
        </button>
      </div>
      {phase !== 'idle' && (
        <p role="status" data-testid="send-progress">
          {progressText[phase]}
        </p>
      )}
      {blockers.length > 0 && phase === 'idle' && (
        <ul id="send-blockers" className="muted">
          {blockers.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
      )}
      {sendError && (
        <p className="error-text" role="alert" data-testid="send-error">
          {sendError}
        </p>
      )}
    </section>
  )
}

/** Whether this account has sent to this address before (Activity of this browser), for "first time". */
function sentBefore(chainId: number, from: Address, to: Address): boolean {
  const lower = to.toLowerCase()
  return recordStore()
    .list()
    .some(
      (r) =>
        r.chainId === chainId &&
        r.from.toLowerCase() === from.toLowerCase() &&
        r.to?.toLowerCase() === lower &&
        r.status === 'INCLUDED',
    )
}
