import type { ErrorCategory } from '../errors/category'
import { maskUrl } from '../errors/mask'
import type { Endpoint } from './endpoints'
import {
  bestHead,
  type EndpointHealth,
  type EndpointStatus,
  lagOf,
  percentile,
  recentLatencies,
  statusOf,
  successRate,
} from './health'
import type { FailoverEvent, LiveState } from './types'

/** What the UI renders for one endpoint. Hosts only: no URL path or query ever reaches a snapshot. */
export type EndpointView = {
  id: string
  name: string
  host: string
  source: Endpoint['source']
  enabled: boolean
  batch: boolean
  status: EndpointStatus
  statusReason?: string
  /** The chain id a wrong-chain endpoint answered. */
  wrongChainId?: number
  p50?: number
  p95?: number
  successRate?: number
  errorsByCategory: Partial<Record<ErrorCategory, number>>
  head?: number
  lag?: number
  requestsSent: number
  inUse: boolean
  /** Latency samples for the chart, oldest first. */
  latencies: Array<{ at: number; ms: number }>
}

export type PoolSnapshot = {
  version: number
  chainId: number
  takenAt: number
  endpoints: EndpointView[]
  bestHead?: number
  events: FailoverEvent[]
  requestsPerMinute: number
  inFlight: number
  probing: boolean
  liveState: LiveState
}

export function buildSnapshot(input: {
  version: number
  chainId: number
  now: number
  freshMs: number
  slots: Array<{ endpoint: Endpoint; health: EndpointHealth }>
  inUse: string | undefined
  events: FailoverEvent[]
  sentAt: number[]
  inFlight: number
  running: boolean
  liveState: LiveState
}): PoolSnapshot {
  const { now, freshMs } = input
  const best = bestHead(
    input.slots.filter((s) => s.endpoint.enabled).map((s) => s.health),
    now,
    freshMs,
  )
  return {
    version: input.version,
    chainId: input.chainId,
    takenAt: now,
    bestHead: best,
    endpoints: input.slots.map(({ endpoint, health }) => {
      const lag = lagOf(
        health,
        input.slots.filter((s) => s.endpoint.enabled).map((s) => s.health),
        now,
        freshMs,
      )
      const { status, reason } = statusOf(health, endpoint.enabled, lag, now)
      const recent = recentLatencies(health, now)
      return {
        id: endpoint.id,
        name: endpoint.name,
        host: maskUrl(endpoint.url),
        source: endpoint.source,
        enabled: endpoint.enabled,
        batch: endpoint.batch,
        status,
        statusReason: reason,
        wrongChainId: health.chain.state === 'wrong' ? health.chain.actual : undefined,
        p50: percentile(recent, 50),
        p95: percentile(recent, 95),
        successRate: successRate(health),
        errorsByCategory: { ...health.errorsByCategory },
        head: health.head?.number,
        lag,
        requestsSent: health.requestsSent,
        inUse: input.inUse === endpoint.id,
        latencies: health.latencies.slice(-60),
      }
    }),
    events: [...input.events],
    requestsPerMinute: input.sentAt.filter((t) => now - t <= 60_000).length,
    inFlight: input.inFlight,
    probing: input.running,
    liveState: input.liveState,
  }
}
