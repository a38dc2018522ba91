import { bumpedFees, type FeeCap, type FeePresets, type Fees } from './presets'

export type ReplacementAction = 'speed-up' | 'cancel'

/** What a cancel or speed-up will offer and can cost, shown and confirmed before the wallet is asked. */
export type ReplacementQuote = {
  action: ReplacementAction
  /** The original's fees, when known. */
  previous: Fees | undefined
  fees: Fees
  gas: bigint
  /** Value carried (0 for a cancel, and for a token transfer whose amount is in its data). */
  value: bigint
  /** gas × max fee + value: the most the replacement can take from the account. */
  maxCost: bigint
  baseFee: bigint
  cap: FeeCap
  /** The 20% bump a replacement needs over the original put it above the presets' cap. */
  aboveCap: boolean
}

export const cancelGas = 21_000n

/**
 * A speed-up offers at least the fast preset, a cancel at least the normal one, and each at least 20% above the
 * original (nodes want 10% more on both fees to accept a replacement).
 */
export function replacementQuote(
  action: ReplacementAction,
  original: { fees: Fees | undefined; gas: bigint; value: bigint },
  presets: FeePresets,
): ReplacementQuote {
  const current = action === 'speed-up' ? presets.presets.fast : presets.presets.normal
  const fees = bumpedFees(original.fees ?? current, current)
  const gas = action === 'cancel' ? cancelGas : original.gas
  const value = action === 'cancel' ? 0n : original.value
  return {
    action,
    previous: original.fees,
    fees,
    gas,
    value,
    maxCost: gas * fees.maxFeePerGas + value,
    baseFee: presets.baseFee,
    cap: presets.cap,
    aboveCap: fees.maxPriorityFeePerGas > presets.cap.tip || fees.maxFeePerGas > presets.cap.maxFee,
  }
}
