import { type Address, getAddress } from 'viem'
import type { Prices } from '../../core/prices/feeds'
import { isOwnAddress } from '../../core/validation/recipient'
import { Amount, Fiat } from '../../shared/ui/Amount'
import { SelfSendWarning } from './SelfSendWarning'
import type { SendAsset } from './useSendAssets'

/** The checksummed address in groups of four, so it can be compared with the one the recipient gave. */
export function addressChunks(address: Address): string {
  const hex = getAddress(address).slice(2)
  return `0x ${hex.match(/.{4}/g)?.join(' ') ?? hex}`
}

/**
 * The summary card at the top of the review: how much (with fiat) goes to whom (the name, and the checksummed
 * address in groups of four), and whether this account has sent there before. Base units sit under Details.
 */
export function ReviewSummary(p: {
  from: Address
  asset: SendAsset
  amount: bigint | undefined
  recipient: { address: Address; ensName?: string } | undefined
  prices: Prices | undefined
  /** True when this account has no earlier transfer to this recipient in Activity. */
  firstTime: boolean
}) {
  return (
    <>
      <div className="review-card" data-testid="review-summary">
        <p className="review-card-amount">
          <span className="visually-hidden">Send </span>
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
            <Fiat
              prices={p.prices}
              asset={p.asset.address ?? 'native'}
              value={p.amount}
              decimals={p.asset.decimals}
              testId="review-fiat"
            />
          )}
        </p>
        <p className="review-card-to">
          <span className="review-card-arrow" aria-hidden="true">
            →
          </span>
          <span className="visually-hidden">to </span>
          <span>
            {p.recipient?.ensName && <strong className="review-card-name">{p.recipient.ensName} </strong>}
            <code
              className="review-card-address"
              data-testid="review-recipient"
              data-address={p.recipient?.address}
            >
              {p.recipient ? addressChunks(p.recipient.address) : '…'}
            </code>
          </span>
        </p>
        {p.recipient && p.firstTime && !isOwnAddress(p.recipient.address, p.from) && (
          <p className="review-card-first" data-testid="review-first-time">
            First time sending here from this account: check the address with the recipient.
          </p>
        )}
      </div>
      {p.recipient && isOwnAddress(p.recipient.address, p.from) && <SelfSendWarning />}
    </>
  )
}

/** Base units and the sending account, for the Details fold. */
export function SummaryDetails(p: { from: Address; asset: SendAsset; amount: bigint | undefined }) {
  return (
    <dl className="facts">
      <dt>From</dt>
      <dd>
        <code>{p.from}</code>
      </dd>
      <dt>Amount in base units</dt>
      <dd>
        <code>{p.amount?.toString() ?? '—'}</code> ({p.asset.decimals} decimals)
      </dd>
    </dl>
  )
}
