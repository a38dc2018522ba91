import type { PoolEventKind } from '../../core/rpc/types'
import type { IconName } from '../../shared/ui/Icon'

export const ms = (value: number | undefined) => (value === undefined ? '—' : `${Math.round(value)} ms`)
export const percent = (value: number | undefined) =>
  value === undefined ? '—' : `${(value * 100).toFixed(value === 1 ? 0 : 1)}%`

/** Icon and word for each kind of event in the Network page's log. */
export const eventLabel: Record<PoolEventKind, { icon: IconName; text: string }> = {
  failover: { icon: 'replace', text: 'Failover' },
  'fail-back': { icon: 'replace', text: 'Back to preferred' },
  down: { icon: 'cross', text: 'Down' },
  recovered: { icon: 'check', text: 'Recovered' },
  lagging: { icon: 'clock', text: 'Lagging' },
  degraded: { icon: 'warning', text: 'Degraded' },
  'wrong-chain': { icon: 'ban', text: 'Wrong chain' },
  'bad-answer': { icon: 'warning', text: 'Answer refused' },
}

export const inSeconds = (ms: number) => `${Math.max(1, Math.ceil(ms / 1000))} s`
