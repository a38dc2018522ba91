import { formatAmount } from '../format/amount'
import { allOf } from '../format/count'
import { gasWithHeadroom, plainTransferGas } from '../tx/send/prepare'
import type { BatchActionKind } from './actions'

/** Every transaction pays this intrinsic cost once; a batch pays it once instead of once per action. */
export const intrinsicGas = 21_000n

export type GasComparison = { batch: bigint; separate: bigint; saved: bigint }

/**
 * From each action's simulated gas (each simulated as its own transaction), the sum for separate sends and an
 * estimate for one atomic transaction (one intrinsic cost). The wallet's own delegation overhead is not known
 * in advance, so the batch figure is labelled an estimate in the UI.
 */
export function compareGas(perCallGas: readonly bigint[]): GasComparison {
  const separate = perCallGas.reduce((sum, g) => sum + g, 0n)
  const batch = perCallGas.length === 0 ? 0n : separate - intrinsicGas * BigInt(perCallGas.length - 1)
  return { batch, separate, saved: separate - batch }
}

/**
 * Gas a step is given before the batch is simulated (the review's simulation replaces it): a plain ETH
 * transfer as on Send, and generous figures for token and contract calls, whose cost only a simulation knows.
 */
export const gasBeforeSimulation: Record<BatchActionKind, bigint> = {
  'eth-transfer': plainTransferGas,
  'token-transfer': 100_000n,
  'token-approval': 100_000n,
  'contract-call': 300_000n,
}

/** The EIP-7702 authorization a wallet adds to delegate the account for an atomic batch (EIP-7702's figure). */
export const authorizationGas = 25_000n

/**
 * What the batch's gas can cost, kept back from the ETH balance. One by one: every step's gas limit as it is
 * sent (the estimate with headroom) at the max fee per gas the steps are sent with, a bound. Atomic: the wallet
 * sets the gas of its one transaction, so this is an estimate (`estimate: true`): the same figure plus one
 * authorization, more than the atomic batch's own estimate, never a bound Hush can hold the wallet to.
 */
export function batchGasReserve(
  path: 'atomic' | 'sequential',
  stepGas: readonly bigint[],
  maxFeePerGas: bigint,
): { amount: bigint; estimate: boolean } {
  const oneByOne = stepGas.reduce((sum, g) => sum + gasWithHeadroom(g), 0n)
  if (path === 'sequential') return { amount: oneByOne * maxFeePerGas, estimate: false }
  return { amount: (oneByOne + authorizationGas) * maxFeePerGas, estimate: true }
}

/** The sentence beside an ETH amount's Max: what it keeps back for gas, and whether that is a bound. */
export function gasReserveNote(
  reserve: { amount: bigint; estimate: boolean },
  native: { symbol: string; decimals: number },
  steps: number,
  simulated: boolean,
): string {
  const figure = `${formatAmount(reserve.amount, native.decimals).display} ${native.symbol}`
  const typical = simulated ? '' : ' (typical gas until the review simulates the batch)'
  return reserve.estimate
    ? `Max keeps back about ${figure} for gas${typical}: an estimate, since your wallet sets the gas of an atomic batch.`
    : `Max keeps back up to ${figure} for the gas of ${steps === 1 ? 'the one transaction' : allOf(steps, 'transactions')}${typical}.`
}
