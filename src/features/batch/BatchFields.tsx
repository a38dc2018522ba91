import { type ReactNode, useState } from 'react'
import type { BatchToken } from '../../core/batch/validate'
import { Icon } from '../../shared/ui/Icon'
import { MiddleEllipsis } from '../../shared/ui/MiddleEllipsis'

export type FieldProps = {
  id: string
  label: string
  value: string
  error?: string
  warning?: string
  placeholder?: string
  inputMode?: 'decimal' | 'text'
  mono?: boolean
  /** A "Max" button beside the input: fills `text`; disabled while it is unknown; `note` says what it keeps back. */
  max?: { text: string | undefined; label: string; note?: string | undefined }
  /** A line under the field, as on Send: the balance beside an amount, the address an ENS name resolves to. */
  hint?: ReactNode
  onChange: (value: string) => void
}

// Over 80 lines: one labelled field with its ENS lookup, middle-cut overlay, hint and error, kept together for one reading.
export function Field({
  id,
  label,
  value,
  error,
  warning,
  placeholder,
  inputMode,
  mono,
  max,
  hint,
  onChange,
}: FieldProps) {
  const [focused, setFocused] = useState(false)
  // A whole address that does not fit is cut in the middle (start…end) while the field is not being edited.
  const cut = mono && !focused && /^0x[0-9a-fA-F]{40}$/.test(value.trim())
  const describedBy = [
    hint ? `${id}-hint` : '',
    error ? `${id}-error` : '',
    warning ? `${id}-warning` : '',
    max?.note ? `${id}-max-note` : '',
  ]
    .filter(Boolean)
    .join(' ')
  const input = (
    <input
      id={id}
      value={value}
      placeholder={placeholder}
      inputMode={inputMode}
      spellCheck={false}
      autoComplete="off"
      className={[mono ? 'mono' : '', cut ? 'masked' : ''].filter(Boolean).join(' ') || undefined}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy || undefined}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      onChange={(e) => onChange(e.target.value)}
    />
  )
  // The wrapper stays while the field is edited: a new parent would remount the input and lose its focus.
  const shown = mono ? (
    <div className="address-input">
      {input}
      {cut && <MiddleEllipsis text={value.trim()} className="address-input-overlay" />}
    </div>
  ) : (
    input
  )
  return (
    <div className="batch-field">
      <label htmlFor={id}>{label}</label>
      {max ? (
        <div className="amount-row">
          {shown}
          <button
            type="button"
            disabled={max.text === undefined}
            aria-label={max.label}
            onClick={() => max.text !== undefined && onChange(max.text)}
          >
            Max
          </button>
        </div>
      ) : (
        shown
      )}
      {hint && (
        <div id={`${id}-hint`} className="field-hint">
          {hint}
        </div>
      )}
      {max?.note && (
        <p id={`${id}-max-note`} className="muted" data-testid="max-note">
          {max.note}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="error-text">
          {error}
        </p>
      )}
      {warning && (
        <p id={`${id}-warning`} className="warning-text">
          <Icon name="warning" /> {warning}
        </p>
      )}
    </div>
  )
}

export function TokenSelect(props: {
  id: string
  value: string
  tokens: readonly BatchToken[]
  error?: string
  onChange: (v: string) => void
}) {
  return (
    <div className="batch-field">
      <label htmlFor={props.id}>Token</label>
      <select
        id={props.id}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      >
        <option value="">Choose a token…</option>
        {props.tokens.map((t) => (
          <option key={t.address} value={t.address}>
            {t.symbol} ({t.address.slice(0, 6)}…{t.address.slice(-4)})
          </option>
        ))}
      </select>
      {props.error && (
        <p id={`${props.id}-error`} className="error-text">
          {props.error}
        </p>
      )}
    </div>
  )
}
