import type { ReactNode } from 'react'
import type { Hex } from 'viem'
import { resumableStep, stepRecords } from '../../core/batch/activity'
import { sequentialLabel } from '../../core/batch/path'
import { explorerTxUrl, findChain } from '../../core/config/chains'
import { allOf } from '../../core/format/count'
import type { TxRecord } from '../../core/tx/records/records'
import { useRuntimeConfig } from '../../shared/context/configContext'
import { PrivacyVerdict } from '../../shared/tx/PrivacyVerdict'
import { useActivity } from '../../shared/tx/useActivity'
import { type BatchStepView, batchStepText } from '../../shared/ui/batchStepText'
import { CopyButton } from '../../shared/ui/CopyButton'
import { ExternalLink } from '../../shared/ui/ExternalLink'
import { Icon, type IconName } from '../../shared/ui/Icon'
import { type PublicConsent, PublicConsentBox } from './PublicConsentBox'
import type { BatchRun } from './useBatchRun'

function viewOf(record: TxRecord | undefined): BatchStepView {
  if (!record) return 'waiting'
  switch (record.status) {
    case 'AWAITING_WALLET':
      return 'signing'
    case 'PENDING':
    case 'UNKNOWN':
      return 'pending'
    case 'INCLUDED':
      return 'success'
    default:
      return 'failed'
  }
}

type Props = {
  run: BatchRun
  chainId: number | undefined
  consent: PublicConsent | undefined
  onResume: () => void
  onReset: () => void
}

/** A running or finished batch, read from its Activity records (so it is what tracking knows, not a guess). */
// Over 80 lines: the batch's steps with their records' statuses and the resume and reset controls, from one run.
export function BatchProgress({ run, chainId, consent, onResume, onReset }: Props) {
  const config = useRuntimeConfig()
  const all = useActivity()
  const chain = findChain(config, chainId)
  const record = run.recordId ? all.find((r) => r.id === run.recordId) : undefined
  const txLink = (hash: Hex) => {
    const url = explorerTxUrl(chain, hash)
    return (
      <span className="batch-hash">
        <code>{`${hash.slice(0, 10)}…${hash.slice(-8)}`}</code> <CopyButton text={hash} label="Copy hash" />
        {url && <ExternalLink href={url}>View on explorer</ExternalLink>}
      </span>
    )
  }
  if (run.path === 'atomic') return <AtomicProgress {...{ run, record, txLink, onReset }} />
  const attempts = record ? stepRecords(record, all) : run.steps.map(() => undefined)
  const succeeded = attempts.filter((a) => a?.status === 'INCLUDED').length
  const done = succeeded === run.steps.length
  const resumeAt = !run.running && record ? resumableStep(attempts, all) : undefined
  return (
    <section className="batch-progress" aria-labelledby="batch-progress-title" data-testid="batch-progress">
      <h2 id="batch-progress-title">Sequential batch</h2>
      <p className="banner banner-warning">
        <Icon name="warning" /> {sequentialLabel[0]?.toUpperCase()}
        {sequentialLabel.slice(1)}.
      </p>
      <div role="status" data-testid="batch-run-status">
        {done ? (
          <>
            <Icon name="check" /> All {run.steps.length} steps succeeded.
          </>
        ) : run.running ? (
          `Step ${Math.min(succeeded + 1, run.steps.length)} of ${run.steps.length} in progress…`
        ) : run.stop ? (
          <>
            <Icon name="cross" /> Stopped at step {run.stop.index + 1}: the later steps were not sent.{' '}
            {succeeded} step(s) already succeeded and stay done. {run.stop.reason}
          </>
        ) : null}
        {run.progress && <p>{run.progress}</p>}
      </div>
      <ol className="batch-steps">
        {run.steps.map((s, i) => {
          const attempt = attempts[i]
          const view: BatchStepView =
            !attempt && !run.running && run.stop !== undefined && i >= run.stop.index
              ? 'skipped'
              : viewOf(attempt)
          return (
            <li key={`${i.toString()}-${s.sentence}`} data-testid="batch-step" data-status={view}>
              <span className="batch-step-sentence">{s.sentence}</span>
              <span className={`batch-step-status status-${view}`}>
                <Icon name={batchStepText[view].icon} /> {batchStepText[view].text}
              </span>
              {attempt?.nonce !== undefined && <span className="muted">nonce {attempt.nonce}</span>}
              {attempt?.hash && txLink(attempt.hash)}
              {attempt && attempt.status !== 'INCLUDED' && attempt.detail && (
                <p className={view === 'failed' ? 'error-text' : 'muted'}>{attempt.detail}</p>
              )}
              {attempt?.hash && <PrivacyVerdict record={attempt} testId="step-privacy" />}
            </li>
          )
        })}
      </ol>
      {resumeAt !== undefined && consent && (
        <PublicConsentBox consent={consent} count={run.steps.length - resumeAt} />
      )}
      {resumeAt !== undefined && (
        <button
          type="button"
          className="primary"
          onClick={onResume}
          disabled={consent !== undefined && !consent.checked}
        >
          Resume from step {resumeAt + 1}
        </button>
      )}
      {!run.running && (
        <button type="button" onClick={onReset}>
          {done ? 'Back to editing' : 'Stop and edit the batch'}
        </button>
      )}
    </section>
  )
}

function AtomicProgress({
  run,
  record,
  txLink,
  onReset,
}: {
  run: BatchRun
  record: TxRecord | undefined
  txLink: (hash: Hex) => ReactNode
  onReset: () => void
}) {
  const status = record?.status
  const [icon, text]: [IconName, string] =
    status === 'INCLUDED'
      ? ['check', `Batch included: ${allOf(run.steps.length, 'actions')} succeeded together.`]
      : status === 'REVERTED'
        ? ['cross', 'The batch reverted as a whole: none of its actions took effect.']
        : status === 'PENDING' || status === 'UNKNOWN'
          ? ['clock', 'Batch sent, waiting for inclusion…']
          : status === 'AWAITING_WALLET'
            ? record?.callsId
              ? ['clock', 'Your wallet accepted the batch; waiting for it to name the transaction…']
              : ['pen', 'Confirm the batch in your wallet…']
            : run.running
              ? ['pen', 'Preparing the batch…']
              : ['cross', 'The batch did not go through.']
  const final = !run.running && status !== 'AWAITING_WALLET' && status !== 'PENDING' && status !== 'UNKNOWN'
  return (
    <section className="batch-progress" aria-labelledby="batch-progress-title" data-testid="batch-progress">
      <h2 id="batch-progress-title">Atomic batch</h2>
      <div role="status" data-testid="batch-run-status">
        <p className={status === 'INCLUDED' ? 'ok-text' : final ? 'error-text' : undefined}>
          <Icon name={icon} /> {text}
        </p>
        {run.progress && <p>{run.progress}</p>}
        {run.stop && <p className="error-text">{run.stop.reason}</p>}
        {!run.stop && record?.detail && status !== 'INCLUDED' && <p className="muted">{record.detail}</p>}
        {record?.hash && <PrivacyVerdict record={record} />}
      </div>
      <ol>
        {run.steps.map((s, i) => (
          <li key={`${i.toString()}-${s.sentence}`}>{s.sentence}</li>
        ))}
      </ol>
      {record?.hash && <p>Transaction {txLink(record.hash)}</p>}
      {final && (
        <button type="button" onClick={onReset}>
          Back to editing
        </button>
      )}
    </section>
  )
}
