import { describe, expect, it } from 'vitest'
import {
  bestHead,
  demote,
  type EndpointHealth,
  lagOf,
  newHealth,
  percentile,
  rankEndpoints,
  recordFailure,
  recordHead,
  recordSuccess,
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

describe('ranking', () => {
  it('keeps the configured order among healthy endpoints', () => {
    const ranked = rankEndpoints(
      [
        { id: 'a', enabled: true, health: health({ headNumber: 100 }) },
        { id: 'b', enabled: true, health: health({ headNumber: 100 }) },
      ],
      NOW,
      FRESH,
    )
    expect(ranked).toEqual(['a', 'b'])
  })

  it('drops an endpoint lagging more than 2 blocks behind the best fresh head', () => {
    const ranked = rankEndpoints(
      [
        { id: 'lagging', enabled: true, health: health({ headNumber: 97 }) },
        { id: 'fresh', enabled: true, health: health({ headNumber: 100 }) },
        { id: 'close', enabled: true, health: health({ headNumber: 98 }) },
      ],
      NOW,
      FRESH,
    )
    expect(ranked).toEqual(['fresh', 'close'])
  })

  it('ignores stale head samples: an old high head does not make others look behind', () => {
    const old = health({ headNumber: 200, headAt: NOW - FRESH - 1 })
    const current = health({ headNumber: 150 })
    expect(bestHead([old, current], NOW, FRESH)).toBe(150)
    expect(
      rankEndpoints(
        [
          { id: 'old', enabled: true, health: old },
          { id: 'current', enabled: true, health: current },
        ],
        NOW,
        FRESH,
      ),
    ).toEqual(['current', 'old'])
  })

  it('a stale sample of its own does not mark an endpoint as lagging, but ranks it below fresh ones', () => {
    const stale = health({ headNumber: 10, headAt: NOW - FRESH - 1 })
    expect(lagOf(stale, [stale, health({ headNumber: 100 })], NOW, FRESH)).toBeUndefined()
    const ranked = rankEndpoints(
      [
        { id: 'stale', enabled: true, health: stale },
        { id: 'fresh', enabled: true, health: health({ headNumber: 100 }) },
      ],
      NOW,
      FRESH,
    )
    expect(ranked).toEqual(['fresh', 'stale'])
  })

  it('judges a sample only against heads reported before it: an older sample on a fast chain is not lagging', () => {
    const earlier = health({ headNumber: 96, headAt: NOW - 4_000 })
    const newer = health({ headNumber: 100 })
    expect(lagOf(earlier, [earlier, newer], NOW, FRESH)).toBe(0)
    expect(
      rankEndpoints(
        [
          { id: 'earlier', enabled: true, health: earlier },
          { id: 'newer', enabled: true, health: newer },
        ],
        NOW,
        FRESH,
      ),
    ).toEqual(['earlier', 'newer'])
    // Answering 97 after another endpoint already said 100 is lagging, even if that was half a second ago.
    const behind = health({ headNumber: 97 })
    const ahead = health({ headNumber: 100, headAt: NOW - 500 })
    expect(lagOf(behind, [behind, ahead], NOW, FRESH)).toBe(3)
    expect(
      rankEndpoints(
        [
          { id: 'behind', enabled: true, health: behind },
          { id: 'ahead', enabled: true, health: ahead },
        ],
        NOW,
        FRESH,
      ),
    ).toEqual(['ahead'])
  })

  it('puts demoted and throttled endpoints last, and leaves out disabled and wrong-chain ones', () => {
    const demoted = health({ headNumber: 100 })
    demote(demoted, NOW)
    const throttled = health({ headNumber: 100, throttledUntil: NOW + 1_000 })
    const wrong = health({ headNumber: 100 })
    wrong.chain = { state: 'wrong', actual: 5 }
    const ranked = rankEndpoints(
      [
        { id: 'demoted', enabled: true, health: demoted },
        { id: 'throttled', enabled: true, health: throttled },
        { id: 'wrong', enabled: true, health: wrong },
        { id: 'off', enabled: false, health: health({ headNumber: 100 }) },
        { id: 'ok', enabled: true, health: health({ headNumber: 100 }) },
      ],
      NOW,
      FRESH,
    )
    expect(ranked).toEqual(['ok', 'demoted', 'throttled'])
  })

  it('ranks a slow or unreliable endpoint after a fast reliable one', () => {
    const slow = health({ headNumber: 100 })
    for (let i = 0; i < 5; i++) recordSuccess(slow, 900, NOW)
    const fast = health({ headNumber: 100 })
    for (let i = 0; i < 5; i++) recordSuccess(fast, 50, NOW)
    const flaky = health({ headNumber: 100 })
    for (let i = 0; i < 5; i++) recordFailure(flaky, 'network', 'x', NOW)
    recordSuccess(flaky, 40, NOW)
    expect(
      rankEndpoints(
        [
          { id: 'slow', enabled: true, health: slow },
          { id: 'flaky', enabled: true, health: flaky },
          { id: 'fast', enabled: true, health: fast },
        ],
        NOW,
        FRESH,
      ),
    ).toEqual(['fast', 'slow', 'flaky'])
  })

  it('demotion cooldown doubles per strike and expires', () => {
    const h = health()
    demote(h, NOW)
    expect(h.demotedUntil).toBe(NOW + 5_000)
    demote(h, NOW)
    expect(h.demotedUntil).toBe(NOW + 10_000)
    expect(statusOf(h, true, 0, NOW).status).toBe('down')
    expect(statusOf(h, true, 0, NOW + 10_000).status).toBe('healthy')
  })
})

describe('status', () => {
  it('names each state', () => {
    expect(statusOf(health(), false, 0, NOW).status).toBe('disabled')
    const wrong = health()
    wrong.chain = { state: 'wrong', actual: 5 }
    expect(statusOf(wrong, true, 0, NOW)).toEqual({ status: 'wrong-chain', reason: 'answers chain 5' })
    expect(statusOf(health(), true, 3, NOW)).toEqual({ status: 'degraded', reason: '3 blocks behind' })
    expect(statusOf(health(), true, 2, NOW).status).toBe('healthy')
    const unchecked = newHealth()
    expect(statusOf(unchecked, true, undefined, NOW).status).toBe('checking')
  })

  it('computes percentiles over the window', () => {
    expect(percentile([], 50)).toBeUndefined()
    expect(percentile([10, 20, 30, 40, 1000], 50)).toBe(30)
    expect(percentile([10, 20, 30, 40, 1000], 95)).toBe(1000)
  })
})
