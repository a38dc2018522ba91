import { type Address, type Client, type ContractFunctionParameters, erc20Abi } from 'viem'
import { getBalance, getBlockNumber, multicall, readContract } from 'viem/actions'
import type { PriceFeedsConfig } from '../config/schema'
import { classifyError } from '../errors/classify'
import { type Prices, priceFeedCalls, readPrices } from '../prices/feeds'
import { deploylessMulticall3, multicall3ReadAbi } from './abi'

export type TokenBalanceRead = { status: 'ok'; value: bigint } | { status: 'error'; reason: string }

/** One refresh of an account's balances, tagged with what it is for so a UI never shows it for another key. */
export type BalancesSnapshot = {
  chainId: number
  owner: Address
  blockNumber: bigint
  /** The block's timestamp (seconds), when the read carried it. */
  timestamp?: bigint
  native: bigint
  tokens: Record<Address, TokenBalanceRead>
  /** Usable prices from the chain's feeds, read in the same aggregate (absent without feeds, or on the fallback). */
  prices?: Prices
}

export type ReadBalancesParams = {
  chainId: number
  owner: Address
  tokens: readonly Address[]
  /** Without it, viem's deployless multicall (Multicall3 deployed inside the `eth_call`) does the same job. */
  multicall3?: Address
  /** The chain's price feeds: their answers ride along in the same aggregate call. */
  priceFeeds?: PriceFeedsConfig
  /**
   * Told the chain id the aggregate ran on (Multicall3's `getChainId`) before the snapshot is made: the pool's
   * session proves the endpoint's chain with it (and throws when it is another chain).
   */
  checkChain?: (chainId: bigint) => void
}

type MulticallResult = { status: 'success' | 'failure'; result?: unknown; error?: Error }

/**
 * One part of the aggregate: its calls and how to read their results. The block header comes first; more
 * parts (e.g. price feeds) can be added beside the balances and still travel in the same `eth_call`.
 */
type Part<T> = {
  calls: (aggregator: Address) => ContractFunctionParameters[]
  read: (results: MulticallResult[]) => T
}

const header: Part<{ blockNumber: bigint; timestamp: bigint }> = {
  calls: (aggregator) => [
    { address: aggregator, abi: multicall3ReadAbi, functionName: 'getBlockNumber' },
    { address: aggregator, abi: multicall3ReadAbi, functionName: 'getCurrentBlockTimestamp' },
    // The chain id rides along for the pool (see `checkChain`); the snapshot does not carry it.
    { address: aggregator, abi: multicall3ReadAbi, functionName: 'getChainId' },
  ],
  read: ([block, timestamp]) => {
    if (block?.status !== 'success' || timestamp?.status !== 'success')
      throw new Error('Multicall3 could not read the block number', {
        cause: block?.error ?? timestamp?.error,
      })
    return { blockNumber: block.result as bigint, timestamp: timestamp.result as bigint }
  },
}

const balances = (
  owner: Address,
  tokens: readonly Address[],
): Part<Pick<BalancesSnapshot, 'native' | 'tokens'>> => ({
  calls: (aggregator) => [
    { address: aggregator, abi: multicall3ReadAbi, functionName: 'getEthBalance', args: [owner] },
    ...tokens.map((token) => ({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [owner] })),
  ],
  read: ([native, ...tokenResults]) => {
    if (native?.status !== 'success')
      throw new Error('Multicall3 could not read the ETH balance', { cause: native?.error })
    const out: Record<Address, TokenBalanceRead> = {}
    tokens.forEach((token, i) => {
      out[token] = toRead(tokenResults[i])
    })
    return { native: native.result as bigint, tokens: out }
  },
})

/**
 * Reads ETH and every token balance in ONE `eth_call` (chunking off), whatever the token count: Multicall3's
 * `aggregate3` with the block number and timestamp, so the snapshot says which block it is. Without
 * `multicall3`, viem's deployless multicall sends Multicall3's code along. A failed native read or a failed
 * request throws: the caller keeps its last good snapshot instead of showing zeros.
 */
export async function readBalances(client: Client, params: ReadBalancesParams): Promise<BalancesSnapshot> {
  try {
    return await readAggregated(client, params)
  } catch (error) {
    // A node that runs the deployless call from another sender cannot reach the block and ETH reads there.
    if (params.multicall3 || !isAggregateMiss(error)) throw error
    return await readWithSingleCalls(client, params)
  }
}

class AggregateMiss extends Error {}
const isAggregateMiss = (error: unknown) => error instanceof AggregateMiss

async function readAggregated(client: Client, params: ReadBalancesParams): Promise<BalancesSnapshot> {
  const { chainId, owner, tokens, multicall3, priceFeeds, checkChain } = params
  const aggregator = multicall3 ?? deploylessMulticall3
  const parts = [header, balances(owner, tokens)] as const
  // The feeds' own block-timestamp call is left out: the header already carries it.
  const callsOf = [...parts.map((p) => p.calls(aggregator)), priceFeedCalls(priceFeeds, aggregator).slice(1)]
  const results = (await multicall(client, {
    contracts: callsOf.flat(),
    allowFailure: true,
    batchSize: 0,
    ...(multicall3 ? { multicallAddress: multicall3 } : { deployless: true }),
  })) as unknown as MulticallResult[]
  let offset = 0
  const slices = callsOf.map((calls) => {
    const slice = results.slice(offset, offset + calls.length)
    offset += calls.length
    return slice
  })
  const onChain = (slices[0] ?? [])[2]
  if (onChain?.status === 'success' && typeof onChain.result === 'bigint') checkChain?.(onChain.result)
  try {
    const head = header.read(slices[0] ?? [])
    const body = parts[1].read(slices[1] ?? [])
    const prices = readPrices(priceFeeds, [
      (slices[0] ?? [])[1] ?? { status: 'failure' },
      ...(slices[2] ?? []),
    ])
    return { chainId, owner, ...head, ...body, ...(prices ? { prices } : {}) }
  } catch (error) {
    if (!multicall3)
      throw new AggregateMiss('deployless multicall could not reach its own reads', { cause: error })
    throw error
  }
}

function toRead(result: MulticallResult | undefined): TokenBalanceRead {
  if (result?.status === 'success' && typeof result.result === 'bigint')
    return { status: 'ok', value: result.result }
  return { status: 'error', reason: reasonOf(result?.error) }
}

async function readWithSingleCalls(
  client: Client,
  { chainId, owner, tokens }: ReadBalancesParams,
): Promise<BalancesSnapshot> {
  // Issued in the same tick so an endpoint with `batch: true` receives them as one JSON-RPC batch.
  const [blockNumber, native, ...tokenResults] = await Promise.all([
    getBlockNumber(client, { cacheTime: 0 }),
    getBalance(client, { address: owner }),
    ...tokens.map((token) =>
      readContract(client, { address: token, abi: erc20Abi, functionName: 'balanceOf', args: [owner] }).then(
        (value): TokenBalanceRead => ({ status: 'ok', value }),
        (error: unknown): TokenBalanceRead => ({ status: 'error', reason: reasonOf(error) }),
      ),
    ),
  ])
  const out: Record<Address, TokenBalanceRead> = {}
  tokens.forEach((token, i) => {
    out[token] = tokenResults[i] ?? { status: 'error', reason: 'no result' }
  })
  return { chainId, owner, blockNumber, native, tokens: out }
}

const reasonOf = (error: unknown) => classifyError(error, { method: 'eth_call' }).message
