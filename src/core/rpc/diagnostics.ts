import { maskUrlsInText } from '../errors/mask'
import type { PoolSnapshot } from './snapshot'

export type SystemStats = {
  cachedQueries: number
  jsHeapMb?: number
}

/** The "Copy diagnostics" report: hosts only, and any URL that slipped into a text is masked again. */
export function diagnosticsReport(snapshot: PoolSnapshot, system: SystemStats, chainName: string): string {
  const report = {
    generatedAt: new Date(snapshot.takenAt).toISOString(),
    chain: { id: snapshot.chainId, name: chainName },
    headline: snapshot.headline,
    bestHead: snapshot.bestHead,
    blockTimeMs: snapshot.blockTimeMs,
    liveHead: snapshot.liveState,
    requestsPerMinute: snapshot.requestsPerMinute,
    inFlight: snapshot.inFlight,
    cachedQueries: system.cachedQueries,
    jsHeapMb: system.jsHeapMb,
    endpoints: snapshot.endpoints.map((e) => ({
      name: e.name,
      host: e.host,
      source: e.source,
      enabled: e.enabled,
      batch: e.batch,
      status: e.status,
      statusReason: e.statusReason,
      inUse: e.inUse,
      p50Ms: e.p50 === undefined ? undefined : Math.round(e.p50),
      p95Ms: e.p95 === undefined ? undefined : Math.round(e.p95),
      successRate: e.successRate,
      sessionSuccessRate: e.sessionSuccessRate,
      retryInMs: e.retryInMs,
      requestsByMethod: e.byMethod,
      errorsByCategory: e.errorsByCategory,
      head: e.head,
      lag: e.lag,
      requestsSent: e.requestsSent,
    })),
    events: snapshot.events.map((ev) => ({ ...ev, at: new Date(ev.at).toISOString() })),
  }
  return maskUrlsInText(JSON.stringify(report, null, 2))
}
