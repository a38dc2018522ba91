import type { Address } from 'viem'
import type { Prices } from '../../core/prices/feeds'
import { isOwnAddress } from '../../core/validation/recipient'
import { BalanceLine } from '../../shared/ui/BalanceLine'
import { Field } from './Field'
import { PoisoningWarning } from './PoisoningWarning'
import { SelfSendWarning } from './SelfSendWarning'
import type { RecipientState } from './useRecipient'
import type { AssetBalance, SendAsset } from './useSendAssets'

type Props = {
  from: Address
  assets: SendAsset[]
  asset: SendAsset | undefined
  assetError: string | undefined
  onAsset: (key: string) => void
  balance: AssetBalance
  prices: Prices | undefined
  onRetryBalance: () => void
  recipientText: string
  onRecipient: (text: string) => void
  recipient: RecipientState
  amountText: string
  onAmount: (text: string) => void
  amountError: string | undefined
  maxText: string | undefined
  lookalike: string | undefined
  poisonConfirmed: boolean
  onPoisonConfirm: (ok: boolean) => void
  valid: boolean
  onReview: () => void
}

// Over 80 lines: the send form's fields (asset, recipient, amount) share the form's props and errors.
export function SendForm(p: Props) {
  const recipientError = p.recipient.kind === 'invalid' ? p.recipient.message : undefined
  return (
    <form
      className="send-form"
      aria-label="Transfer"
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        p.onReview()
      }}
    >
      <Field
        id="send-asset"
        label="Asset"
        error={p.assetError}
        hint={
          p.asset && (
            <BalanceLine
              asset={p.asset}
              balance={p.balance}
              prices={p.prices}
              onRetry={p.onRetryBalance}
              testId="send-balance"
            />
          )
        }
      >
        {(aria) => (
          <select {...aria} value={p.asset?.key ?? ''} onChange={(e) => p.onAsset(e.currentTarget.value)}>
            {!p.asset && <option value="">Choose an asset</option>}
            {p.assets.map((a) => (
              <option key={a.key} value={a.key}>
                {a.symbol} — {a.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="send-recipient"
        label="Recipient (address or ENS name)"
        error={recipientError}
        hint={
          p.recipient.kind === 'resolving' ? (
            <span role="status">Resolving {p.recipient.name} on Ethereum mainnet…</span>
          ) : p.recipient.kind === 'valid' && p.recipient.ensName ? (
            <span role="status" data-testid="ens-resolved">
              {p.recipient.ensName} → <code>{p.recipient.address}</code>
            </span>
          ) : undefined
        }
      >
        {(aria) => (
          <input
            {...aria}
            type="text"
            inputMode="text"
            autoComplete="off"
            spellCheck={false}
            placeholder="0x… or name.eth"
            value={p.recipientText}
            onChange={(e) => p.onRecipient(e.currentTarget.value)}
          />
        )}
      </Field>
      {p.recipient.kind === 'valid' && isOwnAddress(p.recipient.address, p.from) && <SelfSendWarning />}
      {p.lookalike && p.recipient.kind === 'valid' && (
        <PoisoningWarning
          recipient={p.recipient.address}
          previous={p.lookalike}
          confirmed={p.poisonConfirmed}
          onConfirm={p.onPoisonConfirm}
        />
      )}
      <Field id="send-amount" label={`Amount${p.asset ? ` (${p.asset.symbol})` : ''}`} error={p.amountError}>
        {(aria) => (
          <div className="amount-row">
            <input
              {...aria}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              placeholder="0.0"
              value={p.amountText}
              onChange={(e) => p.onAmount(e.currentTarget.value)}
            />
            <button
              type="button"
              disabled={p.maxText === undefined}
              onClick={() => p.maxText !== undefined && p.onAmount(p.maxText)}
              aria-label="Fill the maximum amount"
            >
              Max
            </button>
          </div>
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={!p.valid}>
          Review
        </button>
        {!p.valid && <span className="muted">Fill in every field correctly to review the transfer.</span>}
      </div>
    </form>
  )
}
