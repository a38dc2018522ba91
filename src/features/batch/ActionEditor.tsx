import { actionKindLabels, type BatchAction } from '../../core/batch/actions'
import type { BatchToken, FieldMessages } from '../../core/batch/validate'
import { Icon } from '../../shared/ui/Icon'
import { Field, type FieldProps, TokenSelect } from './BatchFields'
import { ContractCallFields } from './ContractCallFields'

type Props = {
  action: BatchAction
  index: number
  count: number
  tokens: readonly BatchToken[]
  nativeSymbol: string
  errors: FieldMessages
  warnings: FieldMessages
  /** What the Max of an amount fills; undefined while the balance (or, for ETH, the gas to keep) is unknown. */
  maxText: string | undefined
  /** For an ETH amount: what its Max keeps back for gas. */
  maxNote?: string | undefined
  /** After "Review" every error shows; before, only errors of fields the user has typed in. */
  showAllErrors: boolean
  disabled: boolean
  onChange: (patch: Partial<BatchAction>) => void
  onMove: (delta: -1 | 1) => void
  onDuplicate: () => void
  onRemove: () => void
}

export function ActionEditor(props: Props) {
  const { action, index, count, disabled } = props
  const title = `${index + 1}. ${actionKindLabels[action.kind]}`
  return (
    <li className="batch-action" data-testid="batch-action">
      <fieldset disabled={disabled}>
        <legend>{title}</legend>
        <div className="batch-action-tools">
          <button
            type="button"
            className="small"
            onClick={() => props.onMove(-1)}
            disabled={index === 0}
            aria-label={`Move action ${index + 1} up`}
          >
            ↑ Up
          </button>
          <button
            type="button"
            className="small"
            onClick={() => props.onMove(1)}
            disabled={index === count - 1}
            aria-label={`Move action ${index + 1} down`}
          >
            ↓ Down
          </button>
          <button
            type="button"
            className="small"
            onClick={props.onDuplicate}
            aria-label={`Duplicate action ${index + 1}`}
          >
            Duplicate
          </button>
          <button
            type="button"
            className="small"
            onClick={props.onRemove}
            aria-label={`Remove action ${index + 1}`}
          >
            Remove
          </button>
        </div>
        <ActionFields {...props} onChange={(patch) => props.onChange(withTickReset(action, patch))} />
      </fieldset>
    </li>
  )
}

/** A contract call's approval tick confirms the call as it was: any other edit takes it back. */
function withTickReset(action: BatchAction, patch: Partial<BatchAction>): Partial<BatchAction> {
  if (action.kind !== 'contract-call' || 'approvalConfirmed' in patch || !action.approvalConfirmed)
    return patch
  return { ...patch, approvalConfirmed: false }
}

// Over 80 lines: the fields of every action kind, side by side, sharing the action's props.
function ActionFields(props: Props) {
  const { action, tokens, nativeSymbol, errors, warnings, showAllErrors, onChange } = props
  const field = (name: string, label: string, value: string, extra: Partial<FieldProps> = {}) => (
    <Field
      id={`${action.id}-${name}`}
      label={label}
      value={value}
      error={showAllErrors || value.trim() !== '' ? errors[name] : undefined}
      warning={name === 'to' ? (warnings.to ?? warnings.selfSend) : warnings[name]}
      onChange={(v) => onChange({ [name]: v } as Partial<BatchAction>)}
      {...extra}
    />
  )
  const tokenSelect = (value: string) => (
    <TokenSelect
      id={`${action.id}-token`}
      value={value}
      tokens={tokens}
      error={showAllErrors ? errors.token : undefined}
      onChange={(v) => onChange({ token: v })}
    />
  )
  const symbolOf = (token: string) =>
    tokens.find((t) => t.address.toLowerCase() === token.toLowerCase())?.symbol
  const amountLabel = (label: string, token: string) => {
    const symbol = symbolOf(token)
    return symbol ? `${label} (${symbol})` : label
  }
  switch (action.kind) {
    case 'eth-transfer':
      return (
        <>
          {field('to', 'Recipient address', action.to, { placeholder: '0x…', mono: true })}
          {field('amount', `Amount (${nativeSymbol})`, action.amount, {
            inputMode: 'decimal',
            placeholder: '0.0',
            max: {
              text: props.maxText,
              label: `Max: all the ${nativeSymbol} the other actions and the gas leave`,
              note: props.maxNote,
            },
          })}
        </>
      )
    case 'token-transfer':
      return (
        <>
          {tokenSelect(action.token)}
          {field('to', 'Recipient address', action.to, { placeholder: '0x…', mono: true })}
          {field('amount', amountLabel('Amount', action.token), action.amount, {
            inputMode: 'decimal',
            placeholder: '0.0',
            max: {
              text: props.maxText,
              // No "token" or "amount" in it: those words name the fields beside it.
              label: `Max: all the ${symbolOf(action.token) ?? ''} the other actions leave`.replace(
                '  ',
                ' ',
              ),
            },
          })}
        </>
      )
    case 'token-approval':
      return (
        <>
          {tokenSelect(action.token)}
          {field('spender', 'Spender address', action.spender, { placeholder: '0x…', mono: true })}
          <label className="batch-check">
            <input
              type="checkbox"
              checked={action.unlimited}
              onChange={(e) => onChange({ unlimited: e.target.checked, unlimitedConfirmed: false })}
            />
            Unlimited approval
          </label>
          {action.unlimited ? (
            <div className="batch-unlimited" role="alert">
              <p className="banner banner-warning">
                <Icon name="warning" /> An unlimited approval lets the spender take all of this token from
                your account, now and later, until you revoke it. Approve only the amount you need unless you
                trust the spender completely.
              </p>
              <label className="batch-check">
                <input
                  type="checkbox"
                  checked={action.unlimitedConfirmed}
                  aria-invalid={errors.unlimitedConfirmed && showAllErrors ? true : undefined}
                  aria-describedby={
                    errors.unlimitedConfirmed && showAllErrors
                      ? `${action.id}-unlimitedConfirmed-error`
                      : undefined
                  }
                  onChange={(e) => onChange({ unlimitedConfirmed: e.target.checked })}
                />
                I understand and want an unlimited approval
              </label>
              {errors.unlimitedConfirmed && showAllErrors && (
                <p id={`${action.id}-unlimitedConfirmed-error`} className="error-text">
                  {errors.unlimitedConfirmed}
                </p>
              )}
            </div>
          ) : (
            field('amount', amountLabel('Amount to approve', action.token), action.amount, {
              inputMode: 'decimal',
              placeholder: '0.0',
            })
          )}
        </>
      )
    case 'contract-call':
      return (
        <ContractCallFields
          action={action}
          field={field}
          errors={errors}
          showAllErrors={showAllErrors}
          onChange={onChange}
          nativeSymbol={nativeSymbol}
          warnings={warnings}
        />
      )
  }
}
