import type { Address } from 'viem'
import type { Prices } from '../../core/prices/feeds'
import { isOwnAddress } from '../../core/validation/recipient'
import { Amount, Fiat } from '../../shared/ui/Amount'
import { SelfSendWarning } from './SelfSendWarning'
import type { SendAsset } from './useSendAssets'

/** The transfer in words, readable; base units only behind the "Details" disclosure. */
export function ReviewSummary(p: {
  from: Address
  asset: SendAsset
  amount: bigint | undefined
  recipient: { address: Address; ensName?: string } | undefined
  prices: Prices | undefined
}) {
  return (
    <>
      <p data-testid="review-summary">
        Send{' '}
        <strong>
          {p.amount !== undefined ? (
            <Amount
              value={p.amount}
              decimals={p.asset.decimals}
              symbol={p.asset.symbol}
              testId="review-amount"
              precise
            />
          ) : (
            `an amount of ${p.asset.symbol} that is no longer valid`
          )}
        </strong>{' '}
        {p.amount !== undefined && (
          <>
            <Fiat
              prices={p.prices}
              asset={p.asset.address ?? 'native'}
              value={p.amount}
              decimals={p.asset.decimals}
              testId="review-fiat"
            />{' '}
          </>
        )}
        from <code>{p.from}</code> to{' '}
        <code data-testid="review-recipient">{p.recipient?.address ?? '…'}</code>
        {p.recipient?.ensName ? ` (${p.recipient.ensName})` : ''}.
      </p>
      {p.recipient && isOwnAddress(p.recipient.address, p.from) && <SelfSendWarning />}
      <details className="details" data-testid="review-details">
        <summary>Details</summary>
        <dl className="facts">
          <dt>Amount in base units</dt>
          <dd>
            <code>{p.amount?.toString() ?? '—'}</code> ({p.asset.decimals} decimals)
          </dd>
        </dl>
      </details>
    </>
  )
}
