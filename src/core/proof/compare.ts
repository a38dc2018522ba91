import type { Difference, Effects, OutcomeCheck, Preview } from './outcome'

type Actual = Effects & { success: boolean; fee: bigint }

/**
 * The preview against what happened: "as previewed" when every figure the preview showed is what the chain
 * did and nothing else moved; otherwise each difference, exactly. The fee is not a difference while it stays
 * within the previewed maximum (the preview shows a maximum, not a figure).
 */
export function compareOutcome(
  preview: Preview | undefined,
  actual: Actual,
): Pick<OutcomeCheck, 'verdict' | 'differences'> {
  if (!preview) return { verdict: 'no-preview', differences: [] }
  const differences: Difference[] = []
  if (preview.ok !== actual.success)
    differences.push({
      kind: 'status',
      previewed: preview.ok ? 'success' : 'failure',
      actual: actual.success ? 'success' : 'failure',
    })

  const diffBy = <T>(
    kind: Difference['kind'],
    before: readonly T[],
    after: readonly T[],
    keyOf: (e: T) => string,
    amountOf: (e: T) => string,
    label: (e: T) => Pick<Difference, 'asset' | 'who'>,
  ) => {
    const keys = new Map<string, T>()
    for (const e of [...before, ...after]) if (!keys.has(keyOf(e))) keys.set(keyOf(e), e)
    for (const [key, sample] of keys) {
      const p = before.find((e) => keyOf(e) === key)
      const a = after.find((e) => keyOf(e) === key)
      const pv = p ? amountOf(p) : undefined
      const av = a ? amountOf(a) : undefined
      if (pv === av) continue
      differences.push({
        kind,
        ...label(sample),
        ...(pv !== undefined ? { previewed: pv } : {}),
        ...(av !== undefined ? { actual: av } : {}),
      })
    }
  }
  const lower = (s: string) => s.toLowerCase()
  diffBy(
    'sender',
    preview.sender,
    actual.sender,
    (e) => lower(e.asset),
    (e) => e.amount,
    (e) => ({ asset: e.asset }),
  )
  diffBy(
    'receives',
    preview.receives,
    actual.receives,
    (e) => `${lower(e.to)} ${lower(e.asset)}`,
    (e) => e.amount,
    (e) => ({ asset: e.asset, who: e.to }),
  )
  diffBy(
    'approval',
    preview.approvals,
    actual.approvals,
    (e) => `${lower(e.token)} ${lower(e.spender)}`,
    (e) => e.amount,
    (e) => ({ asset: e.token, who: e.spender }),
  )
  if (preview.maxGasFee !== undefined && actual.fee > BigInt(preview.maxGasFee))
    differences.push({ kind: 'fee', previewed: preview.maxGasFee, actual: actual.fee.toString() })
  return { verdict: differences.length === 0 ? 'as-previewed' : 'differs', differences }
}
