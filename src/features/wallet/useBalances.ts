import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useMemo, useState } from 'react'
import type { Address } from 'viem'
import { useClient } from 'wagmi'
import { balancesPerBlockRead } from '../../core/balances/perBlock'
import { balanceSnapshotQueryOptions } from '../../core/balances/queryOptions'
import type { ChainConfig } from '../../core/config/schema'
import { useRpcManager, useUnreadableSince } from '../../shared/context/rpcContext'
import type { HeadView } from './balanceStatus'

/**
 * Balances of ETH and `tokens` for one account, read once per new block (one multicall per refresh). The read
 * is the chain clock's per-block read: it carries the block number, so no separate head poll is needed, and
 * it runs when the next block is due (or at once when a WebSocket announces one).
 */
export function useBalances(chain: ChainConfig, owner: Address, tokens: readonly Address[]) {
  const queryClient = useQueryClient()
  const rpc = useRpcManager()
  const client = useClient({ chainId: chain.id })
  const chainId = chain.id
  const tokenKey = useMemo(() => [...tokens].sort(), [tokens])
  const options = balanceSnapshotQueryOptions(client, {
    chainId,
    owner,
    tokens: tokenKey,
    multicall3: chain.multicall3,
    refresh: 'per-block',
    priceFeeds: chain.priceFeeds,
  })
  const query = useQuery(options)
  const [head, setHead] = useState<HeadView>({ latest: undefined, failing: false })
  const { queryKey } = options
  const enabled = options.enabled
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key's identity changes each render; its parts are the deps
  useEffect(() => {
    if (!enabled) return
    const clock = rpc.clock(chainId)
    return clock.subscribe({
      perBlock: balancesPerBlockRead(queryClient, queryKey),
      onBlock: (h) =>
        setHead((v) => (v.latest === BigInt(h.number) ? v : { ...v, latest: BigInt(h.number) })),
      onFailing: (failing) => setHead((v) => (v.failing === failing ? v : { ...v, failing })),
    })
  }, [rpc, chainId, enabled, queryClient, owner, tokenKey.join(',')])
  // The pool re-checks a failed endpoint only later, so "all down" counts only until a read succeeds again.
  const unreadableSince = useUnreadableSince(chainId)
  const endpointsDown = unreadableSince !== undefined && query.dataUpdatedAt < unreadableSince
  return { query, head: { ...head, endpointsDown } }
}
