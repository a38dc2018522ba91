import { lagNow } from './endpointLoop'
import { aheadOf } from './headWitness'
import type { EndpointStatus } from './health'
import { statusOf } from './health'
import type { PoolState } from './poolState'
import type { PoolEventKind } from './types'

function kindOf(
  from: EndpointStatus | undefined,
  to: EndpointStatus,
  reason: string | undefined,
): PoolEventKind | undefined {
  switch (to) {
    case 'down':
      return 'down'
    case 'wrong-chain':
      return 'wrong-chain'
    case 'degraded':
      return reason?.includes('behind') ? 'lagging' : 'degraded'
    case 'healthy':
      return from === 'down' || from === 'degraded' || from === 'wrong-chain' ? 'recovered' : undefined
    default:
      return undefined
  }
}

/**
 * Logs every status change of every endpoint as a dated event, whoever saw it (a read or a health check),
 * with the reason as it is now. Called whenever the pool changes and when a snapshot is taken (statuses
 * also change with time, e.g. a rate limit running out).
 */
export function trackStatuses(state: PoolState): void {
  const now = state.now()
  for (const slot of state.slots()) {
    const { status, reason } = statusOf(
      slot.health,
      slot.endpoint.enabled,
      lagNow(state, slot),
      now,
      aheadOf(state, slot),
    )
    const from = slot.lastStatus
    if (from === status) continue
    slot.lastStatus = status
    const kind = kindOf(from, status, reason)
    if (!kind) continue
    state.logEvent({
      at: now,
      kind,
      endpoint: slot.endpoint.name,
      reason: reason ?? (kind === 'recovered' ? 'answers again' : status),
    })
  }
}
