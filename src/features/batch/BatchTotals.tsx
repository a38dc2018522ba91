import { fiatTotal, type Outflow, type Shortfall } from '../../core/batch/totals'
import type { Prices } from '../../core/prices/feeds'
import { Amount, Fiat, FiatAmount } from '../../shared/ui/Amount'
import { Icon } from '../../shared/ui/Icon'

/**
 * The gas part of the ETH total. One by one, Hush sets every step's gas limit and max fee: "up to" holds. In an
 * atomic batch (wallet_sendCalls) the wallet sets the gas, so the figure is an estimate and says whose it is.
 */
export function GasReserveText({ outflow, gasReserve }: { outflow: Outflow; gasReserve: bigint }) {
  const amount = <Amount value={gasReserve} decimals={outflow.decimals} symbol={outflow.symbol} />
  return outflow.gasEstimate ? (
    <span data-testid="batch-gas-reserve">
      {' '}
      (including about {amount} for gas: an estimate, since your wallet sets the gas of an atomic batch)
    </span>
  ) : (
    <span data-testid="batch-gas-reserve"> (including up to {amount} for gas)</span>
  )
}

/**
 * Everything the batch sends, per asset (gas included) with its fiat value, each against the balance it comes
 * from, and the fiat total of it all where every asset has a price.
 */
export function BatchTotals(props: {
  outflows: Outflow[]
  shortfalls: Shortfall[]
  balancesLoading: boolean
  prices: Prices | undefined
}) {
  const total = fiatTotal(props.outflows, props.prices)
  return (
    <>
      <h3>Total sent, against your balances</h3>
      {props.outflows.length === 0 ? (
        <p className="muted">This batch sends no ETH or tokens from your account (gas aside).</p>
      ) : (
        <ul data-testid="batch-totals">
          {props.outflows.map((o) => (
            <li key={o.asset}>
              <Amount value={o.amount} decimals={o.decimals} symbol={o.symbol} />{' '}
              <Fiat prices={props.prices} asset={o.asset} value={o.amount} decimals={o.decimals} />
              {o.gasReserve ? <GasReserveText outflow={o} gasReserve={o.gasReserve} /> : null}
              {o.fromPreview && (
                <span className="muted" data-testid="batch-total-from-preview">
                  {' '}
                  (moved by a contract call: shown by the outcome preview)
                </span>
              )}
              {' — '}
              <BalanceCheck
                outflow={o}
                short={props.shortfalls.find((s) => s.asset === o.asset)}
                loading={props.balancesLoading}
              />
            </li>
          ))}
        </ul>
      )}
      {total && props.outflows.length > 1 && (
        <p className="batch-total" data-testid="batch-total-fiat">
          <strong>In all:</strong>{' '}
          <FiatAmount value={total.value} decimals={total.decimals} currency={total.currency} />
        </p>
      )}
    </>
  )
}

function BalanceCheck({
  outflow,
  short,
  loading,
}: {
  outflow: Outflow
  short: Shortfall | undefined
  loading: boolean
}) {
  if (loading) return <>checking your balance…</>
  if (!short)
    return (
      <>
        <Icon name="check" /> within your balance
      </>
    )
  if (short.balance === undefined)
    return (
      <>
        <Icon name="cross" /> could not read your balance, so this cannot be checked
      </>
    )
  return (
    <>
      <Icon name="cross" /> more than your balance of{' '}
      <Amount value={short.balance} decimals={outflow.decimals} symbol={outflow.symbol} />
    </>
  )
}
