import type { BatchAction } from '../../core/batch/actions'
import { reviewCall } from '../../core/batch/review'
import type { useBatchChecks } from './useBatchChecks'
import type { FrozenStep } from './useBatchRun'

type BatchChecks = ReturnType<typeof useBatchChecks>

/**
 * What the review shows and counts, from the draft and its checks: the steps to send (each with its sentence),
 * each step's warnings in one line, and the problems that keep the review closed.
 */
export function reviewSummary(actions: BatchAction[], checks: BatchChecks, nativeSymbol: string) {
  const readyIndexes = actions.flatMap((_, j) => (checks.resolved[j]?.ok ? [j] : []))
  const steps: FrozenStep[] = checks.ready.map((r, i) => {
    const action = actions.filter((_, j) => checks.resolved[j]?.ok)[i]
    return {
      call: r.call,
      sentence: action ? reviewCall(action, r.call, r.token, nativeSymbol).sentence : '',
    }
  })
  const warnings = checks.ready.map((r, i) => {
    const j = readyIndexes[i]
    const action = j === undefined ? undefined : actions[j]
    const extra = j === undefined ? {} : (checks.approvalChecks[j]?.warnings ?? {})
    const all = [
      action ? reviewCall(action, r.call, r.token, nativeSymbol).warning : undefined,
      r.warnings.selfSend,
      r.warnings.approval,
      ...Object.values(extra),
    ].filter((w): w is string => Boolean(w))
    return all.length > 0 ? [...new Set(all)].join(' ') : undefined
  })
  const approvalProblems = checks.approvalChecks.filter((c) => Object.keys(c.errors).length > 0).length
  const balanceProblems = checks.balanceErrors.filter(
    (e, i) => checks.resolved[i]?.ok && Object.keys(e).length > 0,
  ).length
  const problems = checks.resolved.filter((r) => !r.ok).length + approvalProblems + balanceProblems
  // Address warnings (look-alikes) need the "checked every character" tick; approval and self-send warnings do not.
  const lookalikes = checks.resolved.filter((r) =>
    Object.keys(r.warnings).some((field) => field !== 'approval' && field !== 'selfSend'),
  ).length
  return { steps, warnings, approvalProblems, balanceProblems, problems, lookalikes }
}
