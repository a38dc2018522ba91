import { type Native, previewHeading, revertText } from '../../core/proof/describe'
import type { Preview } from '../../core/proof/outcome'
import { Icon } from '../ui/Icon'
import { EffectsList } from './EffectsList'

export type PreviewState = {
  data?: Preview | undefined
  isPending: boolean
  error: unknown
  errorMessage?: string | undefined
  refetch: () => void
}

/**
 * The outcome preview on a review (Send and Batch): what the exact calls will do to the sender's balances, by
 * asset, before the wallet is asked. A read failure is "could not preview", never an empty preview.
 */
export function OutcomePreview({ state, native }: { state: PreviewState; native: Native }) {
  const p = state.data
  return (
    <section className="proof-preview" aria-labelledby="proof-preview-title" data-testid="outcome-preview">
      <h3 id="proof-preview-title">What this will do</h3>
      {state.isPending && !p ? (
        <p role="status" data-testid="outcome-preview-state">
          <Icon name="clock" /> Simulating the outcome…
        </p>
      ) : !p ? (
        <p role="alert" className="error-text" data-testid="outcome-preview-state">
          <Icon name="cross" /> Could not preview the outcome (the read failed; this says nothing about the
          transaction): {state.errorMessage ?? 'the read endpoints did not answer'}.{' '}
          <button type="button" className="small" onClick={() => state.refetch()}>
            Retry
          </button>
        </p>
      ) : (
        <>
          <p
            className={p.method === 'limited' ? 'notice' : 'muted'}
            data-testid="outcome-preview-method"
            data-method={p.method}
          >
            {p.method === 'limited' && (
              <>
                <Icon name="warning" /> <strong>Limited preview.</strong>{' '}
              </>
            )}
            {previewHeading(p)}.
            {p.method === 'limited' && p.opaque
              ? ` ${p.opaque} contract call${p.opaque === 1 ? '' : 's'} cannot be shown without simulation.`
              : ''}
          </p>
          {!p.ok ? (
            <p role="alert" className="error-text" data-testid="outcome-preview-revert">
              <Icon name="cross" /> {revertText(p)}
            </p>
          ) : (
            <EffectsList
              effects={p}
              native={native}
              maxGasFee={p.maxGasFee !== undefined ? BigInt(p.maxGasFee) : undefined}
              testId="preview"
            />
          )}
        </>
      )}
    </section>
  )
}
