import type { ReactNode } from 'react'
import { actionKindLabels, type BatchAction, type BatchActionKind } from '../../core/batch/actions'
import type { BatchToken, FieldMessages } from '../../core/batch/validate'
import { ActionMenu } from '../../shared/ui/ActionMenu'
import { Icon } from '../../shared/ui/Icon'
import { Field, type FieldProps, TokenSelect } from './BatchFields'
import { ContractCallFields } from './ContractCallFields'
import type { EnsField } from './useBatchEns'

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
  /** The balance line under the amount of a transfer (as on Send); undefined: no line (no wallet, no token). */
  balance?: ReactNode
  /** Address fields holding an ENS name: resolving, resolved or why not. */
  ens?: Partial<Record<'to' | 'spender', EnsField>> | undefined
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
          <ActionMenu
            label={`Actions for action ${index + 1}`}
            items={[
              { label: 'Move up', onSelect: () => props.onMove(-1), disabled: index === 0 },
              { label: 'Move down', onSelect: () => props.onMove(1), disabled: index === count - 1 },
              { label: 'Duplicate', onSelect: props.onDuplicate },
              { label: 'Remove', onSelect: props.onRemove },
            ]}
          />
        </div>
        <ActionFields {...props} onChange={(patch) => props.onChange(withTickReset(action, patch))} />
      </fieldset>
    </li>
  )
}

const addressField: Partial<FieldProps> = { placeholder: '0x… or name.eth', mono: true }

/** What Send shows under its recipient: the name's address once resolved, or that it is being resolved. */
function EnsHint({ ens }: { ens: EnsField }) {
  if (ens.kind === 'resolving') return <span role="status">Resolving {ens.name} on Ethereum mainnet…</span>
  if (ens.kind === 'problem') return null
  return (
    <span role="status" data-testid="ens-resolved">
      {ens.name} → <code>{ens.address}</code>
    </span>
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
  const field = (name: string, label: string, value: string, extra: Partial<FieldProps> = {}) => {
    const ens = props.ens?.[name as 'to' | 'spender']
    const error = ens?.kind === 'problem' ? ens.message : ens?.kind === 'resolving' ? undefined : errors[name]
    return (
      <Field
        id={`${action.id}-${name}`}
        label={label}
        value={value}
        error={showAllErrors || value.trim() !== '' ? error : undefined}
        warning={name === 'to' ? (warnings.to ?? warnings.selfSend) : warnings[name]}
        hint={ens ? <EnsHint ens={ens} /> : name === 'amount' ? props.balance : undefined}
        onChange={(v) => onChange({ [name]: v } as Partial<BatchAction>)}
        {...extra}
      />
    )
  }
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
          {field('to', 'Recipient address or ENS name', action.to, addressField)}
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
          {field('to', 'Recipient address or ENS name', action.to, addressField)}
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
          {field('spender', 'Spender address or ENS name', action.spender, addressField)}
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

const kinds: BatchActionKind[] = ['eth-transfer', 'token-transfer', 'token-approval', 'contract-call']

export function AddActionButtons({
  disabled,
  onAdd,
}: {
  disabled: boolean
  onAdd: (kind: BatchActionKind) => void
}) {
  return (
    <fieldset className="batch-add">
      <legend className="visually-hidden">Add an action</legend>
      {kinds.map((kind) => (
        <button key={kind} type="button" disabled={disabled} onClick={() => onAdd(kind)}>
          + {actionKindLabels[kind]}
        </button>
      ))}
    </fieldset>
  )
}
