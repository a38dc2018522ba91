import { type QueryClient, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { type Config, useConfig } from 'wagmi'
import { getAccount, getPublicClient } from 'wagmi/actions'
import { syncBatchContainers } from '../../core/batch/activity'
import { findChain } from '../../core/config/chains'
import type { Eip1193Request } from '../../core/protect/detect'
import { invalidateAccountReads } from '../../core/query/invalidate'
import { storageKeys } from '../../core/storage/stored'
import { type ActivityRecord, activityStore, isFinal } from '../../core/tx/records/records'
import { inFlightIntents } from '../../core/tx/send/inFlight'
import { accountLockName, tabLocks } from '../../core/tx/send/tabLocks'
import { requestCallsStatus } from '../../core/tx/send/wallet'
import { resolveIntent } from '../../core/tx/track/intents'
import { isTracked, trackUntilFinal } from '../../core/tx/track/track'
import { useRuntimeConfig } from '../../shared/context/configContext'
import { useRpcManager } from '../../shared/context/rpcContext'
import { useActivity } from '../../shared/tx/useActivity'
import { pendingStreamsFor, setActiveStreams } from './pendingStreams'

/** One loop per record for the whole app (not per page): a record is tracked once, whatever page is shown. */
const loops = new Map<string, AbortController>()
const intentPollMs = 2_000

/**
 * The shell's background work on Activity, mounted once: tracks every open record of every configured chain
 * (by hash: receipt and Protect status; intents: by nonce, see core/tx/track/intents.ts), keeps one-by-one batch
 * containers in line with their steps, merges other tabs' writes, and refreshes balances when one is final.
 */
export function TrackingHost() {
  const config = useRuntimeConfig()
  const wagmiConfig = useConfig()
  const queryClient = useQueryClient()
  const rpc = useRpcManager()
  const records = useActivity()
  const now = Date.now()
  // Open records, final ones still inside their light watch (a FAILED one may be included late), and intents.
  const openKey = records
    .filter(
      (r) =>
        findChain(config, r.chainId) &&
        ((r.hash && isTracked(r, now)) || (!isFinal(r.status) && r.status === 'AWAITING_WALLET')),
    )
    .map((r) => `${r.chainId}/${r.id}/${r.hash ? 'tx' : 'intent'}`)
    .join(',')

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
    setActiveStreams(config.chains, new Set(watchedChains.split(',').filter(Boolean).map(Number)))
  }, [watchedChains, config])

  // Another tab wrote: merge its records (storage events fire in every other tab of the origin).
  useEffect(() => {
    const store = activityStore()
    const onStorage = (event: StorageEvent) => {
      if (event.key === null || event.key === storageKeys.activity) store.reload()
    }
    window.addEventListener('storage', onStorage)
    return () => window.removeEventListener('storage', onStorage)
  }, [])

  useEffect(() => {
    if (!openKey) return
    const started: string[] = []
    for (const entry of openKey.split(',')) {
      const [chainText = '', id = '', what = ''] = entry.split('/')
      const loopKey = `${id}/${what}`
      const chainId = Number(chainText)
      const client = getPublicClient(wagmiConfig, { chainId })
      if (!client || loops.has(loopKey)) continue
      const controller = new AbortController()
      loops.set(loopKey, controller)
      started.push(loopKey)
      const statusUrl = findChain(config, chainId)?.protect?.statusUrl
      const pendingStreams = pendingStreamsFor(findChain(config, chainId))
      const pool = rpc.pool(chainId)
      const reads = {
        withEndpoint: pool.withEndpoint,
        healthyEndpoints: pool.healthyEndpoints,
        readEndpointCount: () => pool.endpoints().filter((e) => e.enabled).length,
      }
      const done =
        what === 'tx'
          ? trackUntilFinal(
              {
                reads,
                store: activityStore(),
                ...(statusUrl ? { statusUrl } : {}),
                ...(pendingStreams ? { pendingStreams } : {}),
              },
              id,
              {
                intervalMs: 1000,
                signal: controller.signal,
                lightWatch: true,
              },
            )
          : followIntent(id, client, wagmiConfig, controller.signal)
      void done
        .then((record) => onSettled(queryClient, record))
        .finally(() => {
          if (loops.get(loopKey) === controller) loops.delete(loopKey)
        })
    }
    return () => {
      for (const key of started) {
        loops.get(key)?.abort()
        loops.delete(key)
      }
    }
  }, [openKey, config, wagmiConfig, rpc, queryClient])

  // One-by-one batch containers follow their steps; a run that is gone leaves them stopped, not pending.
  const sync = useRef<{ running: boolean; again: boolean }>({ running: false, again: false })
  useEffect(() => {
    if (!records.some((r) => r.kind === 'batch' && r.path === 'sequential')) return
    const state = sync.current
    if (state.running) {
      state.again = true
      return
    }
    const pass = (): Promise<void> => {
      state.running = true
      state.again = false
      return syncBatchContainers(activityStore(), (id) => tabLocks().isHeld(`hush.batch.${id}`)).finally(
        () => {
          state.running = false
          if (state.again) void pass()
        },
      )
    }
    void pass()
  }, [records])
  return null
}

async function followIntent(
  id: string,
  client: NonNullable<ReturnType<typeof getPublicClient>>,
  wagmiConfig: Config,
  signal: AbortSignal,
): Promise<ActivityRecord | undefined> {
  const store = activityStore()
  const deps = {
    reader: client,
    store,
    accountBusy: (r: ActivityRecord) => tabLocks().isHeld(accountLockName(r.chainId, r.from)),
    // An accepted atomic batch is settled by the wallet that accepted it (while it is connected).
    callsStatus: async (r: ActivityRecord) => {
      const { connector, address } = getAccount(wagmiConfig)
      if (!r.callsId || !connector || address?.toLowerCase() !== r.from.toLowerCase()) return undefined
      const provider = (await connector.getProvider()) as { request: Eip1193Request }
      return await requestCallsStatus((args) => provider.request(args), r.callsId)
    },
  }
  while (!signal.aborted) {
    const record = inFlightIntents.has(id) ? store.get(id) : await resolveIntent(deps, id)
    if (record?.status !== 'AWAITING_WALLET') return record
    await new Promise((r) => setTimeout(r, intentPollMs))
  }
  return store.get(id)
}

function onSettled(queryClient: QueryClient, record: ActivityRecord | undefined) {
  if (!record || !isFinal(record.status)) return
  void invalidateAccountReads(queryClient, record.chainId, record.from)
}
