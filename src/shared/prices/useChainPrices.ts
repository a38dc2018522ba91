import { useQuery } from '@tanstack/react-query'
import { useAccount, usePublicClient } from 'wagmi'
import { balanceSnapshotQueryOptions } from '../../core/balances/queryOptions'
import { findChain } from '../../core/config/chains'
import { type Prices, pricesToShow } from '../../core/prices/feeds'
import { useRuntimeConfig } from '../context/configContext'

/**
 * The connected chain's prices, from the same balances read (and cache entry) the Send page uses: no request of
 * its own when that entry is fresh, and never a third-party API. Undefined where the chain has no feeds, and
 * until a read made since the page opened has succeeded.
 */
export function useChainPrices(): { chainId: number | undefined; prices: Prices | undefined } {
  const config = useRuntimeConfig()
  const { address, chainId } = useAccount()
  const chain = findChain(config, chainId)
  const client = usePublicClient({ chainId: chain?.id })
  const query = useQuery({
    ...balanceSnapshotQueryOptions(client, {
      chainId: chain?.id,
      owner: address,
      tokens: (chain?.tokens ?? []).map((t) => t.address),
      multicall3: chain?.multicall3,
      priceFeeds: chain?.priceFeeds,
      refresh: 'on-mount',
    }),
    enabled: Boolean(client && chain?.priceFeeds && address),
  })
  return { chainId: chain?.id, prices: pricesToShow(query) }
}
