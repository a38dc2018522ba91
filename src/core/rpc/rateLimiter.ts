export type RateLimit = { perSecond: number; burst: number }

/** Public endpoints throttle around 10–25 req/s; staying under that keeps us off their 429 path. */
export const defaultPublicRateLimit: RateLimit = { perSecond: 10, burst: 20 }
/** A local node has no provider quota; the bucket only guards against runaway loops. */
export const defaultLocalRateLimit: RateLimit = { perSecond: 200, burst: 400 }

export type TokenBucket = {
  /** Takes a token if one is available. */
  tryTake: () => boolean
  /** Milliseconds until the next token is available (0 when one is available now). */
  waitMs: () => number
  available: () => number
}

export function createTokenBucket(limit: RateLimit, now: () => number = () => Date.now()): TokenBucket {
  let tokens = limit.burst
  let refilledAt = now()
  const refill = () => {
    const t = now()
    tokens = Math.min(limit.burst, tokens + ((t - refilledAt) / 1000) * limit.perSecond)
    refilledAt = t
  }
  return {
    tryTake() {
      refill()
      if (tokens < 1) return false
      tokens -= 1
      return true
    },
    waitMs() {
      refill()
      return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / limit.perSecond) * 1000)
    },
    available() {
      refill()
      return Math.floor(tokens)
    },
  }
}
