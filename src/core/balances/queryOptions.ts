import type { Address, Client } from 'viem'
import { balanceSnapshotQueryKey } from './queryKeys'
import { readBalances } from './readBalances'

const noAccount = '0x0000000000000000000000000000000000000000'

/**
 * TanStack query options for one account's balances (ETH + `tokens`, one multicall). Every feature that shows
 * or checks balances uses these, so they share one cache entry and one refresh.
 */
export function balanceSnapshotQueryOptions(
  client: Client | undefined,
  params: { chainId: number; owner: Address | undefined; tokens: readonly Address[]; multicall3?: Address },
) {
  const { chainId, owner, tokens, multicall3 } = params
  return {
    queryKey: balanceSnapshotQueryKey(chainId, owner ?? noAccount, tokens),
    queryFn: () => {
      if (!client || !owner) throw new Error(`chain ${chainId} has no client or no account`)
      return readBalances(client, { chainId, owner, tokens, ...(multicall3 ? { multicall3 } : {}) })
    },
    enabled: Boolean(client && owner),
  }
}
