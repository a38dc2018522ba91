import { type ActivityRecord, type ActivityStore, isFinal } from '../tx/records/records'
import type { PipelineResult } from '../tx/send/pipeline'

export type SequentialStop =
  | { completed: true }
  | { completed: false; index: number; reason: string; result?: PipelineResult; record?: ActivityRecord }

export type SequentialDeps = {
  /** Sends step `index` through the pipeline (a fresh send, or a resend of its earlier attempt). */
  send: (index: number) => Promise<PipelineResult>
  /** Resolves once the step's record is final; tracking (in the app shell) is what moves it there. */
  waitFinal: (recordId: string) => Promise<ActivityRecord>
  onStep?: (index: number, phase: 'sending' | 'sent' | 'done') => void
}

/**
 * A one-by-one batch: each step through the pipeline, and the next only once the previous one is INCLUDED.
 * A step whose outcome is unknown (receipt reads failing, a time-out) stays tracked and the run waits for it:
 * it is never sent a second time. It stops at the first step that is stopped at the gate, declined, not sent,
 * reverted, failed or cancelled.
 */
export async function runSequentialSteps(
  count: number,
  startAt: number,
  deps: SequentialDeps,
): Promise<SequentialStop> {
  for (let i = startAt; i < count; i++) {
    deps.onStep?.(i, 'sending')
    const result = await deps.send(i)
    if (result.kind !== 'sent')
      return {
        completed: false,
        index: i,
        reason: result.message,
        result,
        ...('record' in result && result.record ? { record: result.record } : {}),
      }
    deps.onStep?.(i, 'sent')
    const final = await deps.waitFinal(result.record.id)
    deps.onStep?.(i, 'done')
    if (final.status !== 'INCLUDED')
      return { completed: false, index: i, reason: stopReason(final), result, record: final }
  }
  return { completed: true }
}

function stopReason(record: ActivityRecord): string {
  switch (record.status) {
    case 'REVERTED':
      return 'The transaction was included but reverted.'
    case 'FAILED':
      return record.detail ?? 'Protect did not include it within its block window.'
    case 'CANCELLED':
      return 'It was cancelled.'
    case 'REPLACED':
      return 'Another transaction with the same nonce was included instead.'
    case 'NOT_SENT':
      return record.detail ?? 'It was not sent.'
    default:
      return record.detail ?? `It ended as ${record.status}.`
  }
}

/** Resolves when the record reaches a final status (watching the shared store, which tracking updates). */
export function waitForFinal(
  store: ActivityStore,
  id: string,
  signal?: AbortSignal,
): Promise<ActivityRecord> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const record = store.get(id)
      if (record && isFinal(record.status)) {
        off()
        resolve(record)
        return true
      }
      return false
    }
    const off = store.subscribe(() => void check())
    signal?.addEventListener('abort', () => {
      off()
      reject(signal.reason)
    })
    check()
  })
}
