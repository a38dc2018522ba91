import type { EndpointStatus } from '../../core/rpc/health'

/** Icon and word for each status: never colour alone. */
export const statusLabel: Record<EndpointStatus, { icon: string; text: string }> = {
  healthy: { icon: '✓', text: 'Healthy' },
  degraded: { icon: '⚠', text: 'Degraded' },
  down: { icon: '✕', text: 'Down' },
  'wrong-chain': { icon: '⛔', text: 'Wrong chain' },
  disabled: { icon: '⏸', text: 'Disabled' },
  checking: { icon: '…', text: 'Checking' },
}

export const ms = (value: number | undefined) => (value === undefined ? '—' : `${Math.round(value)} ms`)
export const percent = (value: number | undefined) =>
  value === undefined ? '—' : `${(value * 100).toFixed(value === 1 ? 0 : 1)}%`
