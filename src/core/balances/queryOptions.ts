import { type Address, type Client, zeroAddress } from 'viem'
import type { PriceFeedsConfig } from '../config/schema'
import { cachePolicy } from '../query/cachePolicy'
import { queryKeys } from '../query/keys'
import { poolOf } from '../rpc/transport'
import { readAccountKind } from './accountKind'
import { type BalancesSnapshot, type ReadBalancesParams, readBalances } from './readBalances'
import { readTokenMetadata } from './tokenMetadata'

/**
 * One balance snapshot read on ONE endpoint, checked against the best head the pool knows: a snapshot more
 * than one block behind (or from an endpoint whose head went backwards) is read again on another endpoint.
 * The chain id read in the same call proves the endpoint's chain, so no eth_chainId re-check rides beside it.
 */
export async function readBalancesChecked(
  client: Client,
  params: ReadBalancesParams,
): Promise<BalancesSnapshot> {
  const pool = poolOf(client)
  if (!pool) return await readBalances(client, params)
  const { value } = await pool.withEndpoint(async (session) => {
    const snapshot = await readBalances(session.client, { ...params, checkChain: session.checkChain })
    session.checkBlock(snapshot.blockNumber, snapshot.timestamp)
    return snapshot
  })
  return value
}

/**
 * TanStack query options for one account's balances (ETH + `tokens`, one multicall). Every feature that shows
 * or checks balances uses these, so they share one cache entry and one refresh. `refresh` says whether the page
 * follows new blocks (Wallet) or re-reads when it mounts (Send, Batch).
 */
export function balanceSnapshotQueryOptions(
  client: Client | undefined,
  params: {
    chainId: number | undefined
    owner: Address | undefined
    tokens: readonly Address[]
    multicall3?: Address | undefined
    refresh: 'per-block' | 'on-mount'
    /** The chain's feeds: prices travel in the same call, so every caller passes them (one cache entry). */
    priceFeeds: PriceFeedsConfig | undefined
  },
) {
  const { chainId, owner, tokens, multicall3, priceFeeds } = params
  return {
    queryKey: queryKeys.balances(chainId ?? 0, owner ?? zeroAddress, tokens),
    queryFn: () => {
      if (!client || !owner || chainId === undefined)
        throw new Error(`chain ${chainId} has no client or no account`)
      return readBalancesChecked(client, {
        chainId,
        owner,
        tokens,
        ...(multicall3 ? { multicall3 } : {}),
        ...(priceFeeds ? { priceFeeds } : {}),
      })
    },
    enabled: Boolean(client && owner && chainId),
    ...(params.refresh === 'per-block' ? cachePolicy.balances : cachePolicy.balancesOnMount),
  }
}

/** Plain account, contract or EIP-7702 delegation, from the account's code. */
export function accountKindQueryOptions(
  client: Client | undefined,
  params: { chainId: number | undefined; owner: Address | undefined },
) {
  const { chainId, owner } = params
  return {
    queryKey: queryKeys.accountCode(chainId ?? 0, owner ?? zeroAddress),
    queryFn: () => {
      if (!client || !owner) throw new Error('no account or chain')
      return readAccountKind(client, owner)
    },
    enabled: Boolean(client && owner && chainId !== undefined),
    ...cachePolicy.accountCode,
  }
}

/** A token's validated metadata by (checksummed) address, kept for the session. */
export function tokenMetadataQueryOptions(
  client: Client,
  params: { chainId: number; address: Address; multicall3?: Address | undefined },
) {
  const { chainId, address, multicall3 } = params
  return {
    queryKey: queryKeys.tokenMetadata(chainId, address),
    queryFn: () => readTokenMetadata(client, { address, ...(multicall3 ? { multicall3 } : {}) }),
    ...cachePolicy.tokenMetadata,
  }
}
