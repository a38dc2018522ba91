import { formatUnits } from 'viem'

/**
 * The one number formatter for amounts. `display` is cut toward zero (never more than the exact value) and
 * grouped for the locale; `exact` is the full decimal without grouping, for hover and copy.
 */
export type FormattedAmount = {
  /** Exact decimal, no grouping, "-" for negatives: what a user can paste back into an amount field. */
  exact: string
  /** Cut toward zero to the significant digits that fit, grouped for the locale. */
  display: string
  /** True when `display` is not the exact value. */
  approx: boolean
}

export type AmountOptions = {
  /** BCP 47 locale; the browser's when undefined. */
  locale?: string | undefined
  /** Digits kept counting from the first non-zero one (default 8: `9,997.2795`). */
  maxSignificant?: number
  /** At most this many fraction digits (default 6); a smaller non-zero value shows as `<0.000001`. */
  maxFraction?: number
  /** Show a "+" on positive values (deltas). */
  signed?: boolean
}

/** Whole parts longer than this switch to `1.2345 × 10¹⁸`, so a hostile token's balance cannot break a layout. */
const maxWholeDigits = 15
const minus = '\u2212'
const superscript = '⁰¹²³⁴⁵⁶⁷⁸⁹'

const separators = new Map<string, { integer: Intl.NumberFormat; decimal: string }>()
function localeParts(locale: string | undefined) {
  const key = locale ?? ''
  let parts = separators.get(key)
  if (!parts) {
    // Latin digits everywhere: amounts sit next to hex addresses and must read the same in every locale.
    const integer = new Intl.NumberFormat(locale, { numberingSystem: 'latn', useGrouping: true })
    const decimal = integer.formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.'
    parts = { integer, decimal }
    separators.set(key, parts)
  }
  return parts
}

export function formatAmount(value: bigint, decimals: number, options: AmountOptions = {}): FormattedAmount {
  const { locale, maxSignificant = 8, maxFraction = 6, signed = false } = options
  const exact = formatUnits(value, decimals)
  const negative = value < 0n
  const abs = negative ? -value : value
  const sign = negative ? minus : signed && abs > 0n ? '+' : ''
  if (abs === 0n) return { exact, display: '0', approx: false }

  const { integer, decimal } = localeParts(locale)
  const scale = 10n ** BigInt(decimals)
  const whole = abs / scale
  const fraction = (abs % scale).toString().padStart(decimals, '0').replace(/0+$/, '')
  const wholeDigits = whole === 0n ? 0 : whole.toString().length

  if (wholeDigits > maxWholeDigits) {
    const digits = whole.toString()
    const rest = digits.slice(1, 5).replace(/0+$/, '')
    const mantissa = rest ? `${digits[0]}${decimal}${rest}` : digits[0]
    const power = [...String(wholeDigits - 1)].map((d) => superscript[Number(d)]).join('')
    return { exact, display: `${sign}${mantissa} × 10${power}`, approx: true }
  }

  const leadingZeros = wholeDigits > 0 ? 0 : (fraction.match(/^0*/)?.[0].length ?? 0)
  const keep =
    wholeDigits > 0
      ? Math.min(maxFraction, Math.max(0, maxSignificant - wholeDigits))
      : Math.min(maxFraction, leadingZeros + maxSignificant)
  const kept = fraction.slice(0, keep).replace(/0+$/, '')
  if (whole === 0n && kept === '') {
    const smallest = `0${decimal}${'1'.padStart(maxFraction, '0')}`
    return { exact, display: `${sign}<${smallest}`, approx: true }
  }
  const display = `${sign}${integer.format(whole)}${kept ? `${decimal}${kept}` : ''}`
  return { exact, display, approx: kept.length < fraction.length }
}

/**
 * Fees in ETH: 3 significant digits, down to the 6 decimals every other amount uses (`0.00525`, `0.000021`);
 * below that `<0.000001` with the exact figure on hover: nine-decimal figures (`0.000000634`) were unreadable.
 */
export const feeAmountOptions = { maxSignificant: 3, maxFraction: 6 } as const

/** Fee rates in gwei: 4 significant digits, down to 1 wei (`0.000000001`). */
export function formatGweiAmount(wei: bigint, locale?: string): FormattedAmount {
  return formatAmount(wei, 9, { locale, maxSignificant: 4, maxFraction: 9 })
}

/**
 * A fiat value of `value` scaled by 10^decimals, in `currency` with two decimals cut toward zero; below one cent
 * shows as `<$0.01`.
 */
export function formatFiat(
  value: bigint,
  decimals: number,
  currency: string,
  locale?: string,
): FormattedAmount {
  const exact = formatUnits(value, decimals)
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    numberingSystem: 'latn',
    roundingMode: 'trunc',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })
  const abs = value < 0n ? -value : value
  const cent = decimals >= 2 ? 10n ** BigInt(decimals - 2) : 1n
  if (abs > 0n && abs < cent) {
    const oneCent = format.format('0.01')
    return { exact, display: `${value < 0n ? minus : ''}<${oneCent}`, approx: true }
  }
  // A decimal string is formatted exactly (Intl.NumberFormat v3), so no float rounding creeps in.
  const display = format.format(exact as `${number}`).replace('-', minus)
  return { exact, display, approx: decimals > 2 && abs % cent !== 0n }
}
