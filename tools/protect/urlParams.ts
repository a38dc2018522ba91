import { isAddress } from 'viem'

/** What the stand-in keeps of a request URL's auction preferences. */
export type StandInPreferences = {
  fast: boolean
  hints: string[]
  builders: string[]
  refunds: Array<{ address: string; percent: number }>
  originId: string
  useMempool: boolean
  canRevert: boolean
  blockRange: number | undefined
  auctionTimeout: number | undefined
}

const allowedHints = new Set([
  'hash',
  'contract_address',
  'function_selector',
  'logs',
  'calldata',
  'default_logs',
  'tx_hash',
  'full',
])

/**
 * Protect's URL parameter rules (rpc-endpoint `ExtractParametersFromUrl`): keys case-insensitive, repeatable
 * hint/builder/refund, refund percent 1–99 with a total of at most 100. Written independently of the app's
 * own validator so the tests check one against the other.
 */
export function parseProtectUrl(
  requestUrl: string,
): { ok: true; preferences: StandInPreferences } | { ok: false; message: string } {
  const url = new URL(requestUrl, 'http://127.0.0.1')
  const query = new Map<string, string[]>()
  for (const [key, value] of url.searchParams) {
    const k = key.toLowerCase()
    query.set(k, [...(query.get(k) ?? []), value])
  }
  const fail = (reason: string) => ({
    ok: false as const,
    message: `Invalid auction preference in the rpc endpoint url. ${reason}`,
  })

  const hints = query.get('hint') ?? []
  if (hints.some((h) => !allowedHints.has(h)))
    return fail(
      'Incorrect auction hint, must be one of: contract_address, function_selector, logs, calldata, default_logs.',
    )
  const originId = query.get('originid')?.[0] ?? ''
  if (originId.length >= 255) return fail('Incorrect origin id, must be less then 255 char.')

  const refunds: StandInPreferences['refunds'] = []
  for (const refund of query.get('refund') ?? []) {
    const parts = refund.split(':')
    if (parts.length !== 2) return fail('Incorrect refund query, must be 0xaddress:percentage.')
    const [address = '', percentText = ''] = parts
    if (!isAddress(address, { strict: false })) return fail('Incorrect refund address.')
    const percent = /^[+-]?\d+$/.test(percentText) ? Number(percentText) : Number.NaN
    if (!Number.isInteger(percent) || percent <= 0 || percent >= 100)
      return fail('Incorrect refund percentage.')
    refunds.push({ address, percent })
  }
  if (refunds.reduce((sum, r) => sum + r.percent, 0) > 100)
    return fail('Incorrect refund total percentage, must be below 100%.')

  // blockRange: strconv.Atoi, refused when negative. auctionTimeout (milliseconds, added in 2025): the
  // server's parsing was not in the source we could read, so the stand-in applies the same rule.
  const blockRange = goNonNegativeInt(query.get('blockrange')?.[0])
  if (blockRange === 'invalid') return fail('Incorrect URL parameter')
  const auctionTimeout = goNonNegativeInt(query.get('auctiontimeout')?.[0])
  if (auctionTimeout === 'invalid') return fail('Incorrect URL parameter')

  return {
    ok: true,
    preferences: {
      fast: url.pathname.startsWith('/fast'),
      hints: hints.length > 0 ? hints : ['hash', 'special_logs'],
      builders: query.get('builder') ?? [],
      refunds,
      originId,
      useMempool: query.get('usemempool')?.[0] === 'true',
      canRevert: query.get('canrevert')?.[0] === 'true',
      blockRange,
      auctionTimeout,
    },
  }
}

const int64Max = 2n ** 63n - 1n

/** Go's strconv.Atoi (optional sign, decimal digits, 64-bit range) followed by a "not negative" check. */
function goNonNegativeInt(text: string | undefined): number | undefined | 'invalid' {
  if (text === undefined) return undefined
  if (!/^[+-]?\d+$/.test(text)) return 'invalid'
  const value = BigInt(text)
  if (value < 0n || value > int64Max) return 'invalid'
  return Number(value)
}
