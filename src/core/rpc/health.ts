// Over 250 lines: one endpoint health state (strikes, cooldowns, latencies, heads) the pool and the UI both read.
import type { ErrorCategory } from '../errors/category'

/** A head as reported: its number, when it was seen (local ms), and its block's timestamp (s) when known. */
export type HeadSample = { number: number; at: number; timestamp?: number }

/** What the pool knows about one endpoint. Mutable, owned by the pool; the UI sees snapshots. */
export type EndpointHealth = {
  chain: { state: 'unchecked' } | { state: 'ok' } | { state: 'wrong'; actual: number }
  /** When eth_chainId last answered our chain. */
  chainCheckedAt: number
  /** Recent latencies (ms) with the time they were measured, newest last; failed requests are marked. */
  latencies: Array<{ at: number; ms: number; failed?: boolean }>
  /** Recent outcomes, newest last (at most WINDOW). */
  outcomes: Array<{ at: number; ok: boolean }>
  /** Outcomes over the whole session. */
  session: { ok: number; failed: number }
  errorsByCategory: Partial<Record<ErrorCategory, number>>
  requestsSent: number
  /** Requests sent, by JSON-RPC method. */
  byMethod: Record<string, number>
  /** The latest head this endpoint reported (a refused head is never recorded). */
  head?: HeadSample
  /** Its latest head confirmed by the block's own timestamp while it was alone in the lead (see headWitness.ts). */
  witnessed?: HeadSample
  /** Since when it has failed without answering since; set with a demotion, cleared by any answer. */
  failingSince?: number
  /** Not tried again before this time (hung, refused, failing). 0 = no cooldown. */
  demotedUntil: number
  /** Consecutive demotions; each one doubles the cooldown. */
  strikes: number
  /** When the last strike was counted. */
  struckAt?: number
  /** Retry-After from a 429: not used before this time. */
  throttledUntil: number
  lastError?: { category: ErrorCategory; message: string; at: number }
  /** When a request to it last got any answer. */
  lastAnswerAt: number
  /** When it last answered after being down: failures before that no longer make it look unreliable. */
  recoveredAt?: number
}

export const WINDOW = 50
/** Recent success rate: the last WINDOW requests within this long. */
export const RECENT_MS = 2 * 60_000
/**
 * An endpoint (or a read's block) more than this many blocks behind the best head is behind: one block is a
 * refresh in flight, two is stale data.
 */
export const MAX_LAG_BLOCKS = 1

export function newHealth(): EndpointHealth {
  return {
    chain: { state: 'unchecked' },
    chainCheckedAt: 0,
    latencies: [],
    outcomes: [],
    session: { ok: 0, failed: 0 },
    errorsByCategory: {},
    requestsSent: 0,
    byMethod: {},
    demotedUntil: 0,
    strikes: 0,
    throttledUntil: 0,
    lastAnswerAt: 0,
  }
}

function pushOutcome(h: EndpointHealth, ok: boolean, at: number) {
  h.outcomes.push({ at, ok })
  if (h.outcomes.length > WINDOW) h.outcomes.shift()
  if (ok) h.session.ok++
  else h.session.failed++
}

function pushLatency(h: EndpointHealth, sample: { at: number; ms: number; failed?: boolean }) {
  h.latencies.push(sample)
  if (h.latencies.length > WINDOW * 2) h.latencies.splice(0, h.latencies.length - WINDOW * 2)
}

/** An answer: the endpoint is reachable again, whatever came before. */
export function recordSuccess(h: EndpointHealth, ms: number, at: number): void {
  pushLatency(h, { at, ms })
  pushOutcome(h, true, at)
  h.lastAnswerAt = at
  if (h.failingSince !== undefined) {
    h.failingSince = undefined
    h.recoveredAt = at
    h.demotedUntil = 0
    h.strikes = Math.max(0, h.strikes - 1)
  }
}

export function recordFailure(
  h: EndpointHealth,
  category: ErrorCategory,
  message: string,
  at: number,
  ms?: number,
): void {
  pushOutcome(h, false, at)
  if (ms !== undefined) pushLatency(h, { at, ms, failed: true })
  h.errorsByCategory[category] = (h.errorsByCategory[category] ?? 0) + 1
  h.lastError = { category, message, at }
}

const BASE_COOLDOWN_MS = 5_000
const MAX_COOLDOWN_MS = 60_000

/**
 * Out of rotation until it answers again; not tried before the cooldown (5 s, doubling, at most 60 s) ends.
 * A failed request sent before the last strike adds none: requests sent together (chain id and head in one
 * check, a read with its head) fail together, and one outage seen twice is one strike, not two.
 */
export function demote(h: EndpointHealth, at: number, sentAt?: number): void {
  if (
    sentAt !== undefined &&
    h.failingSince !== undefined &&
    h.struckAt !== undefined &&
    sentAt <= h.struckAt
  )
    return
  h.strikes++
  h.struckAt = at
  h.failingSince ??= at
  h.demotedUntil = at + Math.min(BASE_COOLDOWN_MS * 2 ** (h.strikes - 1), MAX_COOLDOWN_MS)
}

export function percentile(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined
  const sorted = [...values].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index]
}

/** Share of the last WINDOW requests (within RECENT_MS) that got an answer. */
export function recentSuccessRate(h: EndpointHealth, now: number): number | undefined {
  const recent = h.outcomes.filter((o) => now - o.at <= RECENT_MS)
  if (recent.length === 0) return undefined
  return recent.filter((o) => o.ok).length / recent.length
}

export function sessionSuccessRate(h: EndpointHealth): number | undefined {
  const total = h.session.ok + h.session.failed
  return total === 0 ? undefined : h.session.ok / total
}

/**
 * Fails often lately (since it last recovered from being down); five answers in a row clear it, so a recovered
 * endpoint is not held back for minutes by failures it has put behind it.
 */
function unreliable(h: EndpointHealth, now: number): { rate: number } | undefined {
  const since = h.recoveredAt ?? Number.NEGATIVE_INFINITY
  const recent = h.outcomes.filter((o) => now - o.at <= RECENT_MS && o.at >= since)
  if (recent.length < 5 || recent.slice(-5).every((o) => o.ok)) return undefined
  const rate = recent.filter((o) => o.ok).length / recent.length
  return rate < 0.9 ? { rate } : undefined
}

/**
 * Blocks this endpoint's head is behind the best head, judged now. A sample taken before the best one is
 * allowed the blocks the chain made in between: `blockTimeMs` each as learned from block timestamps, or, until
 * the rhythm is learned, the fastest rhythm in use (MIN_BLOCK_TIME_MS), so an old sample never looks lagging.
 * Undefined when it cannot be judged: no sample of its own, one older than `freshMs`, or nothing to compare with.
 */
export function lagOf(
  h: EndpointHealth,
  best: HeadSample | undefined,
  now: number,
  freshMs: number,
  blockTimeMs: number | undefined,
): number | undefined {
  const sample = h.head
  if (!sample || !best || now - sample.at > freshMs) return undefined
  const older = Math.max(0, best.at - sample.at)
  return Math.max(0, best.number - sample.number - Math.floor(older / (blockTimeMs ?? MIN_BLOCK_TIME_MS)))
}

/** The fastest block rhythm of chains in use (a quarter second): the allowance while a chain's is unknown. */
export const MIN_BLOCK_TIME_MS = 250

/**
 * A new head from one endpoint, before it is recorded: more than one block below its own last head is a head
 * going backwards; far above every head known is absurd. Both are refused and never become data.
 */
export function headProblem(
  h: EndpointHealth,
  number: number,
  best: HeadSample | undefined,
): string | undefined {
  if (h.head && number < h.head.number - 1)
    return `its head went back from block ${h.head.number} to block ${number}`
  if (best && number > best.number + ABSURD_LEAD_BLOCKS)
    return `it reported block ${number}, far beyond the chain head (block ${best.number})`
  return undefined
}

/** A head this far above the best known one is not a chain moving fast: it is a wrong answer. */
export const ABSURD_LEAD_BLOCKS = 10_000

export function recordHead(h: EndpointHealth, number: number, at: number, timestamp?: number): void {
  h.head = timestamp === undefined ? { number, at } : { number, at, timestamp }
}

export type EndpointStatus = 'healthy' | 'degraded' | 'down' | 'wrong-chain' | 'disabled' | 'checking'

/** `ahead`: blocks its head is above the confirmed head while no one confirms it ("ahead, unconfirmed"). */
export function statusOf(
  h: EndpointHealth,
  enabled: boolean,
  lag: number | undefined,
  now: number,
  ahead?: number,
): { status: EndpointStatus; reason?: string } {
  if (!enabled) return { status: 'disabled' }
  if (h.chain.state === 'wrong') return { status: 'wrong-chain', reason: `answers chain ${h.chain.actual}` }
  if (h.failingSince !== undefined) return { status: 'down', reason: h.lastError?.message }
  if (h.throttledUntil > now) return { status: 'degraded', reason: 'rate-limited by the provider' }
  if (h.chain.state === 'unchecked') return { status: 'checking' }
  if (lag !== undefined && lag > MAX_LAG_BLOCKS) return { status: 'degraded', reason: `${lag} blocks behind` }
  if (ahead !== undefined)
    return { status: 'degraded', reason: `ahead, unconfirmed: ${ahead} blocks ahead of the other endpoints` }
  const flaky = unreliable(h, now)
  if (flaky)
    return { status: 'degraded', reason: `${Math.round(flaky.rate * 100)}% of recent requests succeed` }
  return { status: 'healthy' }
}

/** `ahead`: see `statusOf`; such an endpoint ranks with the lagging ones (it serves no read unconfirmed). */
export type RankInput = { id: string; enabled: boolean; health: EndpointHealth; ahead?: number }

/**
 * Read order. Excluded: disabled and wrong chain. Then by tier — healthy and fresh first; stale head sample or
 * unchecked next; slow (p50 over 3× the fastest and over 200 ms) or unreliable next; behind the best head by
 * more than MAX_LAG_BLOCKS next (a last resort whose answers are checked against the head, so a stale one is
 * refused, never shown); down or throttled last — and within a tier the user's order.
 */
export function rankEndpoints(
  inputs: RankInput[],
  now: number,
  heads: { best: HeadSample | undefined; freshMs: number; blockTimeMs: number | undefined },
): string[] {
  const p50s = inputs.map((i) => percentile(recentLatencies(i.health, now), 50))
  const fastest = Math.min(...p50s.filter((p): p is number => p !== undefined))
  const tiers = inputs.map((input, index) => {
    const h = input.health
    if (!input.enabled || h.chain.state === 'wrong') return undefined
    if (h.failingSince !== undefined || h.throttledUntil > now) return 4
    const lag = lagOf(h, heads.best, now, heads.freshMs, heads.blockTimeMs)
    if ((lag !== undefined && lag > MAX_LAG_BLOCKS) || input.ahead !== undefined) return 3
    const p50 = p50s[index]
    const slow = p50 !== undefined && Number.isFinite(fastest) && p50 > 3 * fastest && p50 > 200
    if (slow || unreliable(h, now)) return 2
    const staleHead = h.chain.state === 'ok' && lag === undefined && heads.best !== undefined
    if (staleHead || h.chain.state === 'unchecked') return 1
    return 0
  })
  return inputs
    .map((input, index) => ({ id: input.id, tier: tiers[index], index }))
    .filter((r): r is { id: string; tier: number; index: number } => r.tier !== undefined)
    .sort((a, b) => a.tier - b.tier || a.index - b.index)
    .map((r) => r.id)
}

const LATENCY_WINDOW_MS = 5 * 60_000

export function recentLatencies(h: EndpointHealth, now: number): number[] {
  return h.latencies.filter((l) => !l.failed && now - l.at <= LATENCY_WINDOW_MS).map((l) => l.ms)
}
