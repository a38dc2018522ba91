import type { Address } from 'viem'
import { newSequentialBatch, type RecordedStep, stepRecords } from '../../src/core/batch/activity'
import {
  decideStep,
  runSequentialSteps,
  type SequentialDeps,
  type SequentialStop,
  waitForFinal,
} from '../../src/core/batch/sequential'
import type { Fees } from '../../src/core/fees/presets'
import { keepPreview } from '../../src/core/proof/onRecord'
import type { Preview } from '../../src/core/proof/outcome'
import type { RecordStore } from '../../src/core/tx/records/records'
import type { AttemptReader } from '../../src/core/tx/send/nextSend'
import {
  type PipelineDeps,
  type PipelineResult,
  sendThroughPipeline,
  type TxIntent,
} from '../../src/core/tx/send/pipeline'
import { type RebuildSources, rebuildOriginal, sendAgainIntent } from '../../src/core/tx/send/replace'
import type { TabLocks } from '../../src/core/tx/send/tabLocks'

/** The cross-tab lock a one-by-one run holds (src/features/batch/batchRun.ts's name): the tracker reads it. */
export const batchLockName = (id: string) => `hush.batch.${id}`

export type OneByOneDeps = {
  store: RecordStore
  locks: TabLocks
  reader: AttemptReader & RebuildSources['reader']
  pipeline: () => Promise<PipelineDeps>
  /** Gas and fees for a step now (earlier steps are included by then), or why it would fail now. */
  prepare: (step: RecordedStep, index: number) => Promise<{ gas: bigint; fees: Fees } | string>
  now: () => number
  onStep?: SequentialDeps['onStep']
}

export type OneByOneRun = {
  batchId: string
  chainId: number
  from: Address
  steps: readonly RecordedStep[]
  consent: Pick<TxIntent, 'consentToPublic' | 'consentFor'>
  acceptedDelegate?: Address | undefined
  preview?: Preview | undefined
}

/**
 * The simulator's one-by-one run, wired to the core as src/features/batch/batchRun.ts wires it (that file is
 * React-free but reads the app's singletons): runs a one-by-one batch inside its lock: the container
 * record first, then each step decided with the chain at that moment (`decideStep`). Resume is a run from step
 * 1 again: an included step is skipped, one that may still be included stops it.
 */
export async function runOneByOne(
  deps: OneByOneDeps,
  run: OneByOneRun,
  startAt = 0,
): Promise<SequentialStop> {
  let stop: SequentialStop = { completed: true }
  await deps.locks.run(batchLockName(run.batchId), async () => {
    if (!deps.store.get(run.batchId))
      deps.store.add(
        newSequentialBatch({
          id: run.batchId,
          chainId: run.chainId,
          from: run.from,
          steps: run.steps,
          protected: !run.consent.consentToPublic,
          now: deps.now(),
        }),
      )
    if (run.preview) keepPreview(deps.store, run.batchId, run.preview)
    stop = await runSequentialSteps(run.steps.length, startAt, {
      decide: (index) => decideStep(deps.store, deps.reader, run.batchId, index),
      send: (index, plan) => sendStep(deps, run, index, plan),
      waitFinal: (id) => waitForFinal(deps.store, id),
      ...(deps.onStep ? { onStep: deps.onStep } : {}),
    })
  })
  // As batchRun.ts: the lock is free now, and the tracker looks at containers on a store change.
  deps.store.reload()
  return stop
}

/** One step through the pipeline: a new transaction, or (plan `again`) its earlier attempt sent again. */
async function sendStep(
  deps: OneByOneDeps,
  run: OneByOneRun,
  index: number,
  plan: 'fresh' | 'again',
): Promise<PipelineResult> {
  const step = run.steps[index]
  if (!step) return { kind: 'refused', message: 'No such step.' }
  const prepared = await deps.prepare(step, index)
  if (typeof prepared === 'string') return { kind: 'refused', message: prepared }
  const { gas, fees } = prepared
  const pipeline = await deps.pipeline()
  const batch = deps.store.get(run.batchId)
  const previous = batch ? stepRecords(batch, deps.store.list())[index] : undefined
  const base = { ...run.consent, acceptedDelegate: run.acceptedDelegate }
  if (plan === 'again' && previous) {
    const original = await rebuildOriginal({ reader: deps.reader, wallet: pipeline.wallet }, previous)
    if (typeof original === 'string') return { kind: 'refused', message: original }
    return await sendThroughPipeline(pipeline, {
      ...sendAgainIntent(previous, { ...original, gas }, fees, base),
      label: step.sentence,
    })
  }
  return await sendThroughPipeline(pipeline, {
    kind: 'call',
    chainId: run.chainId,
    from: run.from,
    call: step.call,
    gas,
    fees,
    label: step.sentence,
    batch: { id: run.batchId, index },
    ...base,
  })
}
