import { type FeeHistory, formatGwei, type PublicClient, parseGwei } from 'viem'

export type FeePresetName = 'slow' | 'normal' | 'fast'
export type Fees = { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint }
export type FeePresets = { baseFee: bigint; presets: Record<FeePresetName, Fees> }

/** Reward percentiles asked of eth_feeHistory, in preset order. */
export const feePercentiles = [10, 50, 90] as const
export const feeHistoryBlocks = 10

/**
 * Protect does not include zero-tip transactions; on an idle chain every percentile is 0, so each preset has a
 * small floor (and each is at least the slower one).
 */
export const minimumTips: Record<FeePresetName, bigint> = {
  slow: parseGwei('0.01'),
  normal: parseGwei('0.05'),
  fast: parseGwei('0.1'),
}

function median(values: bigint[]): bigint {
  if (values.length === 0) return 0n
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return sorted[Math.floor(sorted.length / 2)] ?? 0n
}

/**
 * slow / normal / fast from the 10th / 50th / 90th reward percentiles over recent blocks (median per
 * percentile), with max fee = 2 × next base fee + tip so the fee survives six full blocks of base-fee rises.
 */
export function presetsFromFeeHistory(history: Pick<FeeHistory, 'baseFeePerGas' | 'reward'>): FeePresets {
  const baseFee = history.baseFeePerGas[history.baseFeePerGas.length - 1] ?? 0n
  const names: FeePresetName[] = ['slow', 'normal', 'fast']
  let floor = 1n
  const presets = {} as Record<FeePresetName, Fees>
  names.forEach((name, i) => {
    const rewards = (history.reward ?? []).map((r) => r[i] ?? 0n)
    let tip = median(rewards)
    if (tip < minimumTips[name]) tip = minimumTips[name]
    if (tip < floor) tip = floor
    floor = tip
    presets[name] = { maxPriorityFeePerGas: tip, maxFeePerGas: 2n * baseFee + tip }
  })
  return { baseFee, presets }
}

export async function fetchFeePresets(client: Pick<PublicClient, 'getFeeHistory'>): Promise<FeePresets> {
  const history = await client.getFeeHistory({
    blockCount: feeHistoryBlocks,
    rewardPercentiles: [...feePercentiles],
    blockTag: 'latest',
  })
  return presetsFromFeeHistory(history)
}

export type CustomFeeInput = { maxFeeGwei: string; priorityFeeGwei: string }
export type CustomFeeCheck =
  | { ok: true; fees: Fees }
  | { ok: false; field: 'maxFeeGwei' | 'priorityFeeGwei'; message: string }

const gweiPattern = /^\d+(\.\d{1,9})?$/

/** Validates a custom fee: positive tip (Protect drops zero tips), tip ≤ max fee, max fee ≥ current base fee. */
export function checkCustomFees(input: CustomFeeInput, baseFee: bigint): CustomFeeCheck {
  const max = input.maxFeeGwei.trim()
  const tip = input.priorityFeeGwei.trim()
  if (!gweiPattern.test(max))
    return { ok: false, field: 'maxFeeGwei', message: 'Enter gwei with at most 9 decimals.' }
  if (!gweiPattern.test(tip))
    return { ok: false, field: 'priorityFeeGwei', message: 'Enter gwei with at most 9 decimals.' }
  const fees = { maxFeePerGas: parseGwei(max), maxPriorityFeePerGas: parseGwei(tip) }
  if (fees.maxPriorityFeePerGas <= 0n)
    return { ok: false, field: 'priorityFeeGwei', message: 'Protect does not include zero-tip transactions.' }
  if (fees.maxPriorityFeePerGas > fees.maxFeePerGas)
    return { ok: false, field: 'priorityFeeGwei', message: 'The tip cannot exceed the max fee.' }
  if (fees.maxFeePerGas < baseFee)
    return {
      ok: false,
      field: 'maxFeeGwei',
      message: `Below the current base fee (${formatGwei(baseFee)} gwei): it would not be included.`,
    }
  return { ok: true, fees }
}

/** The most the transaction can cost: gas limit × max fee, plus the value it carries. */
export function maxTotalCost(gasLimit: bigint, fees: Fees, value = 0n): bigint {
  return gasLimit * fees.maxFeePerGas + value
}

const maxOf = (a: bigint, b: bigint) => (a > b ? a : b)

/** Fees for a replacement (speed-up / cancel): nodes require ≥ 10% more on both; we add 20% over max(old, now). */
export function bumpedFees(previous: Fees, current: Fees): Fees {
  const bump = (v: bigint) => (v * 120n) / 100n + 1n
  const maxPriorityFeePerGas = maxOf(bump(previous.maxPriorityFeePerGas), current.maxPriorityFeePerGas)
  const maxFeePerGas = maxOf(bump(previous.maxFeePerGas), current.maxFeePerGas)
  return { maxPriorityFeePerGas, maxFeePerGas: maxOf(maxFeePerGas, maxPriorityFeePerGas) }
}
