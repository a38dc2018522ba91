import { type Address, isAddressEqual } from 'viem'
import { type ProtectRoute, protectUrlProblemText, readProtectUrl } from './readUrl'
import { alwaysIncludedBuilder, defaultBlockRange, type ProtectHint } from './url'

/** What Hush knows of the route the wallet will use for this transaction. */
export type WalletRoute =
  /** The wallet has a Protect URL Hush gave it: the current settings' URL, or one from before a change. */
  | { kind: 'given'; url: string; source: 'current' | 'older' }
  /** The wallet is on Protect with a URL Hush did not set (by hand, or by another site). */
  | { kind: 'unrecorded' }
  /** No Protect: the wallet broadcasts to the public mempool (only ever with the user's consent). */
  | { kind: 'public' }

export type WhoSees = {
  /** One sentence: who receives it, what searchers learn, the mempool fallback, who gets the refund. */
  sentence: string
  details: string[]
  /** Hush cannot vouch for the wallet's settings: offer to give it the current ones. */
  offerApply: boolean
}

const defaultMevRefundPercent = 90
const slotSeconds = 12

const hintWords: Record<ProtectHint, string> = {
  hash: 'its hash',
  tx_hash: 'its hash',
  contract_address: 'the contract it calls',
  function_selector: 'the function it calls',
  calldata: 'its call data',
  logs: 'its logs',
  default_logs: 'whether it is a swap',
  full: 'all of it but the signature',
}

const list = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`

function receivers(r: ProtectRoute): string {
  if (r.fast) return 'all registered builders, including TEE searchers who see it in full'
  const others = r.builders.filter((b) => b.toLowerCase() !== alwaysIncludedBuilder)
  return others.length === 0 ? 'the Flashbots builder only' : `the builders ${list(['Flashbots', ...others])}`
}

function searchersSee(r: ProtectRoute): string {
  const who = r.fast ? 'other searchers' : 'searchers'
  if (r.hints.length === 0) return `${who} see its hash and whether it is a swap`
  if (r.hints.length === 1 && r.hints[0] === 'hash') return `${who} see only its hash`
  const words = [...new Set(['its hash', ...r.hints.map((h) => hintWords[h])])]
  return r.hints.includes('full') ? `${who} see ${hintWords.full}` : `${who} see ${list(words)}`
}

const short = (a: Address) => `${a.slice(0, 6)}…${a.slice(-4)}`

function refundGoesTo(r: ProtectRoute, from: Address | undefined): string {
  if (r.refunds.length === 0)
    return r.fast
      ? 'any MEV refund goes to you, less a validator share larger than the usual 10 %'
      : `${defaultMevRefundPercent} % of any MEV refund goes to you`
  const to = (a: Address) => (from && isAddressEqual(a, from) ? 'you' : short(a))
  return `of any MEV refund, ${list(r.refunds.map((x) => `${x.percent} % goes to ${to(x.address)}`))}`
}

function routeDetails(r: ProtectRoute, url: string, source: 'current' | 'older'): string[] {
  const blocks = r.blockRange ?? defaultBlockRange
  const details = [
    source === 'current'
      ? 'These are your current Protect settings; Hush gave your wallet this URL.'
      : 'Your wallet still has the URL Hush gave it before you changed your settings: these are the settings it uses.',
    `Protect tries for ${blocks} blocks (about ${Math.round((blocks * slotSeconds) / 60)} min), then drops it unless it falls back to the mempool.`,
  ]
  if (r.fast)
    details.push(
      'Fast mode: TEE searchers see the whole transaction (not the signature), and can see it even if it fails, after about 5 minutes. Named builders are ignored.',
    )
  if (r.useMempool)
    details.push(
      'If the next proposer does not use MEV-Boost, or after the blocks above, it is broadcast publicly.',
    )
  if (r.canRevert) details.push('It may be included even if it reverts; you then pay the gas.')
  details.push(`URL: ${url}`)
  return details
}

/** The "who sees this" sentence for a review, from the route the wallet will actually use. */
export function whoSees(wallet: WalletRoute, from?: Address): WhoSees {
  if (wallet.kind === 'public')
    return {
      sentence:
        'Not protected: it goes to the public mempool, where anyone can see it before it is included.',
      details: [],
      offerApply: false,
    }
  if (wallet.kind === 'unrecorded')
    return {
      sentence:
        "Hush did not set your wallet's Protect URL, so it cannot tell who will see this transaction: with Protect's plain URL only the Flashbots builder would, with /fast all registered builders and TEE searchers would.",
      details: ['Apply your current settings to your wallet so Hush knows which URL it uses.'],
      offerApply: true,
    }
  const read = readProtectUrl(wallet.url)
  if (!read.ok)
    return {
      sentence: `Hush cannot read the Protect URL your wallet has (${protectUrlProblemText(read.problem)}), so it cannot tell who will see this transaction.`,
      details: [`URL: ${wallet.url}`],
      offerApply: true,
    }
  const r = read.route
  const mempool = r.useMempool
    ? 'it can fall back to the public mempool, where anyone sees it'
    : 'it never goes to the public mempool'
  const sentence = `Seen by ${receivers(r)}; ${searchersSee(r)}; ${mempool}; ${refundGoesTo(r, from)}.`
  return {
    sentence,
    details: routeDetails(r, wallet.url, wallet.source),
    offerApply: wallet.source === 'older',
  }
}
