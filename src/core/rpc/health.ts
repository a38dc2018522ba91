import type { ErrorCategory } from '../errors/category'

/** What the pool knows about one endpoint. Mutable, owned by the pool; the UI sees snapshots. */
export type EndpointHealth = {
  chain: { state: 'unchecked' } | { state: 'ok' } | { state: 'wrong'; actual: number }
  /** Recent latencies (ms) with the time they were measured, newest last. */
  latencies: Array<{ at: number; ms: number }>
  /** Recent outcomes, newest last. */
  outcomes: boolean[]
  errorsByCategory: Partial<Record<ErrorCategory, number>>
  requestsSent: number
  head?: { number: number; at: number }
  /** Recent head samples, newest last: lag is judged against what others reported before each sample. */
  headHistory: Array<{ number: number; at: number }>
  /** Out of rotation until this time (hung, refused, failing). 0 = not demoted. */
  demotedUntil: number
  /** Consecutive demotions; each one doubles the cooldown. */
  strikes: number
  /** Retry-After from a 429: not used before this time. */
  throttledUntil: number
  lastError?: { category: ErrorCategory; message: string; at: number }
}

export const WINDOW = 50
export const MAX_LAG_BLOCKS = 2

export function newHealth(): EndpointHealth {
  return {
    chain: { state: 'unchecked' },
    latencies: [],
    outcomes: [],
    errorsByCategory: {},
    headHistory: [],
    requestsSent: 0,
    demotedUntil: 0,
    strikes: 0,
    throttledUntil: 0,
  }
}

export function recordSuccess(h: EndpointHealth, ms: number, at: number): void {
  h.latencies.push({ at, ms })
  if (h.latencies.length > WINDOW * 2) h.latencies.splice(0, h.latencies.length - WINDOW * 2)
  h.outcomes.push(true)
  if (h.outcomes.length > WINDOW) h.outcomes.shift()
}

export function recordFailure(h: EndpointHealth, category: ErrorCategory, message: string, at: number): void {
  h.outcomes.push(false)
  if (h.outcomes.length > WINDOW) h.outcomes.shift()
  h.errorsByCategory[category] = (h.errorsByCategory[category] ?? 0) + 1
  h.lastError = { category, message, at }
}

const BASE_COOLDOWN_MS = 5_000
const MAX_COOLDOWN_MS = 60_000

export function demote(h: EndpointHealth, at: number): void {
  h.strikes++
  h.demotedUntil = at + Math.min(BASE_COOLDOWN_MS * 2 ** (h.strikes - 1), MAX_COOLDOWN_MS)
}

export function restore(h: EndpointHealth): void {
  h.demotedUntil = 0
  h.strikes = Math.max(0, h.strikes - 1)
}

export function percentile(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined
  const sorted = [...values].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index]
}

export function successRate(h: EndpointHealth): number | undefined {
  if (h.outcomes.length === 0) return undefined
  return h.outcomes.filter(Boolean).length / h.outcomes.length
}

/**
 * The best head among samples seen within `freshMs`. An old sample says nothing about the chain now, so it
 * neither raises the best head nor makes an endpoint look behind.
 */
export function bestHead(healths: EndpointHealth[], now: number, freshMs: number): number | undefined {
  let best: number | undefined
  for (const h of healths) {
    if (h.chain.state !== 'ok' || !h.head || now - h.head.at > freshMs) continue
    best = best === undefined ? h.head.number : Math.max(best, h.head.number)
  }
  return best
}

export function recordHead(h: EndpointHealth, number: number, at: number): void {
  h.head = { number, at }
  h.headHistory.push({ number, at })
  if (h.headHistory.length > 16) h.headHistory.shift()
}

/**
 * Blocks this endpoint's latest head was behind the best head any endpoint had already reported by then (within
 * `freshMs` before it). Judging each sample against earlier ones only means a sample taken a few seconds ago is
 * not "behind" a newer one on a fast chain; undefined when its own sample is missing or old.
 */
export function lagOf(
  h: EndpointHealth,
  all: EndpointHealth[],
  now: number,
  freshMs: number,
): number | undefined {
  const sample = h.head
  if (!sample || now - sample.at > freshMs) return undefined
  let best = sample.number
  for (const other of all) {
    if (other.chain.state !== 'ok') continue
    for (const o of other.headHistory)
      if (o.at <= sample.at && o.at >= sample.at - freshMs) best = Math.max(best, o.number)
  }
  return best - sample.number
}

export type EndpointStatus = 'healthy' | 'degraded' | 'down' | 'wrong-chain' | 'disabled' | 'checking'

export function statusOf(
  h: EndpointHealth,
  enabled: boolean,
  lag: number | undefined,
  now: number,
): { status: EndpointStatus; reason?: string } {
  if (!enabled) return { status: 'disabled' }
  if (h.chain.state === 'wrong') return { status: 'wrong-chain', reason: `answers chain ${h.chain.actual}` }
  if (h.demotedUntil > now) return { status: 'down', reason: h.lastError?.message }
  if (h.throttledUntil > now) return { status: 'degraded', reason: 'rate-limited by the provider' }
  if (h.chain.state === 'unchecked') return { status: 'checking' }
  if (lag !== undefined && lag > MAX_LAG_BLOCKS) return { status: 'degraded', reason: `${lag} blocks behind` }
  const rate = successRate(h)
  if (rate !== undefined && h.outcomes.length >= 5 && rate < 0.9)
    return { status: 'degraded', reason: `${Math.round(rate * 100)}% of requests succeed` }
  return { status: 'healthy' }
}

export type RankInput = { id: string; enabled: boolean; health: EndpointHealth }

/**
 * Read order. Excluded: disabled, wrong chain, and endpoints lagging more than MAX_LAG_BLOCKS (stale data is
 * wrong data). Then by tier — healthy and fresh first; slow (p50 over 3× the fastest and over 200 ms), low
 * success rate, stale head sample or unchecked next; demoted or throttled last, as a last resort — and
 * within a tier the user's order.
 */
export function rankEndpoints(inputs: RankInput[], now: number, freshMs: number): string[] {
  const all = inputs.filter((i) => i.enabled).map((i) => i.health)
  const anyFresh = bestHead(all, now, freshMs) !== undefined
  const p50s = inputs.map((i) => percentile(recentLatencies(i.health, now), 50))
  const fastest = Math.min(...p50s.filter((p): p is number => p !== undefined))
  const tiers = inputs.map((input, index) => {
    const h = input.health
    if (!input.enabled || h.chain.state === 'wrong') return undefined
    const lag = lagOf(h, all, now, freshMs)
    if (lag !== undefined && lag > MAX_LAG_BLOCKS) return undefined
    if (h.demotedUntil > now || h.throttledUntil > now) return 3
    const rate = successRate(h)
    const p50 = p50s[index]
    const slow = p50 !== undefined && Number.isFinite(fastest) && p50 > 3 * fastest && p50 > 200
    const unreliable = rate !== undefined && h.outcomes.length >= 5 && rate < 0.9
    const staleHead = h.chain.state === 'ok' && lag === undefined && anyFresh
    if (slow || unreliable) return 2
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
  return h.latencies.filter((l) => now - l.at <= LATENCY_WINDOW_MS).map((l) => l.ms)
}
