import type { BatchToken } from '../../core/batch/validate'
import { Icon } from '../../shared/ui/Icon'

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
  onChange: (value: string) => void
}

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
  onChange,
}: FieldProps) {
  const describedBy = [
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
      className={mono ? 'mono' : undefined}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy || undefined}
      onChange={(e) => onChange(e.target.value)}
    />
  )
  return (
    <div className="batch-field">
      <label htmlFor={id}>{label}</label>
      {max ? (
        <div className="amount-row">
          {input}
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
        input
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
