import type { ActivityRecord } from '../../core/tx/records'

const resultText: Record<string, string> = {
  waiting: '○ Not sent',
  signing: '✎ Awaiting the wallet',
  pending: '⏳ Pending',
  success: '✓ Succeeded',
  failed: '✗ Failed',
  skipped: '– Not sent',
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
            <span>{step.label}</span> — <span>{resultText[result] ?? result}</span>
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
