import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo } from 'react'
import type { Address } from 'viem'
import { useClient, useWatchBlockNumber } from 'wagmi'
import { cachePolicy } from '../../app/queryClient'
import { useRpcManager } from '../../app/rpc-context'
import { blockPollingInterval } from '../../core/balances/polling'
import { balanceSnapshotQueryKey, refreshBalancesOnBlock } from '../../core/balances/queryKeys'
import { readBalances } from '../../core/balances/readBalances'
import type { ChainConfig } from '../../core/config/schema'

const noAccount = '0x0000000000000000000000000000000000000000'

/** Balances of ETH and `tokens` for one account, refreshed on every new block (one multicall per refresh). */
export function useBalances(chain: ChainConfig, owner: Address, tokens: readonly Address[]) {
  const queryClient = useQueryClient()
  const rpc = useRpcManager()
  const client = useClient({ chainId: chain.id })
  const chainId = chain.id
  const tokenKey = useMemo(() => [...tokens].sort(), [tokens])
  const query = useQuery({
    queryKey: balanceSnapshotQueryKey(chainId, owner ?? noAccount, tokenKey),
    queryFn: () => {
      if (!client) throw new Error(`chain ${chainId} has no client`)
      return readBalances(client, { chainId, owner, tokens: tokenKey, multicall3: chain.multicall3 })
    },
    enabled: Boolean(client),
    ...cachePolicy.balances,
  })
  const refresh = useCallback(() => {
    void refreshBalancesOnBlock(queryClient, chainId, owner)
  }, [queryClient, chainId, owner])
  useWatchBlockNumber({
    chainId,
    enabled: Boolean(client),
    emitOnBegin: true,
    pollingInterval: blockPollingInterval(chain),
    onBlockNumber: refresh,
    // A failing head poll re-reads the balances too, so a dead endpoint shows as stale, not as up to date.
    onError: refresh,
  })
  // WebSocket heads (when the chain has one) arrive before the next poll; after a reconnect, blocks may have
  // been missed, so re-read at once.
  useEffect(() => {
    const offHead = rpc.onHead((id) => id === chainId && refresh())
    const offCatchUp = rpc.onCatchUp((id) => id === chainId && refresh())
    return () => {
      offHead()
      offCatchUp()
    }
  }, [rpc, chainId, refresh])
  return query
}
