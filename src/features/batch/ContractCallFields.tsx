import type { ReactNode } from 'react'
import { parseFunctionFragment } from '../../core/batch/abiArgs'
import type { BatchAction } from '../../core/batch/actions'
import type { FieldMessages } from '../../core/batch/validate'
import { ApprovalConfirm } from './ApprovalConfirm'
import { Field, type FieldProps } from './BatchFields'

export function ContractCallFields(props: {
  action: Extract<BatchAction, { kind: 'contract-call' }>
  field: (name: string, label: string, value: string, extra?: Partial<FieldProps>) => ReactNode
  errors: FieldMessages
  showAllErrors: boolean
  nativeSymbol: string
  warnings: FieldMessages
  onChange: (patch: Partial<BatchAction>) => void
}) {
  const { action, field, errors, showAllErrors, onChange, warnings } = props
  const parsed = parseFunctionFragment(action.signature)
  const inputs = parsed.ok ? parsed.fn.inputs : []
  return (
    <>
      {field('to', 'Contract address', action.to, { placeholder: '0x…', mono: true })}
      {field('signature', 'Function (human-readable ABI)', action.signature, {
        placeholder: 'function deposit(uint256 amount)',
        mono: true,
      })}
      {inputs.map((input, i) => {
        const value = action.args[i] ?? ''
        const name = `arg.${i}`
        return (
          <Field
            key={`${input.name ?? ''}-${input.type}-${i.toString()}`}
            id={`${action.id}-arg-${i}`}
            label={`${input.name || `Argument ${i + 1}`} (${input.type})`}
            value={value}
            mono
            error={showAllErrors || value.trim() !== '' ? errors[name] : undefined}
            onChange={(v) => {
              const args = inputs.map((_, j) => action.args[j] ?? '')
              args[i] = v
              onChange({ args })
            }}
          />
        )
      })}
      {field('value', `${props.nativeSymbol} to send with the call (optional)`, action.value, {
        inputMode: 'decimal',
        placeholder: '0',
      })}
      {showAllErrors && parsed.ok && inputs.length === 0 && !errors.signature && (
        <p className="muted">This function takes no arguments.</p>
      )}
      <ApprovalConfirm
        id={action.id}
        warning={warnings.approval}
        error={errors.approvalConfirmed}
        showError={showAllErrors}
        confirmed={action.approvalConfirmed ?? false}
        needsTick={errors.approvalConfirmed !== undefined}
        onConfirm={(approvalConfirmed) => onChange({ approvalConfirmed })}
      />
    </>
  )
}
