import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { findChain } from '../../core/config/chains'
import { invalidateAccountReads } from '../../core/query/invalidate'
import { type ActivityRecord, activityStore, isFinal } from '../../core/tx/records'
import { isTracked, trackUntilFinal } from '../../core/tx/track'
import { useRuntimeConfig } from '../context/config-context'
import { useRpcManager } from '../context/rpc-context'
import { useActivity } from './useActivity'

/** One polling loop per record across every mounted page (a module-level registry, not per component). */
const tracking = new Map<string, AbortController>()

/**
 * Keeps every open record (of any configured chain, connected or not) tracked while a page using this is
 * mounted; after a reload it picks up persisted PENDING records again. Final → the sender's balances are
 * invalidated.
 */
export function useTracking(): void {
  const config = useRuntimeConfig()
  const rpc = useRpcManager()
  const records = useActivity()
  const queryClient = useQueryClient()
  const now = Date.now()
  // Open records, and final ones still inside their light watch (a FAILED one may be included late).
  const open = records.filter((r) => isTracked(r, now) && findChain(config, r.chainId))
  const openIds = open.map((r) => `${r.chainId}/${r.id}`).join(',')

  useEffect(() => {
    if (!openIds) return
    const started: string[] = []
    for (const entry of openIds.split(',')) {
      const [chainText = '', id = ''] = entry.split('/')
      const chainId = Number(chainText)
      const statusUrl = findChain(config, chainId)?.protect?.statusUrl
      if (tracking.has(id)) continue
      const pool = rpc.pool(chainId)
      const controller = new AbortController()
      tracking.set(id, controller)
      started.push(id)
      const reads = {
        withEndpoint: pool.withEndpoint,
        healthyEndpoints: pool.healthyEndpoints,
        readEndpointCount: () => pool.endpoints().filter((e) => e.enabled).length,
      }
      void trackUntilFinal({ reads, store: activityStore(), ...(statusUrl ? { statusUrl } : {}) }, id, {
        intervalMs: 1000,
        signal: controller.signal,
        lightWatch: true,
      })
        .then((record) => onSettled(record))
        .finally(() => {
          if (tracking.get(id) === controller) tracking.delete(id)
        })
    }
    function onSettled(record: ActivityRecord | undefined) {
      if (!record || !isFinal(record.status)) return
      void invalidateAccountReads(queryClient, record.chainId, record.from)
    }
    return () => {
      for (const id of started) {
        tracking.get(id)?.abort()
        tracking.delete(id)
      }
    }
  }, [openIds, config, rpc, queryClient])
}
