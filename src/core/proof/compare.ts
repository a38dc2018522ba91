import { type Difference, type Effects, maxEntries, type OutcomeCheck, type Preview } from './outcome'

type Actual = Effects & { success: boolean; fee: bigint }

/**
 * The preview against what happened: "as previewed" when every figure the preview showed is what the chain
 * did and nothing else moved; otherwise each difference, exactly. The fee is not a difference while it stays
 * within the previewed maximum (the preview shows a maximum, not a figure). Give it EVERY actual effect
 * (`allEffectsOf`), never the stored, bounded lists. A preview that kept only part of a list cannot say
 * whether an effect missing from it was previewed: such effects are counted as `unchecked`, and the verdict
 * is then "partly checked", never "as previewed".
 */
export function compareOutcome(
  preview: Preview | undefined,
  actual: Actual,
): Pick<OutcomeCheck, 'verdict' | 'differences' | 'moreDifferences' | 'unchecked'> {
  if (!preview) return { verdict: 'no-preview', differences: [] }
  const differences: Difference[] = []
  let unchecked = 0
  // A list the preview may have cut: full, with entries left out somewhere.
  const cut = (list: readonly unknown[]) => (preview.omitted ?? 0) > 0 && list.length >= maxEntries
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
      if (!p && cut(before)) {
        unchecked++
        continue
      }
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
  const kept = maxEntries * 2
  return {
    verdict: differences.length > 0 ? 'differs' : unchecked > 0 ? 'partly-checked' : 'as-previewed',
    differences: differences.slice(0, kept),
    ...(differences.length > kept ? { moreDifferences: differences.length - kept } : {}),
    ...(unchecked > 0 ? { unchecked } : {}),
  }
}
