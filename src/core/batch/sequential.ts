import { isFinal, type RecordStore, type TxRecord } from '../tx/records/records'
import { type AttemptReader, lookAtAttempt, type NextSend, nextSend } from '../tx/send/nextSend'
import type { PipelineResult } from '../tx/send/pipeline'
import { stepRecords } from './activity'

export type SequentialStop =
  | { completed: true }
  | { completed: false; index: number; reason: string; result?: PipelineResult; record?: TxRecord }

export type SequentialDeps = {
  /** What may be sent for step `index` right now: `decideStep`, which looks at the chain at this moment. */
  decide: (index: number) => Promise<NextSend>
  /** Sends step `index` through the pipeline: a new transaction, or its earlier attempt sent again. */
  send: (index: number, plan: 'fresh' | 'again') => Promise<PipelineResult>
  /** Resolves once the step's record is final; tracking (in the app shell) is what moves it there. */
  waitFinal: (recordId: string) => Promise<TxRecord>
  onStep?: (index: number, phase: 'sending' | 'sent' | 'done') => void
}

/**
 * What may be sent for one step of a one-by-one batch now: `nextSend` on its latest attempt, with what the
 * chain says about that attempt at this moment. Resume, the run and the Resume button share this one rule.
 */
export async function decideStep(
  store: RecordStore,
  reader: AttemptReader,
  batchId: string,
  index: number,
): Promise<NextSend> {
  const all = store.list()
  const batch = store.get(batchId)
  const attempt = batch ? stepRecords(batch, all)[index] : undefined
  return nextSend(attempt, all, attempt ? await lookAtAttempt(reader, attempt) : undefined)
}

/**
 * A one-by-one batch: each step through the pipeline, and the next only once the previous one is INCLUDED.
 * A step whose outcome is unknown (receipt reads failing, a time-out) stays tracked and the run waits for it:
 * it is never sent a second time. Each step is decided at the moment it comes up (`decide`): one included
 * already is skipped, one that may still be included stops the run. It stops at the first step that is stopped
 * at the gate, declined, not sent, reverted, failed or cancelled.
 */
export async function runSequentialSteps(
  count: number,
  startAt: number,
  deps: SequentialDeps,
): Promise<SequentialStop> {
  for (let i = startAt; i < count; i++) {
    let plan: NextSend
    try {
      plan = await deps.decide(i)
    } catch (error) {
      const why = error instanceof Error ? error.message.split('\n')[0] : String(error)
      return { completed: false, index: i, reason: `Could not read the chain, so nothing was sent: ${why}` }
    }
    // Included already (a step reported FAILED may be included after all): never paid twice.
    if (plan.kind === 'done') {
      deps.onStep?.(i, 'done')
      continue
    }
    if (plan.kind === 'wait' || plan.kind === 'no') return { completed: false, index: i, reason: plan.reason }
    deps.onStep?.(i, 'sending')
    const result = await deps.send(i, plan.kind)
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

function stopReason(record: TxRecord): string {
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
export function waitForFinal(store: RecordStore, id: string, signal?: AbortSignal): Promise<TxRecord> {
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
