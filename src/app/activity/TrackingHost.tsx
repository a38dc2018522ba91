import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { useConfig } from 'wagmi'
import { getAccount, getPublicClient } from 'wagmi/actions'
import { findChain } from '../../core/config/chains'
import { pendingSupport, probePendingSupport } from '../../core/proof/pendingSupport'
import type { Eip1193Request } from '../../core/protect/detect'
import { invalidateAccountReads } from '../../core/query/invalidate'
import { storageKeys } from '../../core/storage/stored'
import { recordStore } from '../../core/tx/records/records'
import { tabLocks } from '../../core/tx/send/tabLocks'
import { requestCallsStatus } from '../../core/tx/send/wallet'
import { createTracker } from '../../core/tx/track/tracker'
import { useRuntimeConfig } from '../../shared/context/configContext'
import { useRpcManager } from '../../shared/context/rpcContext'
import { useActivity } from '../../shared/tx/useActivity'
import { pendingStreamsFor, setActiveStreams } from './pendingStreams'

/**
 * The shell's background work on Activity, mounted once: the core tracker (core/tx/track/tracker.ts) follows
 * every open record; here it gets the app's endpoints and wallet-side reader, other tabs' writes are merged
 * (storage events), and the public-mempool WebSocket watch is opened while a protected send needs it.
 */
export function TrackingHost() {
  const config = useRuntimeConfig()
  const wagmiConfig = useConfig()
  const queryClient = useQueryClient()
  const rpc = useRpcManager()
  const records = useActivity()

  useEffect(() => {
    const tracker = createTracker({
      store: recordStore(),
      config,
      locks: tabLocks(),
      rpc: {
        pool: (chainId) => rpc.pool(chainId),
        intentReader: (chainId) => getPublicClient(wagmiConfig, { chainId }),
      },
      pendingStreams: (chainId) => pendingStreamsFor(findChain(config, chainId)),
      // An accepted atomic batch is settled by the wallet that accepted it (while it is connected).
      callsStatus: async (r) => {
        const { connector, address } = getAccount(wagmiConfig)
        if (!r.callsId || !connector || address?.toLowerCase() !== r.from.toLowerCase()) return undefined
        const provider = (await connector.getProvider()) as { request: Eip1193Request }
        return await requestCallsStatus((args) => provider.request(args), r.callsId)
      },
      onSettled: (record) => void invalidateAccountReads(queryClient, record.chainId, record.from),
    })
    tracker.start()
    return () => tracker.stop()
  }, [config, wagmiConfig, rpc, queryClient])

  // The WebSocket half of the public-mempool watch: open from the wallet prompt until inclusion is known.
  const watchedChains = [
    ...new Set(
      records
        .filter(
          (r) =>
            r.protected &&
            !r.receipt &&
            (r.status === 'AWAITING_WALLET' || r.status === 'PENDING' || r.status === 'UNKNOWN'),
        )
        .map((r) => r.chainId),
    ),
  ]
    .sort()
    .join(',')
  useEffect(() => {
    const chains = new Set(watchedChains.split(',').filter(Boolean).map(Number))
    setActiveStreams(config.chains, chains)
    // Which read endpoints list pending transactions, once per endpoint and session: the verdict names it.
    for (const chainId of chains)
      void Promise.resolve()
        .then(() => probePendingSupport(rpc.pool(chainId), pendingSupport))
        .catch(() => undefined)
  }, [watchedChains, config, rpc])

  // Another tab wrote: merge its records (storage events fire in every other tab of the origin).
  useEffect(() => {
    const store = recordStore()
    const onStorage = (event: StorageEvent) => {
      if (event.key === null || event.key === storageKeys.activity) store.reload()
    }
    window.addEventListener('storage', onStorage)
    return () => window.removeEventListener('storage', onStorage)
  }, [])
  return null
}
