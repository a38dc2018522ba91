import { describe, expect, it } from 'vitest'
import {
  demote,
  type EndpointHealth,
  type HeadSample,
  headProblem,
  lagOf,
  newHealth,
  percentile,
  rankEndpoints,
  recentSuccessRate,
  recordFailure,
  recordHead,
  recordSuccess,
  sessionSuccessRate,
  statusOf,
} from '../../../../src/core/rpc/health'

const FRESH = 12_000
const NOW = 1_000_000

function health(
  patch: Partial<EndpointHealth> & { headAt?: number; headNumber?: number } = {},
): EndpointHealth {
  const h = newHealth()
  h.chain = { state: 'ok' }
  const { headAt, headNumber, ...rest } = patch
  Object.assign(h, rest)
  if (headNumber !== undefined) recordHead(h, headNumber, headAt ?? NOW)
  return h
}

/** The best fresh head of verified endpoints, as the pool judges one when all agree (see headWitness.ts). */
function bestFresh(healths: EndpointHealth[], now: number, freshMs: number): HeadSample | undefined {
  const fresh = healths.flatMap((h) =>
    h.chain.state === 'ok' && h.head && now - h.head.at <= freshMs ? [h.head] : [],
  )
  return fresh.reduce<HeadSample | undefined>(
    (best, s) => (!best || s.number > best.number || (s.number === best.number && s.at > best.at) ? s : best),
    undefined,
  )
}

/** Ranks endpoints named by their keys (`{ old, current }`), in that order when all else is equal. */
const rankOf = (healths: Record<string, EndpointHealth>, blockTimeMs?: number) =>
  rank(
    Object.entries(healths).map(([id, health]) => ({ id, health })),
    blockTimeMs,
  )

const rank = (
  inputs: Array<{ id: string; health: EndpointHealth; enabled?: boolean }>,
  blockTimeMs?: number,
) =>
  rankEndpoints(
    inputs.map((i) => ({ enabled: true, ...i })),
    NOW,
    {
      best: bestFresh(
        inputs.map((i) => i.health),
        NOW,
        FRESH,
      ),
      freshMs: FRESH,
      blockTimeMs,
    },
  )

describe('ranking', () => {
  it('keeps the configured order among healthy endpoints', () => {
    expect(
      rank([
        { id: 'a', health: health({ headNumber: 100 }) },
        { id: 'b', health: health({ headNumber: 100 }) },
      ]),
    ).toEqual(['a', 'b'])
  })

  it('ranks an endpoint more than 1 block behind the best fresh head last, as a checked last resort', () => {
    expect(
      rank([
        { id: 'lagging', health: health({ headNumber: 98 }) },
        { id: 'fresh', health: health({ headNumber: 100 }) },
        { id: 'close', health: health({ headNumber: 99 }) },
      ]),
    ).toEqual(['fresh', 'close', 'lagging'])
  })

  it('ignores stale head samples: an old high head does not make others look behind', () => {
    const old = health({ headNumber: 200, headAt: NOW - FRESH - 1 })
    const current = health({ headNumber: 150 })
    expect(rankOf({ old, current })).toEqual(['current', 'old'])
  })

  it('a stale sample of its own does not mark an endpoint as lagging, but ranks it below fresh ones', () => {
    const stale = health({ headNumber: 10, headAt: NOW - FRESH - 1 })
    const fresh = health({ headNumber: 100 })
    expect(lagOf(stale, bestFresh([stale, fresh], NOW, FRESH), NOW, FRESH, 12_000)).toBeUndefined()
    expect(rankOf({ stale, fresh })).toEqual(['fresh', 'stale'])
  })

  it('judges lag at ranking time against the best head, allowing the blocks made since an older sample', () => {
    // Sampled 4 s before the best one on a 2 s chain: 2 blocks are allowed, so 96 vs 100 is 2 behind.
    const earlier = health({ headNumber: 96, headAt: NOW - 4_000 })
    const newer = health({ headNumber: 100 })
    const best = bestFresh([earlier, newer], NOW, FRESH)
    expect(lagOf(earlier, best, NOW, FRESH, 2_000)).toBe(2)
    expect(lagOf(earlier, best, NOW, FRESH, 1_000)).toBe(0)
    // While the rhythm is unknown, the fastest rhythm in use (4 blocks a second) is allowed: not lagging.
    expect(lagOf(earlier, best, NOW, FRESH, undefined)).toBe(0)
    expect(rankOf({ earlier, newer })).toEqual(['earlier', 'newer'])
    expect(rankOf({ earlier, newer }, 2_000)).toEqual(['newer', 'earlier'])
    // Answering 97 after another endpoint already said 100 is lagging, whatever the rhythm.
    const behind = health({ headNumber: 97 })
    const ahead = health({ headNumber: 100, headAt: NOW - 500 })
    expect(lagOf(behind, bestFresh([behind, ahead], NOW, FRESH), NOW, FRESH, undefined)).toBe(3)
    expect(rankOf({ behind, ahead })).toEqual(['ahead', 'behind'])
  })

  it('refuses a head that goes backwards or is absurdly far ahead', () => {
    const h = health({ headNumber: 100 })
    expect(headProblem(h, 99, undefined)).toBeUndefined()
    expect(headProblem(h, 98, undefined)).toBe('its head went back from block 100 to block 98')
    expect(headProblem(newHealth(), 50_000, { number: 100, at: NOW })).toBe(
      'it reported block 50000, far beyond the chain head (block 100)',
    )
  })

  it('puts demoted and throttled endpoints last, and leaves out disabled and wrong-chain ones', () => {
    const demoted = health({ headNumber: 100 })
    demote(demoted, NOW)
    const throttled = health({ headNumber: 100, throttledUntil: NOW + 1_000 })
    const wrong = health({ headNumber: 100 })
    wrong.chain = { state: 'wrong', actual: 5 }
    expect(
      rank([
        { id: 'demoted', health: demoted },
        { id: 'throttled', health: throttled },
        { id: 'wrong', health: wrong },
        { id: 'off', enabled: false, health: health({ headNumber: 100 }) },
        { id: 'ok', health: health({ headNumber: 100 }) },
      ]),
    ).toEqual(['ok', 'demoted', 'throttled'])
  })

  it('ranks a slow or unreliable endpoint after a fast reliable one', () => {
    const slow = health({ headNumber: 100 })
    for (let i = 0; i < 5; i++) recordSuccess(slow, 900, NOW)
    const fast = health({ headNumber: 100 })
    for (let i = 0; i < 5; i++) recordSuccess(fast, 50, NOW)
    const flaky = health({ headNumber: 100 })
    for (let i = 0; i < 5; i++) recordFailure(flaky, 'network', 'x', NOW)
    recordSuccess(flaky, 40, NOW)
    expect(rankOf({ slow, flaky, fast })).toEqual(['fast', 'slow', 'flaky'])
  })

  it('demotion cooldown doubles per strike; the endpoint stays down until it answers again', () => {
    const h = health()
    demote(h, NOW)
    expect(h.demotedUntil).toBe(NOW + 5_000)
    demote(h, NOW)
    expect(h.demotedUntil).toBe(NOW + 10_000)
    expect(statusOf(h, true, 0, NOW).status).toBe('down')
    // The cooldown only says when to try again: without an answer it is still down.
    expect(statusOf(h, true, 0, NOW + 10_000).status).toBe('down')
    recordSuccess(h, 30, NOW + 10_000)
    expect(statusOf(h, true, 0, NOW + 10_000).status).toBe('healthy')
  })

  it('a failed request sent before the last strike adds none: one outage seen twice is one strike', () => {
    const h = health()
    demote(h, NOW, NOW - 100)
    demote(h, NOW + 20, NOW - 100) // sent with the first: same outage
    expect(h.demotedUntil).toBe(NOW + 5_000)
    demote(h, NOW + 5_050, NOW + 5_000) // the check after the cooldown fails too
    expect(h.demotedUntil).toBe(NOW + 5_050 + 10_000)
    recordSuccess(h, 30, NOW + 20_000)
    demote(h, NOW + 20_100, NOW + 19_000) // sent before it answered, failed after: a new outage
    expect(h.demotedUntil).toBe(NOW + 20_100 + 10_000)
  })

  it('a recovered endpoint is healthy after five answers in a row, with the session rate kept beside it', () => {
    const h = health({ headNumber: 100 })
    for (let i = 0; i < 20; i++) recordSuccess(h, 30, NOW)
    for (let i = 0; i < 10; i++) recordFailure(h, 'network', 'down', NOW)
    expect(statusOf(h, true, 0, NOW).status).toBe('degraded')
    for (let i = 0; i < 5; i++) recordSuccess(h, 30, NOW)
    expect(statusOf(h, true, 0, NOW).status).toBe('healthy')
    expect(sessionSuccessRate(h)).toBeCloseTo(25 / 35)
    // Outside the recent window old failures no longer count.
    expect(recentSuccessRate(h, NOW + 3 * 60_000)).toBeUndefined()
  })
})

describe('status', () => {
  it('names each state', () => {
    expect(statusOf(health(), false, 0, NOW).status).toBe('disabled')
    const wrong = health()
    wrong.chain = { state: 'wrong', actual: 5 }
    expect(statusOf(wrong, true, 0, NOW)).toEqual({ status: 'wrong-chain', reason: 'answers chain 5' })
    expect(statusOf(health(), true, 3, NOW)).toEqual({ status: 'degraded', reason: '3 blocks behind' })
    expect(statusOf(health(), true, 1, NOW).status).toBe('healthy')
    const unchecked = newHealth()
    expect(statusOf(unchecked, true, undefined, NOW).status).toBe('checking')
  })

  it('computes percentiles over the window', () => {
    expect(percentile([], 50)).toBeUndefined()
    expect(percentile([10, 20, 30, 40, 1000], 50)).toBe(30)
    expect(percentile([10, 20, 30, 40, 1000], 95)).toBe(1000)
  })
})
