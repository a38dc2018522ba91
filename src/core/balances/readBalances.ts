import { type Address, type Client, type ContractFunctionParameters, erc20Abi } from 'viem'
import { getBalance, getBlockNumber, multicall, readContract } from 'viem/actions'
import type { PriceFeedsConfig } from '../config/schema'
import { classifyError } from '../errors/classify'
import { type Prices, priceFeedCalls, readPrices } from '../prices/feeds'
import { multicall3ReadAbi } from './abi'

export type TokenBalanceRead = { status: 'ok'; value: bigint } | { status: 'error'; reason: string }

/** One refresh of an account's balances, tagged with what it is for so a UI never shows it for another key. */
export type BalancesSnapshot = {
  chainId: number
  owner: Address
  blockNumber: bigint
  native: bigint
  tokens: Record<Address, TokenBalanceRead>
  /** Usable prices from the chain's feeds, read in the same aggregate (absent without feeds or Multicall3). */
  prices?: Prices
}

export type ReadBalancesParams = {
  chainId: number
  owner: Address
  tokens: readonly Address[]
  /** Without it the reads go out as single calls (batched into one HTTP request where the endpoint allows). */
  multicall3?: Address
  /** The chain's price feeds: their answers ride along in the same aggregate call. */
  priceFeeds?: PriceFeedsConfig
}

/**
 * Reads ETH and every token balance. With Multicall3 the block number, ETH and all `balanceOf` calls are one
 * `eth_call` (chunking off), so a refresh is one JSON-RPC call whatever the token count. A failed native read
 * or a failed request throws: the caller keeps its last good snapshot instead of showing zeros.
 */
export async function readBalances(client: Client, params: ReadBalancesParams): Promise<BalancesSnapshot> {
  return params.multicall3
    ? await readWithMulticall(client, params, params.multicall3)
    : await readWithSingleCalls(client, params)
}

async function readWithMulticall(
  client: Client,
  { chainId, owner, tokens, priceFeeds }: ReadBalancesParams,
  multicall3: Address,
): Promise<BalancesSnapshot> {
  const contracts = [
    { address: multicall3, abi: multicall3ReadAbi, functionName: 'getBlockNumber' },
    { address: multicall3, abi: multicall3ReadAbi, functionName: 'getEthBalance', args: [owner] },
    ...tokens.map((token) => ({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [owner] })),
  ] as const
  const results = await multicall(client, {
    contracts: [
      ...(contracts as readonly ContractFunctionParameters[]),
      ...priceFeedCalls(priceFeeds, multicall3),
    ],
    allowFailure: true,
    multicallAddress: multicall3,
    batchSize: 0,
  })
  const [block, native, ...rest] = results as unknown as MulticallResult[]
  const tokenResults = rest.slice(0, tokens.length)
  const prices = readPrices(priceFeeds, rest.slice(tokens.length))
  if (block?.status !== 'success' || native?.status !== 'success')
    throw new Error('Multicall3 could not read the block number or the ETH balance', {
      cause: block?.error ?? native?.error,
    })
  const out: Record<Address, TokenBalanceRead> = {}
  tokens.forEach((token, i) => {
    out[token] = toRead(tokenResults[i])
  })
  return {
    chainId,
    owner,
    blockNumber: block.result as bigint,
    native: native.result as bigint,
    tokens: out,
    ...(prices ? { prices } : {}),
  }
}

type MulticallResult = { status: 'success' | 'failure'; result?: unknown; error?: Error }

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
