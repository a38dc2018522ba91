import { describe, expect, it } from 'vitest'
import { createTokenBucket } from '../../../../src/core/rpc/rateLimiter'

describe('token bucket', () => {
  it('allows a burst, then refills at the sustained rate', () => {
    let t = 0
    const bucket = createTokenBucket({ perSecond: 2, burst: 3 }, () => t)
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([
      true,
      true,
      true,
      false,
    ])
    expect(bucket.waitMs()).toBe(500)
    t = 499
    expect(bucket.tryTake()).toBe(false)
    t = 500
    expect(bucket.tryTake()).toBe(true)
    expect(bucket.tryTake()).toBe(false)
  })

  it('never holds more than the burst, however long it idles', () => {
    let t = 0
    const bucket = createTokenBucket({ perSecond: 10, burst: 4 }, () => t)
    t = 60_000
    expect(bucket.available()).toBe(4)
    let taken = 0
    while (bucket.tryTake()) taken++
    expect(taken).toBe(4)
  })
})
