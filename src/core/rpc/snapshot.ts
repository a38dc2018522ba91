import type { ErrorCategory } from '../errors/category'
import { maskUrl } from '../errors/mask'
import type { Endpoint } from './endpoints'
import {
  type EndpointHealth,
  type EndpointStatus,
  percentile,
  recentLatencies,
  recentSuccessRate,
  sessionSuccessRate,
  statusOf,
} from './health'
import type { LiveState, PoolEvent } from './types'

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
  /** Share of its recent requests (the last 50, within 2 minutes) that got an answer. */
  successRate?: number
  /** The same over the whole session. */
  sessionSuccessRate?: number
  errorsByCategory: Partial<Record<ErrorCategory, number>>
  head?: number
  lag?: number
  requestsSent: number
  /** Requests sent, by JSON-RPC method. */
  byMethod: Record<string, number>
  /** Reads go here now. */
  inUse: boolean
  /** A down endpoint is checked again in this many ms. */
  retryInMs?: number
  /** Latency samples for the chart, oldest first; failed requests are marked. */
  latencies: Array<{ at: number; ms: number; failed?: boolean }>
}

export type PoolSnapshot = {
  version: number
  chainId: number
  takenAt: number
  /** One sentence: where reads go now and why. */
  headline: string
  endpoints: EndpointView[]
  bestHead?: number
  /** The chain's block interval learned from block timestamps, if known. */
  blockTimeMs?: number
  events: PoolEvent[]
  requestsPerMinute: number
  inFlight: number
  probing: boolean
  liveState: LiveState
}

export type SnapshotSlot = {
  endpoint: Endpoint
  health: EndpointHealth
  lag: number | undefined
  /** Blocks alone in the lead, unconfirmed (see headWitness.ts). */
  ahead?: number
  /** Next health check, for a down endpoint. */
  retryAt?: number
}

export function buildSnapshot(input: {
  version: number
  chainId: number
  now: number
  slots: SnapshotSlot[]
  /** Where the next read goes (the top of the read order). */
  next: string | undefined
  bestHead: number | undefined
  blockTimeMs: number | undefined
  events: readonly PoolEvent[]
  sentAt: readonly number[]
  inFlight: number
  running: boolean
  liveState: LiveState
}): PoolSnapshot {
  const { now } = input
  const endpoints = input.slots.map(({ endpoint, health, lag, ahead, retryAt }): EndpointView => {
    const { status, reason } = statusOf(health, endpoint.enabled, lag, now, ahead)
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
      successRate: recentSuccessRate(health, now),
      sessionSuccessRate: sessionSuccessRate(health),
      errorsByCategory: { ...health.errorsByCategory },
      head: health.head?.number,
      lag,
      requestsSent: health.requestsSent,
      byMethod: { ...health.byMethod },
      inUse: input.next === endpoint.id,
      retryInMs:
        status === 'down' && retryAt !== undefined && Number.isFinite(retryAt)
          ? Math.max(0, retryAt - now)
          : undefined,
      latencies: health.latencies.slice(-60),
    }
  })
  return {
    version: input.version,
    chainId: input.chainId,
    takenAt: now,
    headline: headline(endpoints),
    bestHead: input.bestHead,
    blockTimeMs: input.blockTimeMs,
    endpoints,
    events: [...input.events],
    requestsPerMinute: input.sentAt.filter((t) => now - t <= 60_000).length,
    inFlight: input.inFlight,
    probing: input.running,
    liveState: input.liveState,
  }
}

const seconds = (ms: number) => `${Math.max(1, Math.ceil(ms / 1000))} s`

function state(e: EndpointView): string {
  switch (e.status) {
    case 'disabled':
      return 'disabled'
    case 'wrong-chain':
      return `on another chain (${e.statusReason})`
    case 'checking':
      return 'being checked'
    case 'healthy':
      return 'slower or less reliable lately'
    default:
      return e.statusReason ? `${e.status}: ${e.statusReason.replace(/\.$/, '')}` : e.status
  }
}

/** Where reads go now and why, including whether (and when) they move back to the preferred endpoint. */
export function headline(endpoints: EndpointView[]): string {
  const next = endpoints.find((e) => e.inUse)
  const preferred = endpoints.find((e) => e.enabled)
  if (!preferred) return 'Every read endpoint is disabled: reads cannot be served. Enable one in Settings.'
  if (!next) {
    const retry = endpoints
      .filter((e) => e.retryInMs !== undefined)
      .map((e) => `${e.name} in ${seconds(e.retryInMs as number)}`)
    return `No endpoint can serve reads now: ${endpoints
      .filter((e) => e.enabled)
      .map((e) => `${e.name} is ${state(e)}`)
      .join('; ')}.${retry.length > 0 ? ` Checking again: ${retry.join(', ')}.` : ''}`
  }
  const health = next.status === 'healthy' ? '' : ` (${state(next)})`
  if (next.id === preferred.id)
    return `Reads go through ${next.name}${health}, the first endpoint in your order.`
  const why = `Reads go through ${next.name}${health} because ${preferred.name} is ${state(preferred)}.`
  if (preferred.status === 'down')
    return `${why} ${preferred.name} is checked again ${
      preferred.retryInMs === undefined ? 'soon' : `in ${seconds(preferred.retryInMs)}`
    }; reads move back to it once it answers.`
  if (preferred.status === 'degraded' || preferred.status === 'checking')
    return `${why} Reads move back to it once it is healthy.`
  return why
}
