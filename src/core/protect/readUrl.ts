import { type Address, getAddress } from 'viem'
import { type ProtectHint, protectHints } from './url'

/**
 * What a Protect RPC URL asks Protect to do, read the way Protect's server reads it (flashbots/rpc-endpoint
 * `ExtractParametersFromUrl`, and the settings guide): parameter names in any case, `/fast` in the path,
 * unknown parameters ignored. Hush's own settings are stricter (see protectSettingsSchema); this reads URLs Hush
 * did not write too, so it answers "what would Protect do", not "would Hush have written this".
 */
export type ProtectRoute = {
  fast: boolean
  /** Empty: Protect's default sharing (the hash and default_logs). */
  hints: ProtectHint[]
  /** Builders named besides Flashbots; empty in fast mode, which ignores them and sends to every builder. */
  builders: string[]
  refunds: { address: Address; percent: number }[]
  useMempool: boolean
  canRevert: boolean
  /** Unset (or 0): Protect's 25 blocks. */
  blockRange?: number
  auctionTimeout?: number
  originId?: string
}

/** The reason kinds match the server's errors, so a table of its cases can name the one expected. */
export type ProtectUrlProblem =
  | 'not-a-url'
  | 'hint'
  | 'refund'
  | 'refund-address'
  | 'refund-percent'
  | 'refund-total'
  | 'number'

export type ReadProtectUrl = { ok: true; route: ProtectRoute } | { ok: false; problem: ProtectUrlProblem }

const problemWords: Record<ProtectUrlProblem, string> = {
  'not-a-url': 'it is not a URL',
  hint: `a hint must be one of: ${protectHints.join(', ')}`,
  refund: 'a refund must read address:percent',
  'refund-address': 'a refund address is not an address',
  'refund-percent': 'a refund percent must be a whole number from 1 to 99',
  'refund-total': 'the refunds add up to more than 100%',
  number: 'blockRange and auctionTimeout must be whole numbers, not negative',
}

export const protectUrlProblemText = (problem: ProtectUrlProblem) => problemWords[problem]

/** Go's strconv.Atoi: an optional sign and decimal digits. */
const atoi = (text: string) => (/^[+-]?\d{1,18}$/.test(text) ? Number(text) : Number.NaN)
const isHint = (value: string): value is ProtectHint => (protectHints as readonly string[]).includes(value)

function readRefunds(values: string[]): ProtectRoute['refunds'] | ProtectUrlProblem {
  const refunds: ProtectRoute['refunds'] = []
  for (const value of values) {
    const parts = value.split(':')
    if (parts.length !== 2) return 'refund'
    const [address = '', percentText = ''] = parts
    // go-ethereum's IsHexAddress: 40 hex digits, the 0x optional, no checksum rule.
    if (!/^(0x|0X)?[0-9a-fA-F]{40}$/.test(address)) return 'refund-address'
    const percent = atoi(percentText)
    if (!Number.isInteger(percent) || percent <= 0 || percent >= 100) return 'refund-percent'
    refunds.push({ address: getAddress(`0x${address.slice(-40).toLowerCase()}`), percent })
  }
  return refunds.reduce((sum, r) => sum + r.percent, 0) > 100 ? 'refund-total' : refunds
}

export function readProtectUrl(text: string): ReadProtectUrl {
  if (!URL.canParse(text)) return { ok: false, problem: 'not-a-url' }
  const url = new URL(text)
  const query = new Map<string, string[]>()
  for (const [key, value] of url.searchParams) {
    const name = key.toLowerCase()
    query.set(name, [...(query.get(name) ?? []), value])
  }
  // The server checks the path's start; Hush's stand-in and self-hosted setups put /fast after a prefix.
  const fast = url.pathname.startsWith('/fast') || /\/fast\/?$/.test(url.pathname)
  const hints = query.get('hint') ?? []
  if (!hints.every(isHint)) return { ok: false, problem: 'hint' }
  const refunds = query.has('refund') ? readRefunds(query.get('refund') ?? []) : []
  if (typeof refunds === 'string') return { ok: false, problem: refunds }
  const numbers: Partial<Record<'blockRange' | 'auctionTimeout', number>> = {}
  for (const name of ['blockRange', 'auctionTimeout'] as const) {
    const value = query.get(name.toLowerCase())?.[0]
    if (value === undefined) continue
    const n = atoi(value)
    if (!Number.isInteger(n) || n < 0) return { ok: false, problem: 'number' }
    if (n > 0) numbers[name] = n
  }
  const originId = query.get('originid')?.[0]
  return {
    ok: true,
    route: {
      fast,
      hints,
      builders: fast ? [] : (query.get('builder') ?? []),
      refunds,
      useMempool: query.get('usemempool')?.[0] === 'true',
      canRevert: query.get('canrevert')?.[0] === 'true',
      ...numbers,
      ...(originId ? { originId } : {}),
    },
  }
}
