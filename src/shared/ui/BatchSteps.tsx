import { shortHash } from '../../core/format/time'
import { recordStatusText } from '../../core/tx/records/labels'
import type { TxRecord } from '../../core/tx/records/records'
import { PrivacyVerdict } from '../tx/PrivacyVerdict'
import { statusIcon } from '../tx/statusIcons'
import { batchStepText, isBatchStepView } from './batchStepText'
import { CopyButton } from './CopyButton'
import { Icon } from './Icon'

/**
 * The steps of a batch Activity entry. One by one: each step's own record (its latest attempt) gives its status
 * hash and privacy verdict. Atomic: one transaction, so every step shares the batch's status (and its one verdict).
 */
export function BatchSteps({
  steps,
  attempts,
  batchStatus,
}: {
  steps: NonNullable<TxRecord['steps']>
  attempts?: readonly (TxRecord | undefined)[]
  batchStatus: TxRecord['status']
}) {
  return (
    <ol className="batch-record-steps" data-testid="batch-record-steps">
      {steps.map((step, i) => {
        const attempt = attempts?.[i]
        const legacy = !attempts && typeof step.result === 'string' ? step.result : undefined
        const status = attempts ? attempt?.status : legacy ? undefined : batchStatus
        const shown = status
          ? { icon: statusIcon(status), text: recordStatusText(status) }
          : attempts
            ? { icon: 'circle' as const, text: 'Not sent yet' }
            : legacyResult(legacy)
        const hash = attempt?.hash ?? (typeof step.hash === 'string' ? step.hash : undefined)
        const error = typeof step.error === 'string' ? step.error : undefined
        return (
          <li
            key={`${i.toString()}-${step.label}`}
            data-testid="batch-record-step"
            data-result={status ?? legacy ?? 'waiting'}
          >
            <span>{step.label}</span> —{' '}
            <span>
              <Icon name={shown.icon} /> {shown.text}
            </span>
            {hash && (
              <>
                {' '}
                <code title={hash}>{shortHash(hash)}</code> <CopyButton text={hash} label="Copy hash" />
              </>
            )}
            {attempt?.nonce !== undefined && <span className="muted"> (nonce {attempt.nonce})</span>}
            {error && <span className="error-text"> ({error})</span>}
            {attempt?.hash && <PrivacyVerdict record={attempt} testId="step-privacy" />}
          </li>
        )
      })}
    </ol>
  )
}

/** A result an older Hush wrote into the batch record itself (before each step had its own record). */
function legacyResult(result: string | undefined) {
  // That record is over: a step still "waiting" in it was never sent.
  if (result === undefined || result === 'waiting') return batchStepText.skipped
  return isBatchStepView(result) ? batchStepText[result] : { icon: 'question' as const, text: result }
}
