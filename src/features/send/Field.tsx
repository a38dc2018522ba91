import type { ReactNode } from 'react'
import { Icon } from '../../shared/ui/Icon'

/** A labelled form field whose error is tied to the control (aria-invalid + aria-describedby). */
export function Field(props: {
  id: string
  label: string
  error?: string | undefined
  hint?: ReactNode
  children: (aria: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode
}) {
  const errorId = `${props.id}-error`
  const hintId = `${props.id}-hint`
  const describedBy = [props.error ? errorId : undefined, props.hint ? hintId : undefined]
    .filter(Boolean)
    .join(' ')
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.children({
        id: props.id,
        'aria-invalid': Boolean(props.error),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      })}
      {props.hint && (
        <div id={hintId} className="field-hint">
          {props.hint}
        </div>
      )}
      {props.error && (
        <p id={errorId} className="field-error" data-testid={`${props.id}-error`}>
          <Icon name="cross" /> {props.error}
        </p>
      )}
    </div>
  )
}
