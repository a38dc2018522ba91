import { differenceText, type Native } from '../../core/proof/describe'
import type { OutcomeCheck, Preview } from '../../core/proof/outcome'
import { Icon } from '../ui/Icon'
import { EffectsList } from './EffectsList'

/**
 * The outcome check on a record: "as previewed", or each difference exactly; the actual figures, and the
 * preview next to them on demand.
 */
// Over 80 lines: one check result: its verdict, the differences found, and the preview on demand.
export function OutcomeCheckView({
  check,
  preview,
  native,
}: {
  check: OutcomeCheck
  preview: Preview | undefined
  native: Native
}) {
  const count = check.differences.length + (check.moreDifferences ?? 0)
  const unchecked = check.unchecked
    ? ` ${check.unchecked} effect${check.unchecked === 1 ? ' was' : 's were'} not compared: the preview kept only part of the list.`
    : ''
  const verdict =
    check.verdict === 'as-previewed'
      ? 'As previewed'
      : check.verdict === 'differs'
        ? `Differs from the preview (${count} difference${count === 1 ? '' : 's'}${check.moreDifferences ? `, ${check.moreDifferences} not listed` : ''}).${unchecked}`
        : check.verdict === 'partly-checked'
          ? `Partly checked: nothing compared differs.${unchecked}`
          : 'Outcome checked (no preview to compare with)'
  const witness =
    check.blockWitness?.kind === 'confirmed'
      ? `; block confirmed by ${check.blockWitness.endpoint}`
      : check.blockWitness?.kind === 'one-endpoint'
        ? '; block read from one endpoint only'
        : ''
  return (
    <section
      className="proof-check"
      aria-label="Outcome check"
      data-testid="outcome-check"
      data-verdict={check.verdict}
    >
      <p
        className={
          check.verdict === 'differs' || check.verdict === 'partly-checked'
            ? 'warning-text'
            : check.verdict === 'as-previewed'
              ? 'ok-text'
              : 'muted'
        }
        data-testid="outcome-verdict"
      >
        <Icon
          name={
            check.verdict === 'differs' || check.verdict === 'partly-checked'
              ? 'warning'
              : check.verdict === 'as-previewed'
                ? 'check'
                : 'eye'
          }
        />{' '}
        <strong>{verdict}</strong>
        <span className="muted" data-testid="outcome-block">
          {' '}
          — checked at block {check.block}
          {witness}
        </span>
      </p>
      {check.verdict === 'differs' && preview && (
        <ul className="proof-differences" data-testid="outcome-differences">
          {check.differences.map((d) => (
            <li key={`${d.kind}-${d.asset ?? ''}-${d.who ?? ''}`}>
              {differenceText(d, check, preview, native)}
            </li>
          ))}
        </ul>
      )}
      <details className="proof-details">
        <summary>What happened{preview ? ', next to the preview' : ''}</summary>
        <div className="proof-columns">
          <div>
            <h4>On chain</h4>
            <EffectsList effects={check} native={native} fee={BigInt(check.fee)} testId="actual" />
            {check.notes.map((n) => (
              <p key={n} className="muted">
                {n}
              </p>
            ))}
          </div>
          {preview && (
            <div>
              <h4>Previewed</h4>
              {preview.ok ? (
                <EffectsList
                  effects={preview}
                  native={native}
                  maxGasFee={preview.maxGasFee !== undefined ? BigInt(preview.maxGasFee) : undefined}
                  testId="previewed"
                />
              ) : (
                <p>Previewed to fail.</p>
              )}
            </div>
          )}
        </div>
      </details>
    </section>
  )
}
