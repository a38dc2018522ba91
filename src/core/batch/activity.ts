import type { Address, Hex } from 'viem'
import type { ActivityRecord, PrivacyVerdict, TxStatus } from '../tx/records'
import type { StepState } from './execute'
import type { BatchCall } from './validate'

export type RecordedStep = { call: BatchCall; sentence: string }

/**
 * A batch as one Activity entry with its steps. The hash is set only once the batch is final, so the shared
 * single-transaction tracker (which follows open records that have a hash) leaves batches to this feature.
 */
export function newBatchRecord(params: {
  id: string
  chainId: number
  from: Address
  path: 'atomic' | 'sequential'
  steps: readonly RecordedStep[]
  privacy: PrivacyVerdict
  now: number
}): ActivityRecord {
  return {
    id: params.id,
    kind: 'batch',
    chainId: params.chainId,
    from: params.from,
    createdAt: params.now,
    protected: params.privacy !== 'unprotected',
    status: 'PENDING',
    privacy: params.privacy,
    detail: params.path === 'atomic' ? 'Atomic batch (all or nothing)' : 'Sequential batch: not atomic',
    path: params.path,
    steps: params.steps.map((s) => ({
      label: s.sentence,
      to: s.call.to,
      value: s.call.value.toString(),
      ...(s.call.data ? { data: s.call.data } : {}),
      result: 'waiting',
    })),
  }
}

/** Step results as the Activity entry stores them (`result`, `hash`, `error` beside each step). */
export function withStepStates(
  record: ActivityRecord,
  states: readonly (StepState | undefined)[],
): Partial<ActivityRecord> {
  return {
    steps: (record.steps ?? []).map((step, i) => {
      const state = states[i]
      if (!state) return step
      return {
        ...step,
        result: state.status,
        ...(state.hash ? { hash: state.hash } : {}),
        ...(state.error ? { error: state.error } : {}),
      }
    }),
  }
}

export function atomicFinal(
  record: ActivityRecord,
  outcome: { status: 'success' | 'failure' | 'pending'; statusCode: number; hash?: Hex; error?: string },
): Partial<ActivityRecord> {
  const status: TxStatus =
    outcome.status === 'success'
      ? 'INCLUDED'
      : outcome.statusCode >= 500
        ? 'REVERTED'
        : outcome.status === 'pending'
          ? 'UNKNOWN'
          : 'FAILED'
  const result = status === 'INCLUDED' ? 'success' : 'failed'
  return {
    status,
    ...(outcome.hash ? { hash: outcome.hash } : {}),
    ...(outcome.error ? { detail: outcome.error.slice(0, 500) } : {}),
    steps: (record.steps ?? []).map((s) => ({
      ...s,
      result,
      ...(outcome.hash ? { hash: outcome.hash } : {}),
    })),
  }
}

export function sequentialFinal(outcome: {
  completed: boolean
  failedIndex?: number
  stepCount: number
}): Partial<ActivityRecord> {
  if (outcome.completed)
    return { status: 'INCLUDED', detail: `Sequential batch: all ${outcome.stepCount} steps succeeded` }
  return {
    status: 'FAILED',
    detail: `Sequential batch stopped at step ${(outcome.failedIndex ?? 0) + 1} of ${outcome.stepCount}; later steps were not sent`,
  }
}
