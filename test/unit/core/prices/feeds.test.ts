import { describe, expect, it } from 'vitest'
import { parseRuntimeConfig } from '../../../../src/core/config/load'
import { type PriceFeedsConfig, priceFeedsSchema } from '../../../../src/core/config/schema'
import { fiatValue, priceFeedCalls, pricesToShow, readPrices } from '../../../../src/core/prices/feeds'

const feedA = '0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419'
const token = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
const feeds: PriceFeedsConfig = {
  currency: 'USD',
  feeds: [
    { asset: 'native', feed: feedA, maxAgeSeconds: 3_600 },
    { asset: token, feed: feedA, maxAgeSeconds: 3_600 },
  ],
}
const ok = (result: unknown) => ({ status: 'success' as const, result })
const fail = { status: 'failure' as const }
const round = (answer: bigint, updatedAt: bigint) => ok([1n, answer, updatedAt, updatedAt, 1n])

describe('price feeds config', () => {
  it('accepts native and token feeds with a currency code, defaulting the max age', () => {
    const parsed = priceFeedsSchema.parse({ currency: 'EUR', feeds: [{ asset: 'native', feed: feedA }] })
    expect(parsed.feeds[0]?.maxAgeSeconds).toBe(90_000)
  })
  it('refuses a bad currency, a bad checksum and two feeds for one asset, naming the field', () => {
    expect(priceFeedsSchema.safeParse({ currency: 'usd', feeds: [] }).success).toBe(false)
    expect(
      priceFeedsSchema.safeParse({
        currency: 'USD',
        feeds: [{ asset: 'native', feed: feedA.toLowerCase().replace('f', 'F') }],
      }).success,
    ).toBe(false)
    expect(() =>
      parseRuntimeConfig({
        chains: [
          {
            id: 1,
            priceFeeds: {
              currency: 'USD',
              feeds: [
                { asset: token, feed: feedA },
                { asset: token.toLowerCase(), feed: feedA },
              ],
            },
          },
        ],
      }),
    ).toThrow(/chains\[0\]\.priceFeeds\.feeds\[1\]\.asset/)
  })
})

describe('reading feed answers', () => {
  it('adds the timestamp and two reads per feed, and nothing without feeds', () => {
    expect(priceFeedCalls(feeds, feedA)).toHaveLength(5)
    expect(priceFeedCalls(undefined, feedA)).toEqual([])
    expect(readPrices(undefined, [])).toBeUndefined()
  })
  it('keeps fresh positive answers and drops stale, future, non-positive and failed ones', () => {
    const now = 1_000_000n
    const read = (r: ReturnType<typeof round> | typeof fail, d: unknown = 8) =>
      readPrices(feeds, [ok(now), r, ok(d), round(5n, now), ok(8)])?.byAsset.native
    expect(read(round(314n, now - 3_600n))).toEqual({ answer: 314n, decimals: 8, updatedAt: now - 3_600n })
    expect(read(round(314n, now - 3_601n))).toBeUndefined()
    expect(read(round(314n, now + 1n))).toBeUndefined()
    expect(read(round(0n, now))).toBeUndefined()
    expect(read(round(-1n, now))).toBeUndefined()
    expect(read(round(314n, 0n))).toBeUndefined()
    expect(read(fail)).toBeUndefined()
    expect(read(round(314n, now), 37)).toBeUndefined()
    // Without the block timestamp nothing can be judged fresh.
    expect(readPrices(feeds, [fail, round(1n, now), ok(8), round(1n, now), ok(8)])?.byAsset).toEqual({})
    // Token keys are lower case.
    expect(
      readPrices(feeds, [ok(now), fail, fail, round(5n, now), ok(8)])?.byAsset[token.toLowerCase()]?.answer,
    ).toBe(5n)
  })
  it('a fiat value is exact: amount × answer at the summed scale', () => {
    expect(fiatValue(1_500_000n, 6, { answer: 100_000_000n, decimals: 8, updatedAt: 1n })).toEqual({
      value: 150_000_000_000_000n,
      decimals: 14,
    })
  })
})

describe('which prices a page shows', () => {
  const prices = { currency: 'USD', byAsset: { native: { answer: 1n, decimals: 8, updatedAt: 1n } } }
  it('only those of a read made since the page mounted whose last refresh did not fail', () => {
    expect(pricesToShow({ data: { prices }, isError: false, isFetchedAfterMount: true })).toBe(prices)
    // restored from storage or another page's older read, not yet re-read here
    expect(pricesToShow({ data: { prices }, isError: false, isFetchedAfterMount: false })).toBeUndefined()
    // the last refresh failed: the kept snapshot's prices are not shown
    expect(pricesToShow({ data: { prices }, isError: true, isFetchedAfterMount: true })).toBeUndefined()
    expect(pricesToShow({ data: undefined, isError: false, isFetchedAfterMount: true })).toBeUndefined()
  })
})
