import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { Address } from 'viem'
import { useClient, useWatchBlockNumber } from 'wagmi'
import { blockPollingInterval } from '../../core/balances/polling'
import { balanceSnapshotQueryOptions } from '../../core/balances/queryOptions'
import type { ChainConfig } from '../../core/config/schema'
import { refreshBalancesOnBlock } from '../../core/query/invalidate'
import { useRpcManager, useUnreadableSince } from '../../shared/context/rpc-context'
import type { HeadView } from './balanceStatus'

/** Balances of ETH and `tokens` for one account, refreshed on every new block (one multicall per refresh). */
export function useBalances(chain: ChainConfig, owner: Address, tokens: readonly Address[]) {
  const queryClient = useQueryClient()
  const rpc = useRpcManager()
  const client = useClient({ chainId: chain.id })
  const chainId = chain.id
  const tokenKey = useMemo(() => [...tokens].sort(), [tokens])
  const query = useQuery(
    balanceSnapshotQueryOptions(client, {
      chainId,
      owner,
      tokens: tokenKey,
      multicall3: chain.multicall3,
      refresh: 'per-block',
      priceFeeds: chain.priceFeeds,
    }),
  )
  const [head, setHead] = useState<HeadView>({ latest: undefined, failing: false })
  const refresh = useCallback(() => {
    void refreshBalancesOnBlock(queryClient, chainId, owner)
  }, [queryClient, chainId, owner])
  // Stable callbacks: wagmi re-subscribes (and with emitOnBegin re-reads the head) whenever they change.
  const onBlockNumber = useCallback(
    (block: bigint) => {
      setHead((h) =>
        !h.failing && h.latest !== undefined && block <= h.latest
          ? h
          : { latest: h.latest && h.latest > block ? h.latest : block, failing: false },
      )
      refresh()
    },
    [refresh],
  )
  // A failing head poll marks the values unconfirmed and re-reads them, so a dead endpoint shows as stale.
  const onError = useCallback(() => {
    setHead((h) => (h.failing ? h : { ...h, failing: true }))
    refresh()
  }, [refresh])
  useWatchBlockNumber({
    chainId,
    enabled: Boolean(client),
    emitOnBegin: true,
    pollingInterval: blockPollingInterval(chain),
    onBlockNumber,
    onError,
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
  // The pool re-checks a failed endpoint only later, so "all down" counts only until a read succeeds again.
  const unreadableSince = useUnreadableSince(chainId)
  const endpointsDown = unreadableSince !== undefined && query.dataUpdatedAt < unreadableSince
  return { query, head: { ...head, endpointsDown } }
}
