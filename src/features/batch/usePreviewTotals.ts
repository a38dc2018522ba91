import { useQuery } from '@tanstack/react-query'
import type { Address } from 'viem'
import { usePublicClient } from 'wagmi'
import { balanceSnapshotQueryOptions } from '../../core/balances/queryOptions'
import { type BalanceMap, balanceMapOf, withPreviewOutflows } from '../../core/batch/balanceChecks'
import { findShortfalls, type Outflow, type Shortfall } from '../../core/batch/totals'
import type { PriceFeedsConfig } from '../../core/config/schema'
import type { Preview } from '../../core/proof/outcome'

/**
 * The review's totals with the token movements the outcome preview reveals, checked against balances. A token
 * only the preview names is read with the batch's own tokens in one call (the same cache entry as the checks'
 * read when the preview names nothing new).
 */
export function usePreviewTotals(params: {
  outflows: Outflow[]
  shortfalls: Shortfall[]
  balances: BalanceMap
  balanceTokens: readonly Address[]
  balancesLoading: boolean
  preview: Preview | undefined
  chainId: number | undefined
  account: Address | undefined
  multicall3: Address | undefined
  priceFeeds: PriceFeedsConfig | undefined
}) {
  const outflows = withPreviewOutflows(params.outflows, params.preview)
  const extra = outflows.flatMap((o) =>
    o.fromPreview && o.asset !== 'native' && !params.balances.has(o.asset.toLowerCase()) ? [o.asset] : [],
  )
  const client = usePublicClient({ chainId: params.chainId })
  const query = useQuery(
    balanceSnapshotQueryOptions(client, {
      chainId: params.chainId,
      owner: params.account,
      tokens: [...params.balanceTokens, ...extra],
      multicall3: params.multicall3,
      priceFeeds: params.priceFeeds,
      refresh: 'on-mount',
    }),
  )
  if (!outflows.some((o) => o.fromPreview))
    return { outflows, shortfalls: params.shortfalls, balancesLoading: params.balancesLoading }
  const balancesLoading = params.balancesLoading || (extra.length > 0 && query.isPending)
  const balances = extra.length > 0 ? balanceMapOf(query.data) : params.balances
  return { outflows, shortfalls: balancesLoading ? [] : findShortfalls(outflows, balances), balancesLoading }
}
