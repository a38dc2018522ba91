// Over 250 lines: the batch review's sections and their small helpers, all reading one checks result.
import { type ReactNode, useState } from 'react'
import type { GasComparison } from '../../core/batch/gas'
import { type BatchPath, sequentialLabel } from '../../core/batch/path'
import type { SimulationResult } from '../../core/batch/simulate'
import type { Outflow, Shortfall } from '../../core/batch/totals'
import { classifyError } from '../../core/errors/classify'
import type { Prices } from '../../core/prices/feeds'
import type { Native } from '../../core/proof/describe'
import { OutcomePreview, type PreviewState } from '../../shared/proof/OutcomePreview'
import { ConnectWalletButton } from '../../shared/ui/ConnectWalletButton'
import { Icon } from '../../shared/ui/Icon'
import { BatchTotals } from './BatchTotals'
import { consentNotice, type PublicConsent, PublicConsentBox } from './PublicConsentBox'
import type { FrozenStep } from './useBatchRun'

type Props = {
  /** Actions with an address that looks like a known one: sending needs an explicit confirmation, as on Send. */
  lookalikes: number
  steps: FrozenStep[]
  warnings: (string | undefined)[]
  outflows: Outflow[]
  shortfalls: Shortfall[]
  balancesLoading: boolean
  simulation: { data?: SimulationResult; isFetching: boolean; error: unknown }
  /** What the whole batch will do to your balances (eth_simulateV1 of every call in order). */
  preview: PreviewState
  native: Native
  gas: GasComparison | undefined
  path: BatchPath | undefined
  chainId: number | undefined
  canSend: boolean
  connected: boolean
  busy: boolean
  onSend: () => void
  /** Shown when the wallet is not (or not provably) on Protect: the one choice to let the batch go public. */
  consent: PublicConsent | undefined
  /** For the fiat beside each total and the total of everything the batch sends. */
  prices?: Prices | undefined
  /** "Who sees this" and the EIP-7702 guard (shared/protection); `blocks`: an unknown delegate is not ticked. */
  beforeSigning?: { node: ReactNode; blocks: boolean }
}

/** An atomic batch's fees are the wallet's to set: its preview shows no "at most" for them. */
function withoutFeeBound(preview: PreviewState, path: BatchPath | undefined): PreviewState {
  if (path?.kind !== 'atomic' || preview.data?.maxGasFee === undefined) return preview
  const { maxGasFee: _, ...data } = preview.data
  return { ...preview, data }
}

// Over 80 lines: the review's sections all read one checks result; split, it would pass through many props.
export function BatchReview(props: Props) {
  const { steps, simulation, path, gas } = props
  const sim = simulation.data
  const [addressesChecked, setAddressesChecked] = useState(false)
  const blocked =
    (props.lookalikes > 0 && !addressesChecked) ||
    !sim?.ok ||
    props.shortfalls.length > 0 ||
    props.balancesLoading ||
    props.preview.isPending ||
    !path ||
    !props.canSend ||
    (props.consent !== undefined && !props.consent.checked) ||
    props.beforeSigning?.blocks === true
  return (
    <section className="batch-review" aria-labelledby="batch-review-title" data-testid="batch-review">
      <h2 id="batch-review-title">Review</h2>
      {props.beforeSigning?.node}
      <ol className="batch-review-list">
        {steps.map((s, i) => (
          <li key={`${i.toString()}-${s.sentence}`} data-testid="review-step">
            <span>{s.sentence}</span>
            {props.warnings[i] && (
              <p className="warning-text">
                <Icon name="warning" /> {props.warnings[i]}
              </p>
            )}
            {sim && !sim.ok && sim.failedIndex === i && (
              <p className="error-text" data-testid="simulation-failed-step">
                <Icon name="cross" /> This action fails in simulation: {sim.reason}
              </p>
            )}
          </li>
        ))}
      </ol>

      <BatchTotals
        outflows={props.outflows}
        shortfalls={props.shortfalls}
        balancesLoading={props.balancesLoading}
        prices={props.prices}
      />

      <h3>Simulation</h3>
      <div role="status" data-testid="simulation-status">
        {simulation.isFetching && !sim ? (
          <p>Simulating the whole batch in order…</p>
        ) : simulation.error ? (
          <p className="error-text">
            <Icon name="cross" /> Could not simulate:{' '}
            {classifyError(simulation.error, { method: 'eth_simulateV1', chainId: props.chainId }).message}
          </p>
        ) : sim?.ok ? (
          <p className="ok-text">
            <Icon name="check" /> Every action succeeds in order
            {sim.method === 'per-call'
              ? ' (checked one by one: this node cannot simulate them together)'
              : ''}
            .
          </p>
        ) : sim ? (
          <p className="error-text">
            <Icon name="cross" /> Action {sim.failedIndex + 1} would fail: {sim.reason}. Nothing was sent.
          </p>
        ) : null}
      </div>

      <OutcomePreview state={withoutFeeBound(props.preview, path)} native={props.native} />

      {gas && (
        <>
          <h3>Gas</h3>
          <table className="batch-gas" data-testid="batch-gas">
            <tbody>
              <tr>
                <th scope="row">One by one ({steps.length} transactions)</th>
                <td>{gas.separate.toLocaleString()} gas</td>
              </tr>
              <tr>
                <th scope="row">As one atomic batch (estimate)</th>
                <td>{gas.batch.toLocaleString()} gas</td>
              </tr>
              <tr>
                <th scope="row">Difference</th>
                <td>{gas.saved.toLocaleString()} gas less as a batch</td>
              </tr>
            </tbody>
          </table>
          <p className="muted">
            The batch estimate counts one transaction's base cost instead of {steps.length}; your wallet's own
            batching overhead is not included.
          </p>
        </>
      )}

      <h3>How it will be sent</h3>
      <div data-testid="batch-path">
        {!path ? (
          <p role="status">Asking your wallet whether it supports atomic batches…</p>
        ) : path.kind === 'atomic' ? (
          <p className="ok-text">
            <Icon name="layers" /> Atomic: one request to your wallet (EIP-5792 wallet_sendCalls, atomicity
            required). All actions succeed together or none take effect.
          </p>
        ) : (
          <div className="banner banner-warning">
            <p>
              <strong>Sequential — {sequentialLabel}.</strong> {path.reason} You will confirm {steps.length}{' '}
              separate transactions; if one fails, the rest are not sent and you can resume from it.
            </p>
          </div>
        )}
      </div>

      {props.lookalikes > 0 && (
        <div className="banner banner-warning" role="alert">
          <p>
            <Icon name="warning" />{' '}
            {props.lookalikes === 1 ? 'One action uses' : `${props.lookalikes} actions use`} an address that
            looks like one you know but is different (see the warnings above). Address-poisoning scams rely on
            this.
          </p>
          <label className="batch-check">
            <input
              type="checkbox"
              checked={addressesChecked}
              onChange={(e) => setAddressesChecked(e.target.checked)}
            />
            I have checked every character of these addresses
          </label>
        </div>
      )}
      {props.consent && path && (
        <PublicConsentBox consent={props.consent} count={path.kind === 'atomic' ? 1 : steps.length} />
      )}
      <button type="button" className="primary" disabled={blocked || props.busy} onClick={props.onSend}>
        {path?.kind === 'sequential'
          ? `Send ${steps.length} transactions one by one`
          : 'Send batch atomically'}
      </button>
      {!props.connected ? (
        <ConnectWalletButton />
      ) : (
        !props.canSend && <p className="muted">Switch your wallet to a supported chain to send.</p>
      )}
      {props.consent && !props.consent.checked && (
        <p className="muted">{consentNotice(props.consent.shown)}</p>
      )}
    </section>
  )
}
