import type { ReplacementQuote } from '../../core/fees/replacement'
import { Amount, GweiAmount } from '../ui/Amount'
import { Icon } from '../ui/Icon'

type Props = {
  quote: ReplacementQuote
  nonce: number | undefined
  native: { symbol: string; decimals: number }
  onConfirm: () => void
  onBack: () => void
  busy?: boolean
}

const what: Record<ReplacementQuote['action'], string> = {
  'speed-up':
    'Speed up: the same transaction with the same nonce, at higher fees. Whichever lands first wins.',
  cancel:
    'Cancel: a transfer of 0 to yourself with the same nonce. If it is used first, the original can never be included.',
}

/** The fees of a cancel or speed-up, shown and confirmed before the wallet is asked. */
export function ReplaceFeeConfirm({ quote, nonce, native, onConfirm, onBack, busy }: Props) {
  const q = quote
  return (
    <section className="replace-confirm" data-testid="replace-confirm" aria-label="Confirm the new fees">
      <p>{what[q.action]}</p>
      <dl className="facts">
        {nonce !== undefined && (
          <>
            <dt>Nonce</dt>
            <dd>{nonce}</dd>
          </>
        )}
        <dt>Max fee per gas</dt>
        <dd data-testid="replace-max-fee">
          <GweiAmount wei={q.fees.maxFeePerGas} />
          {q.previous && (
            <span className="muted">
              {' '}
              (was <GweiAmount wei={q.previous.maxFeePerGas} />)
            </span>
          )}
        </dd>
        <dt>Tip per gas</dt>
        <dd data-testid="replace-tip">
          <GweiAmount wei={q.fees.maxPriorityFeePerGas} />
          {q.previous && (
            <span className="muted">
              {' '}
              (was <GweiAmount wei={q.previous.maxPriorityFeePerGas} />)
            </span>
          )}
        </dd>
        <dt>Costs at most</dt>
        <dd data-testid="replace-max-cost">
          <Amount value={q.maxCost} {...native} precise />{' '}
          <span className="muted">
            ({q.gas.toLocaleString()} gas × max fee{q.value > 0n ? ' + the amount' : ''}; the current base fee
            is <GweiAmount wei={q.baseFee} />)
          </span>
        </dd>
      </dl>
      {q.aboveCap && (
        <p className="warning-text" data-testid="replace-above-cap">
          <Icon name="warning" /> Above Hush's usual cap (tip <GweiAmount wei={q.cap.tip} />, max fee{' '}
          <GweiAmount wei={q.cap.maxFee} />
          ): a replacement must offer at least 10% more than the original did.
        </p>
      )}
      <div className="tx-actions">
        <button type="button" className="primary" disabled={busy} onClick={onConfirm}>
          Confirm and open wallet
        </button>
        <button type="button" disabled={busy} onClick={onBack}>
          Back
        </button>
      </div>
    </section>
  )
}
