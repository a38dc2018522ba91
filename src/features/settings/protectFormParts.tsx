import type { ReactNode } from 'react'
import type { useProtectSettingsForm } from './useProtectSettingsForm'

export type ProtectForm = ReturnType<typeof useProtectSettingsForm> & { id: string }

/**
 * The message line under a field. It is always there (empty when the field is fine) and keeps its height,
 * so an error appearing never pushes the rest of the form down.
 */
export function FieldMessage({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="field-message error-text">
      {children}
    </p>
  )
}

/** A checkbox whose words come first and whose raw Protect parameter is shown after them, smaller. */
export function Choice(props: {
  checked: boolean
  disabled?: boolean
  onChange?: (checked: boolean) => void
  label: ReactNode
  raw?: string
  detail?: ReactNode
  describedBy?: string
}) {
  return (
    <label className="protect-choice">
      <input
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        aria-describedby={props.describedBy}
        onChange={(e) => props.onChange?.(e.target.checked)}
      />
      <span>
        {props.label}
        {props.raw && (
          <>
            {' '}
            <code className="protect-raw">{props.raw}</code>
          </>
        )}
        {props.detail && <span className="protect-detail">{props.detail}</span>}
      </span>
    </label>
  )
}
