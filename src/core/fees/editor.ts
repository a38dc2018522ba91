import { formatGwei } from 'viem'
import type { CustomFeeInput, Fees } from './presets'

/** The custom fields filled with a preset's exact values (formatGwei is exact: at most 9 decimals). */
export function customInputFrom(fees: Fees): CustomFeeInput {
  return { maxFeeGwei: formatGwei(fees.maxFeePerGas), priorityFeeGwei: formatGwei(fees.maxPriorityFeePerGas) }
}

/** "Far above the fast preset": more than this many times its max fee or its tip (the tip is always paid). */
export const overpayFactor = 2n

export type Overpay = {
  /** Gas limit × the custom max fee: the most this fee can cost. */
  maxGasCost: bigint
  /** Gas limit × the fast preset's max fee. */
  fastMaxGasCost: bigint
}

/** A warning for a custom fee far above the fast preset, with both costs for this gas limit; else undefined. */
export function overpay(custom: Fees, fast: Fees, gasLimit: bigint): Overpay | undefined {
  const far =
    custom.maxFeePerGas > fast.maxFeePerGas * overpayFactor ||
    custom.maxPriorityFeePerGas > fast.maxPriorityFeePerGas * overpayFactor
  if (!far) return undefined
  return { maxGasCost: gasLimit * custom.maxFeePerGas, fastMaxGasCost: gasLimit * fast.maxFeePerGas }
}

/**
 * What the transaction needs of the native balance at most (gas limit × max fee, plus the amount when it is the
 * native currency), and whether the balance covers it. An unknown balance is not "enough".
 */
export function nativeShortfall(input: {
  gasLimit: bigint
  fees: Fees
  nativeAmount: bigint
  nativeBalance: bigint | undefined
}): { needed: bigint; balance: bigint | undefined } | undefined {
  const needed = input.gasLimit * input.fees.maxFeePerGas + input.nativeAmount
  if (input.nativeBalance !== undefined && needed <= input.nativeBalance) return undefined
  return { needed, balance: input.nativeBalance }
}
