import type { ProtectHint } from './url'

/**
 * The hints in words, after the Flashbots docs' hint table. `implies` lists what searchers also learn from a
 * hint (sharing the calldata shows the function and the contract too), so the form can show it ticked.
 */
export const hintWords: Record<ProtectHint, { label: string; detail: string; implies: ProtectHint[] }> = {
  hash: {
    label: 'Share the transaction hash',
    detail: 'Always shared when anything else is.',
    implies: [],
  },
  contract_address: {
    label: 'Share the contract being called',
    detail: 'The address your transaction is sent to.',
    implies: [],
  },
  function_selector: {
    label: 'Share the function being called',
    detail: 'Its 4-byte identifier; the contract is shared too.',
    implies: ['contract_address'],
  },
  calldata: {
    label: 'Share the full call data',
    detail: 'Every argument of the call; the function and contract are shared too.',
    implies: ['function_selector', 'contract_address'],
  },
  logs: {
    label: 'Share every log the transaction emits',
    detail: 'Events such as transfers and swaps, in full.',
    implies: [],
  },
  default_logs: {
    label: 'Share that a swap happened',
    detail: 'Only the pool and the fact of a swap (Uniswap, Curve, Balancer style).',
    implies: [],
  },
  tx_hash: {
    label: 'Share each transaction hash of a bundle',
    detail: 'Only matters for bundles.',
    implies: [],
  },
  full: {
    label: 'Share everything',
    detail: 'Every hint at once.',
    implies: [],
  },
}

/** The hints a user can pick one by one ("Choose what to share"). */
export const pickableHints = [
  'function_selector',
  'contract_address',
  'calldata',
  'logs',
  'default_logs',
  'tx_hash',
] as const satisfies readonly ProtectHint[]
export type PickableHint = (typeof pickableHints)[number]

/** The four ways of sharing; each maps to exactly one hint list, so `full` never meets another hint. */
export type SharingChoice = 'default' | 'hash-only' | 'custom' | 'full'

export const sharingWords: Record<SharingChoice, { label: string; detail: string }> = {
  default: {
    label: "Protect's default",
    detail: 'The hash and the fact of a swap. No hint in the URL.',
  },
  'hash-only': {
    label: 'Only the hash (most private)',
    detail: 'Searchers learn almost nothing, so refunds are rare.',
  },
  custom: { label: 'Choose what to share', detail: 'Tick what searchers may see.' },
  full: {
    label: 'Everything (least private)',
    detail: 'Searchers see the whole transaction except the signature: the most refunds.',
  },
}

export function sharingOf(hints: readonly ProtectHint[]): SharingChoice {
  if (hints.length === 0) return 'default'
  if (hints.includes('full')) return 'full'
  if (hints.length === 1 && hints[0] === 'hash') return 'hash-only'
  return 'custom'
}

/** The hint list a choice sends. Custom without any tick is an error the form reports, not "default". */
export function hintsFor(choice: SharingChoice, picked: readonly PickableHint[]): ProtectHint[] {
  if (choice === 'default') return []
  if (choice === 'hash-only') return ['hash']
  if (choice === 'full') return ['full']
  return pickableHints.filter((h) => picked.includes(h))
}

/** The picked hints another picked hint already shares (shown ticked and locked in the form). */
export function impliedHints(picked: readonly PickableHint[]): PickableHint[] {
  const implied = new Set(picked.flatMap((h) => hintWords[h].implies))
  return pickableHints.filter((h) => implied.has(h))
}
