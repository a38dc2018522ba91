import { formatGwei } from 'viem'
import type { FeePresets, Fees } from './presets'

/**
 * The fee a step or a resend may use without showing it first (issue 22: no step or resend uses an unseen fee).
 * A preset read now is used only when a second endpoint confirmed its base fee (`checkedBy`), or when it is no
 * higher than a fee the user saw (`seen`: the review's fee, or the original's). Otherwise nothing goes out,
 * and the message says why with both figures.
 */
export function feeForUnseenUse(
  presets: FeePresets,
  seen: Fees | undefined,
): { ok: true; fees: Fees } | { ok: false; message: string } {
  const fees = presets.presets.normal
  if (presets.checkedBy) return { ok: true, fees }
  if (seen && withinSeen(fees, seen)) return { ok: true, fees }
  const now = `${formatGwei(fees.maxFeePerGas)} gwei`
  return {
    ok: false,
    message: seen
      ? `Nothing was sent: the fee now (${now} max) is above the one you saw (${formatGwei(seen.maxFeePerGas)} gwei max), and no second read endpoint confirms it.`
      : `Nothing was sent: the fee now (${now} max) comes from one read endpoint with no second one to confirm it, and it was not shown to you.`,
  }
}

function withinSeen(fees: Fees, seen: Fees): boolean {
  return fees.maxFeePerGas <= seen.maxFeePerGas && fees.maxPriorityFeePerGas <= seen.maxPriorityFeePerGas
}
