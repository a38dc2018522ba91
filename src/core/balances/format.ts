import { formatUnits } from 'viem'

export type FormattedAmount = { full: string; short: string; truncated: boolean }

/** `full` is exact (for hover and copy); `short` keeps at most `maxFraction` fraction digits, cut not rounded. */
export function formatAmount(value: bigint, decimals: number, maxFraction = 6): FormattedAmount {
  const full = formatUnits(value, decimals)
  const [whole = '0', fraction = ''] = full.split('.')
  if (fraction.length <= maxFraction) return { full, short: full, truncated: false }
  const kept = fraction.slice(0, maxFraction).replace(/0+$/, '')
  const short = kept ? `${whole}.${kept}` : whole
  return { full, short: `${short}…`, truncated: true }
}

/** "12 s", "3 min", "2 h": the age of a last good read. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000))
  if (s < 60) return `${s} s`
  const m = Math.round(s / 60)
  if (m < 60) return `${m} min`
  return `${Math.round(m / 60)} h`
}
