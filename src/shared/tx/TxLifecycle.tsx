import './lifecycle.css'
import { aboutDuration, clockTime } from '../../core/format/time'
import type { TxRecord } from '../../core/tx/records/records'
import { type LifecycleStep, lifecycle, retryWindow } from '../../core/tx/records/timeline'
import { Icon, type IconName } from '../ui/Icon'

const stepIcon: Record<LifecycleStep['state'], IconName> = {
  done: 'check',
  current: 'dot',
  upcoming: 'circle',
  failed: 'cross',
}

/**
 * A record's lifecycle with times: waiting for the wallet → sent → seen by Protect → included, or how it
 * ended. While pending, how long Protect keeps trying, in time (and the block it stops at).
 */
export function TxLifecycle({ record }: { record: TxRecord }) {
  const steps = lifecycle(record)
  const now = Date.now()
  const window = retryWindow(record)
  return (
    <ol className="lifecycle" data-testid="tx-lifecycle" aria-label="Lifecycle">
      {steps.map((step) => (
        <li
          key={step.key}
          className={`lifecycle-step lifecycle-${step.state}`}
          data-step={step.key}
          data-state={step.state}
        >
          <Icon name={stepIcon[step.state]} />
          <span className="lifecycle-label">
            {step.label}
            {step.state === 'upcoming' && <span className="visually-hidden"> (not yet)</span>}
          </span>
          {step.at !== undefined && (
            <time dateTime={new Date(step.at).toISOString()} title={new Date(step.at).toLocaleString()}>
              {clockTime(step.at, now)}
            </time>
          )}
          {step.key === 'outcome' && step.state === 'upcoming' && window && (
            <span className="muted" data-testid="tx-retry-window">
              {window.seconds !== undefined
                ? `Protect keeps trying for ${aboutDuration(window.seconds)} more (until block ${window.until})`
                : `Protect keeps trying until block ${window.until}`}
            </span>
          )}
        </li>
      ))}
    </ol>
  )
}
