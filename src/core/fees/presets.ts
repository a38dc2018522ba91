import { type Client, type FeeHistory, formatGwei, type PublicClient, parseGwei } from 'viem'
import { getFeeHistory } from 'viem/actions'
import { MalformedResponseError } from '../errors/errors'
import { poolOf } from '../rpc/transport'
import { secondBaseFee } from './secondSource'

export type FeePresetName = 'slow' | 'normal' | 'fast'
export type Fees = { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint }
/** The most a preset offers: a tip of at most 2 × the base fee (never below 2 gwei), max fee 2 × base + that. */
export type FeeCap = { tip: bigint; maxFee: bigint }
export type FeePresets = {
  baseFee: bigint
  presets: Record<FeePresetName, Fees>
  cap: FeeCap
  /** Presets whose tip from fee history was above the cap, with the tip history asked for. */
  capped: Partial<Record<FeePresetName, bigint>>
  /**
   * The endpoint whose base fee agreed with the one these fees come from; absent when they rest on one endpoint
   * (one configured, or no second one answered): such fees must be shown to the user before use.
   */
  checkedBy?: string
}

/** Beyond any real chain's fee per gas (100,000 gwei): an answer this high is refused, never priced in. */
export const absurdFeePerGas = parseGwei('100000')
/** On a near-zero base fee (an idle chain, a devnet) the cap is still this much tip. */
export const tipCapFloor = parseGwei('2')
export const baseFeeMultiple = 2n

export function feeCap(baseFee: bigint): FeeCap {
  const byBase = baseFeeMultiple * baseFee
  const tip = byBase > tipCapFloor ? byBase : tipCapFloor
  return { tip, maxFee: 2n * baseFee + tip }
}

/**
 * eth_feeHistory as a chain could answer it: fees per gas between 0 and 100,000 gwei, gas used ratios between 0
 * and 1. Anything else is refused with a classified error ("gave an unusable answer"), never turned into fees.
 */
export function checkFeeHistory(
  history: Pick<FeeHistory, 'baseFeePerGas' | 'reward'> & { gasUsedRatio?: number[] },
): void {
  const refuse = (what: string) => {
    throw new MalformedResponseError(`eth_feeHistory answered ${what}`)
  }
  if (history.baseFeePerGas.length === 0) refuse('no base fee')
  for (const fee of history.baseFeePerGas)
    if (fee < 0n || fee > absurdFeePerGas) refuse(`a base fee of ${formatGwei(fee)} gwei`)
  for (const row of history.reward ?? [])
    for (const tip of row) if (tip < 0n || tip > absurdFeePerGas) refuse(`a tip of ${formatGwei(tip)} gwei`)
  for (const ratio of history.gasUsedRatio ?? [])
    if (!(ratio >= 0 && ratio <= 1)) refuse(`a gas used ratio of ${ratio}`)
}

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
 * A tip above the cap (a few outliers paying a fortune) is offered at the cap instead, and says so.
 */
export function presetsFromFeeHistory(
  history: Pick<FeeHistory, 'baseFeePerGas' | 'reward'> & { gasUsedRatio?: number[] },
): FeePresets {
  checkFeeHistory(history)
  const baseFee = history.baseFeePerGas[history.baseFeePerGas.length - 1] ?? 0n
  const cap = feeCap(baseFee)
  const names: FeePresetName[] = ['slow', 'normal', 'fast']
  let floor = 1n
  const presets = {} as Record<FeePresetName, Fees>
  const capped: FeePresets['capped'] = {}
  names.forEach((name, i) => {
    const rewards = (history.reward ?? []).map((r) => r[i] ?? 0n)
    let tip = median(rewards)
    if (tip < minimumTips[name]) tip = minimumTips[name]
    if (tip < floor) tip = floor
    if (tip > cap.tip) {
      capped[name] = tip
      tip = cap.tip
    }
    floor = tip
    presets[name] = { maxPriorityFeePerGas: tip, maxFeePerGas: 2n * baseFee + tip }
  })
  return { baseFee, presets, cap, capped }
}

/**
 * Presets from one endpoint's fee history, its base fee checked against a second endpoint where the pool has
 * one (see `secondBaseFee`): one lying or broken endpoint cannot price a transaction alone.
 */
export async function fetchFeePresets(client: Pick<PublicClient, 'getFeeHistory'>): Promise<FeePresets> {
  const args = {
    blockCount: feeHistoryBlocks,
    rewardPercentiles: [...feePercentiles],
    blockTag: 'latest' as const,
  }
  const pool = poolOf(client as unknown as Client)
  if (!pool || pool.endpoints().filter((e) => e.enabled).length < 2)
    return presetsFromFeeHistory(await client.getFeeHistory(args))
  const first = await pool.withEndpoint(async (s) =>
    presetsFromFeeHistory(await getFeeHistory(s.client, args)),
  )
  const checkedBy = await secondBaseFee(pool, { ...first, baseFee: first.value.baseFee })
  return checkedBy ? { ...first.value, checkedBy } : first.value
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
