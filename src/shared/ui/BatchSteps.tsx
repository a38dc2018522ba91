import type { ActivityRecord } from '../../core/tx/records'
import { Icon, type IconName } from './Icon'

const resultText: Record<string, { icon: IconName; text: string }> = {
  waiting: { icon: 'circle', text: 'Not sent' },
  signing: { icon: 'pen', text: 'Awaiting the wallet' },
  pending: { icon: 'clock', text: 'Pending' },
  success: { icon: 'check', text: 'Succeeded' },
  failed: { icon: 'cross', text: 'Failed' },
  skipped: { icon: 'dash', text: 'Not sent' },
}

/** The steps of a batch Activity entry with each step's result (written by the Batch page). */
export function BatchSteps({ steps }: { steps: NonNullable<ActivityRecord['steps']> }) {
  return (
    <ol className="batch-record-steps" data-testid="batch-record-steps">
      {steps.map((step, i) => {
        const result = typeof step.result === 'string' ? step.result : 'waiting'
        const error = typeof step.error === 'string' ? step.error : undefined
        return (
          <li key={`${i.toString()}-${step.label}`} data-testid="batch-record-step" data-result={result}>
            <span>{step.label}</span> —{' '}
            <span>
              {resultText[result] ? (
                <>
                  <Icon name={resultText[result].icon} /> {resultText[result].text}
                </>
              ) : (
                result
              )}
            </span>
            {typeof step.hash === 'string' && (
              <>
                {' '}
                <code>{`${step.hash.slice(0, 10)}…`}</code>
              </>
            )}
            {error && <span className="error-text"> ({error})</span>}
          </li>
        )
      })}
    </ol>
  )
}
