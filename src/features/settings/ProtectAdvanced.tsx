import type { ReactNode } from 'react'
import { defaultBlockRange, useMempoolWarning } from '../../core/protect/url'
import { Icon } from '../../shared/ui/Icon'
import { Choice, FieldMessage, type ProtectForm } from './protectFormParts'
import type { ProtectSettingsDraft } from './useProtectSettingsForm'

type TextKey = 'originId' | 'blockRange' | 'auctionTimeout'

/** Inclusion window, slot timing, reverts, the public-mempool fallback and the origin ID. */
export function ProtectAdvanced({ form }: { form: ProtectForm }) {
  const { draft, update, id } = form
  return (
    <fieldset>
      <legend>Inclusion</legend>
      <TextField
        form={form}
        field="blockRange"
        label="Keep trying for this many blocks"
        raw="blockRange"
        inputMode="numeric"
        hint={`Empty: Protect's default, ${defaultBlockRange} blocks (about 5 minutes). After that it is Failed.`}
      />
      <TextField
        form={form}
        field="auctionTimeout"
        label="Hold back near the end of a slot (milliseconds)"
        raw="auctionTimeout"
        inputMode="numeric"
        hint="A transaction that arrives this close to the end of a 12-second slot waits for the next one, so searchers have a whole slot to bid refunds. Empty: never held back."
      />
      <Choice
        checked={draft.canRevert}
        onChange={(canRevert) => update((d) => ({ ...d, canRevert }))}
        label="Include transactions that revert"
        raw="canRevert=true"
        detail="Matters for batches with contract calls. Off (default): Protect drops a transaction that would revert, so you pay nothing for it. On: it lands on chain, fails and costs gas, and you know at once."
      />
      <Choice
        checked={draft.useMempool}
        onChange={(useMempool) => update((d) => ({ ...d, useMempool }))}
        label="Fall back to the public mempool"
        raw="useMempool=true"
        describedBy={draft.useMempool ? `${id}-mempool-warning` : undefined}
      />
      {draft.useMempool && (
        <p id={`${id}-mempool-warning`} className="banner banner-warning" role="note">
          <Icon name="warning" /> {useMempoolWarning}
        </p>
      )}
      <TextField
        form={form}
        field="originId"
        label="Origin ID (tells Flashbots support which app sent a transaction)"
        raw="originId"
      />
    </fieldset>
  )
}

function TextField(props: {
  form: ProtectForm
  field: TextKey
  label: string
  raw: string
  hint?: ReactNode
  inputMode?: 'numeric'
}) {
  const { form, field } = props
  const error = form.errors[field]
  const errorId = `${form.id}-${field}-error`
  const hintId = `${form.id}-${field}-hint`
  const describedBy = [props.hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ')
  return (
    <div className="protect-field">
      <label>
        {props.label} <code className="protect-raw">{props.raw}</code>
        <input
          value={form.draft[field]}
          spellCheck={false}
          autoComplete="off"
          inputMode={props.inputMode}
          aria-invalid={Boolean(error)}
          aria-describedby={describedBy || undefined}
          onChange={(e) => {
            const value = e.target.value
            form.update((d): ProtectSettingsDraft => ({ ...d, [field]: value }))
          }}
        />
      </label>
      {props.hint && (
        <p id={hintId} className="protect-detail">
          {props.hint}
        </p>
      )}
      <FieldMessage id={errorId}>{error}</FieldMessage>
    </div>
  )
}
