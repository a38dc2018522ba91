import type { Address } from 'viem'
import type { FeePresetName, FeePresets, Fees } from '../../core/fees/presets'
import { type CustomFeeInput, checkCustomFees } from '../../core/fees/presets'
import type { ActivityRecord } from '../../core/tx/records'

export type FeeChoice = FeePresetName | 'custom'

/** The fees of the chosen preset, or the validated custom ones. */
export function chosenFees(
  presets: FeePresets | undefined,
  choice: FeeChoice,
  custom: CustomFeeInput,
): { fees?: Fees; error?: { field: keyof CustomFeeInput; message: string } } {
  if (!presets) return {}
  if (choice !== 'custom') return { fees: presets.presets[choice] }
  const checked = checkCustomFees(custom, presets.baseFee)
  return checked.ok ? { fees: checked.fees } : { error: { field: checked.field, message: checked.message } }
}

/** Addresses this account sent transfers to before (for the poisoning guard). */
export function previousRecipients(records: readonly ActivityRecord[], from: Address | undefined): Address[] {
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

/** Gas kept for an ETH transfer before the recipient is known: a plain transfer to an account. */
export const plainTransferGas = 21_000n

/** A little headroom over the estimate for contract calls (state can change before inclusion). */
export function gasWithHeadroom(estimate: bigint): bigint {
  return estimate <= plainTransferGas ? estimate : (estimate * 120n) / 100n
}
