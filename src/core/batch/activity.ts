import type { Address } from 'viem'
import { allOf } from '../format/count'
import { applyEvent } from '../tx/records/lifecycle'
import { isFinal, type RecordStore, storedCall, type TxRecord } from '../tx/records/records'
import { nextSend } from '../tx/send/nextSend'
import type { BatchCall } from './validate'

export type RecordedStep = { call: BatchCall; sentence: string }

/**
 * A one-by-one batch in Activity: a container record with the planned steps, and one record per step sent
 * (kind `call`, linked by `batchId` + `stepIndex`), which the shell tracks exactly like a single send. The
 * container holds no nonce and no hash; its status follows its steps (`batchState`).
 */
export function newSequentialBatch(params: {
  id: string
  chainId: number
  from: Address
  steps: readonly RecordedStep[]
  protected: boolean
  now: number
}): TxRecord {
  return {
    id: params.id,
    kind: 'batch',
    chainId: params.chainId,
    from: params.from,
    createdAt: params.now,
    protected: params.protected,
    status: 'PENDING',
    privacy: params.protected ? 'checking' : 'unprotected',
    detail: `One by one: step 1 of ${params.steps.length}`,
    path: 'sequential',
    steps: params.steps.map((s) => ({ label: s.sentence, ...storedCall(s.call) })),
  }
}

/** The latest attempt of each step (a resumed step has a newer record for the same index). */
export function stepRecords(batch: TxRecord, all: readonly TxRecord[]): (TxRecord | undefined)[] {
  const latest: (TxRecord | undefined)[] = (batch.steps ?? []).map(() => undefined)
  for (const r of all) {
    if (r.batchId !== batch.id || r.stepIndex === undefined || r.stepIndex >= latest.length) continue
    const current = latest[r.stepIndex]
    if (!current || r.createdAt > current.createdAt) latest[r.stepIndex] = r
  }
  return latest
}

/**
 * What a one-by-one batch's container says, from its steps: INCLUDED when every step is; PENDING while a step
 * is open or the run is alive; otherwise stopped (FAILED) at the first step that did not succeed.
 */
export function batchState(
  steps: readonly (TxRecord | undefined)[],
  runAlive: boolean,
): Pick<TxRecord, 'status' | 'detail'> {
  const n = steps.length
  const included = steps.filter((s) => s?.status === 'INCLUDED').length
  if (n > 0 && included === n)
    return { status: 'INCLUDED', detail: `One by one: ${allOf(n, 'steps')} included` }
  const open = steps.findIndex((s) => s !== undefined && !isFinal(s.status))
  if (open >= 0) return { status: 'PENDING', detail: `One by one: step ${open + 1} of ${n}` }
  const stopped = steps.findIndex((s) => s?.status !== 'INCLUDED')
  if (runAlive) return { status: 'PENDING', detail: `One by one: step ${stopped + 1} of ${n}` }
  const step = steps[stopped]
  const why = step ? ` (${step.status === 'NOT_SENT' ? 'not sent' : step.status.toLowerCase()})` : ''
  return {
    status: 'FAILED',
    detail: `One by one: stopped at step ${stopped + 1} of ${n}${why}; ${included} included, the rest not sent. You can resume it.`,
  }
}

/**
 * The step a stopped batch resumes from (the first not done by `nextSend`, the rule the run applies again with
 * the chain at the click), or undefined when none can be resumed safely right now.
 */
export function resumableStep(
  steps: readonly (TxRecord | undefined)[],
  all: readonly TxRecord[] = [],
): number | undefined {
  for (const [index, step] of steps.entries()) {
    const next = nextSend(step, all)
    if (next.kind === 'done') continue
    return next.kind === 'fresh' || next.kind === 'again' ? index : undefined
  }
  return undefined
}

/**
 * Brings every one-by-one batch container in line with its steps (after a reload, a run that is gone leaves
 * its container "stopped", not pending for ever). `runAlive` says whether a tab is still running it.
 */
export async function syncBatchContainers(
  store: RecordStore,
  runAlive: (batchId: string) => Promise<boolean>,
): Promise<void> {
  const all = store.list()
  for (const batch of all) {
    if (batch.kind !== 'batch' || batch.path !== 'sequential' || batch.status === 'INCLUDED') continue
    const steps = stepRecords(batch, all)
    const next = batchState(steps, await runAlive(batch.id).catch(() => true))
    const current = store.get(batch.id)
    if (current && (current.status !== next.status || current.detail !== next.detail))
      applyEvent(store, batch.id, { kind: 'steps', ...next })
  }
}
