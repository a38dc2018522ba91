import type { Hex } from 'viem'
import type { StepStatus } from '../../core/batch/execute'
import { sequentialLabel } from '../../core/batch/path'
import { explorerTxUrl, findChain } from '../../core/config/chains'
import { useRuntimeConfig } from '../../shared/context/config-context'
import { CopyButton } from '../../shared/ui/CopyButton'
import { ExternalLink } from '../../shared/ui/ExternalLink'
import { Icon, type IconName } from '../../shared/ui/Icon'
import type { BatchRun } from './useBatchRun'

const stepText: Record<StepStatus, { icon: IconName; text: string }> = {
  waiting: { icon: 'circle', text: 'Waiting' },
  signing: { icon: 'pen', text: 'Confirm in your wallet…' },
  pending: { icon: 'clock', text: 'Sent, waiting for inclusion…' },
  success: { icon: 'check', text: 'Succeeded' },
  failed: { icon: 'cross', text: 'Failed' },
  skipped: { icon: 'dash', text: 'Not sent' },
}

export function BatchProgress({
  run,
  chainId,
  onResume,
  onReset,
}: {
  run: BatchRun
  chainId: number | undefined
  onResume: () => void
  onReset: () => void
}) {
  const config = useRuntimeConfig()
  const chain = findChain(config, chainId)
  const txLink = (hash: Hex) => {
    const url = explorerTxUrl(chain, hash)
    return (
      <span className="batch-hash">
        <code>{`${hash.slice(0, 10)}…${hash.slice(-8)}`}</code> <CopyButton text={hash} label="Copy hash" />
        {url && <ExternalLink href={url}>View on explorer</ExternalLink>}
      </span>
    )
  }
  if (run.path === 'atomic') {
    const [icon, text] = (
      {
        signing: ['pen', 'Confirm the batch in your wallet…'],
        pending: ['clock', 'Batch sent, waiting for the wallet to report it final…'],
        success: ['check', `Batch included: all ${run.steps.length} actions succeeded together.`],
        failure: ['cross', 'The batch did not go through.'],
      } as const
    )[run.status]
    return (
      <section className="batch-progress" aria-labelledby="batch-progress-title" data-testid="batch-progress">
        <h2 id="batch-progress-title">Atomic batch</h2>
        <div role="status" data-testid="batch-run-status">
          <p
            className={
              run.status === 'success' ? 'ok-text' : run.status === 'failure' ? 'error-text' : undefined
            }
          >
            <Icon name={icon} /> {text}
          </p>
          {run.error && <p className="error-text">{run.error}</p>}
        </div>
        <ol>
          {run.steps.map((s, i) => (
            <li key={`${i.toString()}-${s.sentence}`}>{s.sentence}</li>
          ))}
        </ol>
        {run.hashes.map((h) => (
          <p key={h}>Transaction {txLink(h)}</p>
        ))}
        {(run.status === 'success' || run.status === 'failure') && (
          <button type="button" onClick={onReset}>
            Back to editing
          </button>
        )}
      </section>
    )
  }
  const succeeded = run.states.filter((s) => s.status === 'success').length
  return (
    <section className="batch-progress" aria-labelledby="batch-progress-title" data-testid="batch-progress">
      <h2 id="batch-progress-title">Sequential batch</h2>
      <p className="banner banner-warning">
        <Icon name="warning" /> {sequentialLabel[0]?.toUpperCase()}
        {sequentialLabel.slice(1)}.
      </p>
      <div role="status" data-testid="batch-run-status">
        {run.done ? (
          <>
            <Icon name="check" /> All {run.steps.length} steps succeeded.
          </>
        ) : run.running ? (
          `Step ${Math.min(succeeded + 1, run.steps.length)} of ${run.steps.length} in progress…`
        ) : run.failedIndex !== undefined ? (
          <>
            <Icon name="cross" /> Stopped at step {run.failedIndex + 1}: the later steps were not sent.{' '}
            {succeeded} step(s) already succeeded and stay done.
          </>
        ) : null}
      </div>
      <ol className="batch-steps">
        {run.steps.map((s, i) => {
          const state = run.states[i] ?? { status: 'waiting' as const }
          const shown =
            !run.running && run.failedIndex !== undefined && i > run.failedIndex ? 'skipped' : state.status
          return (
            <li key={`${i.toString()}-${s.sentence}`} data-testid="batch-step" data-status={shown}>
              <span className="batch-step-sentence">{s.sentence}</span>
              <span className={`batch-step-status status-${shown}`}>
                <Icon name={stepText[shown].icon} /> {stepText[shown].text}
              </span>
              {state.hash && txLink(state.hash)}
              {state.error && <p className="error-text">{state.error}</p>}
            </li>
          )
        })}
      </ol>
      {!run.running && run.failedIndex !== undefined && (
        <button type="button" className="primary" onClick={onResume}>
          Resume from step {run.failedIndex + 1}
        </button>
      )}
      {!run.running && (
        <button type="button" onClick={onReset}>
          {run.done ? 'Back to editing' : 'Stop and edit the batch'}
        </button>
      )}
    </section>
  )
}
