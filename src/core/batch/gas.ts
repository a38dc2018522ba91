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
