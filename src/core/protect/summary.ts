import { defaultBlockRange, type ProtectSettings } from './url'

export type Level = 'high' | 'medium' | 'low'
export type SummaryLine = { level: Level; word: string; why: string }
export type SettingsSummary = { privacy: SummaryLine; speed: SummaryLine; refund: SummaryLine }

/** Protect's default MEV refund to the sender when no `refund` is given. */
const defaultRefundPercent = 90

/**
 * Privacy, speed and refund likelihood of a set of Protect settings, in the spirit of the summary on
 * protect.flashbots.net (fast mode is "medium" privacy there; sharing logs or calldata is "low" privacy and
 * "high" refund; keeping more than half of the refund slows inclusion). Hush adds what its site leaves out:
 * the public-mempool fallback gives up privacy, and extra builders or a short block range change speed.
 */
export function summarizeSettings(s: ProtectSettings): SettingsSummary {
  const shares = s.hints
  const sharesMuch = shares.includes('full') || shares.includes('logs') || shares.includes('calldata')
  const hashOnly = shares.length === 1 && shares[0] === 'hash'
  const kept = s.refunds.length > 0 ? s.refunds.reduce((sum, r) => sum + r.percent, 0) : defaultRefundPercent

  const privacy: SummaryLine = s.useMempool
    ? { level: 'low', word: 'Low', why: 'It may fall back to the public mempool, where anyone can see it.' }
    : sharesMuch
      ? { level: 'low', word: 'Low', why: 'Searchers see most of what the transaction does.' }
      : s.fast
        ? {
            level: 'medium',
            word: 'Medium',
            why: 'Fast mode shares it with every builder and with searchers running in secure enclaves.',
          }
        : hashOnly
          ? { level: 'high', word: 'High', why: 'Searchers only see its hash.' }
          : { level: 'medium', word: 'Medium', why: 'Searchers see a few hints, never enough to front-run.' }

  const speed: SummaryLine = s.fast
    ? { level: 'high', word: 'Fast', why: 'Every registered builder gets it.' }
    : s.builders.length > 0
      ? { level: 'medium', word: 'Medium', why: `Flashbots and ${s.builders.length} more builder(s) get it.` }
      : kept <= 50
        ? {
            level: 'medium',
            word: 'Medium',
            why: 'Validators get a larger share, so they include it sooner.',
          }
        : { level: 'low', word: 'Slow', why: 'Only the Flashbots builder gets it.' }
  if (s.blockRange !== undefined && s.blockRange < defaultBlockRange)
    speed.why += ` It fails after ${s.blockRange} block(s) instead of ${defaultBlockRange}.`
  if (s.auctionTimeout !== undefined)
    speed.why += ` Near the end of a slot it waits for the next one (${s.auctionTimeout} ms).`

  const refund: SummaryLine = sharesMuch
    ? { level: 'high', word: 'High', why: 'Searchers know enough to back-run it and pay you a refund.' }
    : s.fast
      ? { level: 'medium', word: 'Medium', why: 'Enclave searchers see the whole transaction.' }
      : hashOnly
        ? { level: 'low', word: 'Low', why: 'Searchers see too little to back-run it.' }
        : { level: 'medium', word: 'Medium', why: 'Searchers can back-run some swaps.' }
  refund.why += ` ${kept}% of any MEV refund goes to ${s.refunds.length > 0 ? 'the recipients you listed' : 'you'}.`

  return { privacy, speed, refund }
}
