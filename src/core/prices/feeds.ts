import { type Address, type ContractFunctionParameters, parseAbi } from 'viem'
import type { PriceFeedsConfig } from '../config/schema'

/** Chainlink's AggregatorV3Interface, the two reads we need. */
export const priceFeedAbi = parseAbi([
  'function latestRoundData() view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)',
  'function decimals() view returns (uint8)',
])
const timestampAbi = parseAbi(['function getCurrentBlockTimestamp() view returns (uint256)'])

/** A usable price: positive, not older than its feed allows at the block it was read in. */
export type Price = { answer: bigint; decimals: number; updatedAt: bigint }
/** Usable prices by asset key (`native` or the lower-case token address), plus the currency they quote in. */
export type Prices = { currency: string; byAsset: Record<string, Price> }

export const assetKey = (asset: 'native' | Address) => (asset === 'native' ? asset : asset.toLowerCase())

/**
 * The calls to add to the balances aggregate: the block timestamp (Multicall3's), then `latestRoundData` and
 * `decimals` per feed. Nothing at all when the chain names no feeds.
 */
export function priceFeedCalls(
  feeds: PriceFeedsConfig | undefined,
  multicall3: Address,
): ContractFunctionParameters[] {
  if (!feeds || feeds.feeds.length === 0) return []
  return [
    { address: multicall3, abi: timestampAbi, functionName: 'getCurrentBlockTimestamp' },
    ...feeds.feeds.flatMap((f) => [
      { address: f.feed, abi: priceFeedAbi, functionName: 'latestRoundData' },
      { address: f.feed, abi: priceFeedAbi, functionName: 'decimals' },
    ]),
  ]
}

type CallResult = { status: 'success' | 'failure'; result?: unknown }

/**
 * Reads the answers of priceFeedCalls. A failed call, a non-positive answer, an answer from the future or
 * older than the feed's maxAgeSeconds, or decimals over 36 leave that asset out: it shows no fiat value,
 * never a wrong one.
 */
export function readPrices(
  feeds: PriceFeedsConfig | undefined,
  results: readonly CallResult[],
): Prices | undefined {
  if (!feeds || feeds.feeds.length === 0) return undefined
  const [stamp, ...rest] = results
  const now = stamp?.status === 'success' && typeof stamp.result === 'bigint' ? stamp.result : undefined
  const byAsset: Record<string, Price> = {}
  feeds.feeds.forEach((f, i) => {
    const round = rest[2 * i]
    const decimals = rest[2 * i + 1]
    if (now === undefined || round?.status !== 'success' || decimals?.status !== 'success') return
    const [, answer, , updatedAt] = round.result as readonly [bigint, bigint, bigint, bigint, bigint]
    const d = Number(decimals.result)
    if (typeof answer !== 'bigint' || answer <= 0n || !Number.isInteger(d) || d < 0 || d > 36) return
    if (updatedAt === 0n || updatedAt > now || now - updatedAt > BigInt(f.maxAgeSeconds)) return
    byAsset[assetKey(f.asset)] = { answer, decimals: d, updatedAt }
  })
  return { currency: feeds.currency, byAsset }
}

/** An amount's value in the feed's currency, scaled by 10^decimals (exact: no division, no rounding). */
export function fiatValue(
  amount: bigint,
  assetDecimals: number,
  price: Price,
): { value: bigint; decimals: number } {
  return { value: amount * price.answer, decimals: assetDecimals + price.decimals }
}

/** The fiat value of an amount of `asset`, or undefined where the chain has no usable price for it. */
export function fiatFor(
  prices: Prices | undefined,
  asset: 'native' | Address,
  amount: bigint,
  assetDecimals: number,
): { value: bigint; decimals: number; currency: string } | undefined {
  const price = prices?.byAsset[assetKey(asset)]
  if (!prices || !price) return undefined
  return { ...fiatValue(amount, assetDecimals, price), currency: prices.currency }
}

/**
 * The prices a page may show from a balances query: only those of a read made since the page mounted whose last
 * refresh did not fail. A snapshot restored from storage, or kept after a failed refresh, shows no fiat value.
 */
export function pricesToShow(query: {
  data?: { prices?: Prices | undefined } | undefined
  isError: boolean
  isFetchedAfterMount: boolean
}): Prices | undefined {
  return query.isFetchedAfterMount && !query.isError ? query.data?.prices : undefined
}
