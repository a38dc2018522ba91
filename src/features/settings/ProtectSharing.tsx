import { Fragment } from 'react'
import {
  hintWords,
  impliedHints,
  type PickableHint,
  pickableHints,
  type SharingChoice,
  sharingWords,
} from '../../core/protect/hints'
import { Choice, FieldMessage, type ProtectForm } from './protectFormParts'

const choices: SharingChoice[] = ['default', 'hash-only', 'custom', 'full']

/** What MEV-Share searchers may see: one of four choices, and the hints one by one for "Choose". */
export function ProtectSharing({ form }: { form: ProtectForm }) {
  const { draft, update, errors, id } = form
  const errorId = `${id}-hints-error`
  return (
    <fieldset aria-describedby={errors.hints ? errorId : undefined}>
      <legend>What searchers may see</legend>
      <p className="muted">
        Searchers pay refunds for the chance to trade right after your transaction; the more they see, the
        more they can pay, and the less private it is. They never see enough to trade before it.
      </p>
      <div className="protect-radios">
        {choices.map((choice) => (
          <Fragment key={choice}>
            <label className="protect-choice">
              <input
                type="radio"
                name={`${id}-sharing`}
                value={choice}
                checked={draft.sharing === choice}
                onChange={() => update((d) => ({ ...d, sharing: choice }))}
              />
              <span>
                {sharingWords[choice].label}
                {choice === 'full' && (
                  <>
                    {' '}
                    <code className="protect-raw">hint=full</code>
                  </>
                )}
                {choice === 'hash-only' && (
                  <>
                    {' '}
                    <code className="protect-raw">hint=hash</code>
                  </>
                )}
                <span className="protect-detail">{sharingWords[choice].detail}</span>
              </span>
            </label>
            {choice === 'custom' && draft.sharing === 'custom' && <PickHints form={form} />}
          </Fragment>
        ))}
      </div>
      <FieldMessage id={errorId}>{errors.hints}</FieldMessage>
    </fieldset>
  )
}

/** The hints one by one, for "Choose what to share"; a hint another one already shares is ticked and locked. */
function PickHints({ form }: { form: ProtectForm }) {
  const { draft, update } = form
  const implied = impliedHints(draft.picked)
  const pick = (hint: PickableHint, on: boolean) =>
    update((d) => ({ ...d, picked: on ? [...d.picked, hint] : d.picked.filter((h) => h !== hint) }))
  return (
    <fieldset className="protect-options protect-hints">
      <legend className="visually-hidden">Hints to share</legend>
      {pickableHints.map((hint) => {
        const lockedBy = implied.includes(hint)
          ? draft.picked.find((p) => hintWords[p].implies.includes(hint))
          : undefined
        return (
          <Choice
            key={hint}
            checked={draft.picked.includes(hint) || Boolean(lockedBy)}
            disabled={Boolean(lockedBy)}
            onChange={(on) => pick(hint, on)}
            label={hintWords[hint].label}
            raw={hint}
            detail={
              lockedBy
                ? `Shared anyway: "${hintWords[lockedBy].label.toLowerCase()}" includes it.`
                : hintWords[hint].detail
            }
          />
        )
      })}
      <p className="protect-detail">{hintWords.hash.label}: always, when anything else is shared.</p>
    </fieldset>
  )
}
