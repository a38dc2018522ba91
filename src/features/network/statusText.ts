import type { EndpointStatus } from '../../core/rpc/health'
import type { IconName } from '../../shared/ui/Icon'

/** Icon and word for each status: never colour alone. */
export const statusLabel: Record<EndpointStatus, { icon: IconName; text: string }> = {
  healthy: { icon: 'check', text: 'Healthy' },
  degraded: { icon: 'warning', text: 'Degraded' },
  down: { icon: 'cross', text: 'Down' },
  'wrong-chain': { icon: 'ban', text: 'Wrong chain' },
  disabled: { icon: 'pause', text: 'Disabled' },
  checking: { icon: 'clock', text: 'Checking' },
}

export const ms = (value: number | undefined) => (value === undefined ? '—' : `${Math.round(value)} ms`)
export const percent = (value: number | undefined) =>
  value === undefined ? '—' : `${(value * 100).toFixed(value === 1 ? 0 : 1)}%`
