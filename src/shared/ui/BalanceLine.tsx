import type { Address } from 'viem'
import type { Prices } from '../../core/prices/feeds'
import { Amount, Fiat } from './Amount'

/** A balance as read: a value, still reading (undefined), or a failed read (never shown as a figure). */
export type BalanceRead = bigint | undefined | 'error'

/** "Balance: 1,234.5 ETH ≈ $…" under an amount field (Send's and Batch's), or why it is not known. */
export function BalanceLine(props: {
  asset: { symbol: string; decimals: number; address?: Address | undefined }
  balance: BalanceRead
  prices: Prices | undefined
  onRetry?: (() => void) | undefined
  testId: string
}) {
  const { asset, balance } = props
  if (balance === undefined) return <span role="status">Reading your balance…</span>
  if (balance === 'error')
    return (
      <span role="status">
        Could not read your {asset.symbol} balance.
        {props.onRetry && (
          <>
            {' '}
            <button type="button" className="small" onClick={props.onRetry}>
              Retry
            </button>
          </>
        )}
      </span>
    )
  return (
    <span data-testid={props.testId}>
      Balance:{' '}
      <Amount
        value={balance}
        decimals={asset.decimals}
        symbol={asset.symbol}
        testId={`${props.testId}-value`}
      />{' '}
      <Fiat
        prices={props.prices}
        asset={asset.address ?? 'native'}
        value={balance}
        decimals={asset.decimals}
      />
    </span>
  )
}
