import type { Address } from 'viem'
import { feeAmountOptions, formatAmount, formatFiat, formatGweiAmount } from '../../core/format/amount'
import { fiatFor, type Prices } from '../../core/prices/feeds'

type Common = { testId?: string | undefined; state?: string | undefined; className?: string | undefined }

/**
 * An amount with its symbol, cut toward zero to the digits that fit; the exact value is the title (hover) and
 * `data-exact` (what copy buttons and tests use). Never wraps inside the number.
 */
export function Amount(
  props: Common & {
    value: bigint
    decimals: number
    symbol: string
    signed?: boolean
    /** Every digit (grouped), for figures the user typed and is about to sign. */
    precise?: boolean
    /** A fee: 4 significant digits down to 1 gwei instead of 8 down to 0.000001. */
    fee?: boolean
  },
) {
  const f = formatAmount(props.value, props.decimals, {
    signed: props.signed ?? false,
    ...(props.precise ? { maxSignificant: 80, maxFraction: props.decimals } : {}),
    ...(props.fee ? feeAmountOptions : {}),
  })
  return (
    <span
      className={['amount', props.className].filter(Boolean).join(' ')}
      title={`${f.exact} ${props.symbol}`}
      data-exact={f.exact}
      data-testid={props.testId}
      data-state={props.state}
    >
      <span className="amount-number">{f.display}</span>
      {'\u00a0'}
      <span className="amount-symbol">{props.symbol}</span>
    </span>
  )
}

/** A fee rate per gas in gwei (4 significant digits), the exact wei figure on hover. */
export function GweiAmount(props: Common & { wei: bigint }) {
  const f = formatGweiAmount(props.wei)
  return (
    <span
      className={['amount', props.className].filter(Boolean).join(' ')}
      title={`${f.exact} gwei (${props.wei.toString()} wei)`}
      data-exact={f.exact}
      data-testid={props.testId}
    >
      {f.display}
      {'\u00a0'}gwei
    </span>
  )
}

/** A fiat value (two decimals, cut toward zero), prefixed "≈" because it comes from a price feed. */
export function FiatAmount(props: Common & { value: bigint; decimals: number; currency: string }) {
  const f = formatFiat(props.value, props.decimals, props.currency)
  return (
    <span
      className={['amount', 'fiat', props.className].filter(Boolean).join(' ')}
      title={`${f.exact} ${props.currency}`}
      data-exact={f.exact}
      data-testid={props.testId}
    >
      ≈{'\u00a0'}
      {f.display}
    </span>
  )
}

/** The fiat value of an amount where the chain has a usable price feed for the asset; nothing otherwise. */
export function Fiat(
  props: Common & {
    prices: Prices | undefined
    asset: 'native' | Address
    value: bigint
    decimals: number
  },
) {
  const fiat = fiatFor(props.prices, props.asset, props.value, props.decimals)
  if (!fiat) return null
  return (
    <FiatAmount
      value={fiat.value}
      decimals={fiat.decimals}
      currency={fiat.currency}
      testId={props.testId}
      className={props.className}
    />
  )
}
