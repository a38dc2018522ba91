import type { Address } from 'viem'
import { nativeShortfall } from '../../core/fees/editor'
import type { FeePresetName, FeePresets, Fees } from '../../core/fees/presets'
import { type CustomFeeInput, checkCustomFees } from '../../core/fees/presets'
import { formatAmount } from '../../core/format/amount'
import type { TxRecord } from '../../core/tx/records/records'

export type FeeChoice = FeePresetName | 'custom'

/** What a custom fee must leave room for: its own gas cost plus the amount when sending the native currency. */
export type FeeBudget = {
  gasLimit: bigint
  nativeAmount: bigint
  nativeBalance: bigint | undefined
  native: { symbol: string; decimals: number }
}

/**
 * The fees of the chosen preset, or the validated custom ones. A custom fee the balance cannot pay is an error
 * at the max fee field, never a problem with the transfer itself.
 */
export function chosenFees(
  presets: FeePresets | undefined,
  choice: FeeChoice,
  custom: CustomFeeInput,
  budget?: FeeBudget,
): { fees?: Fees; error?: { field: keyof CustomFeeInput; message: string } } {
  if (!presets) return {}
  if (choice !== 'custom') return { fees: presets.presets[choice] }
  const checked = checkCustomFees(custom, presets.baseFee)
  if (!checked.ok) return { error: { field: checked.field, message: checked.message } }
  const short = budget && nativeShortfall({ ...budget, fees: checked.fees })
  if (budget && short) {
    const { symbol, decimals } = budget.native
    const show = (v: bigint) => `${formatAmount(v, decimals).display} ${symbol}`
    const message =
      short.balance === undefined
        ? `Your ${symbol} balance is not known yet, so this fee cannot be checked.`
        : `With this max fee the transaction can need up to ${show(short.needed)}${budget.nativeAmount > 0n ? ' (amount + gas)' : ' for gas'}, more than your balance of ${show(short.balance)}.`
    return { error: { field: 'maxFeeGwei', message } }
  }
  return { fees: checked.fees }
}

/** Addresses this account sent transfers to before (for the poisoning guard). */
export function previousRecipients(records: readonly TxRecord[], from: Address | undefined): Address[] {
  if (!from) return []
  const seen = new Set<string>()
  const out: Address[] = []
  for (const r of records) {
    if (r.kind !== 'transfer' || !r.to || r.from.toLowerCase() !== from.toLowerCase()) continue
    if (r.status === 'FAILED' || r.status === 'CANCELLED') continue
    const key = r.to.toLowerCase()
    if (!seen.has(key)) {
      seen.add(key)
      out.push(r.to)
    }
  }
  return out
}
