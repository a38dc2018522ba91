import { useSyncExternalStore } from 'react'
import type { Address } from 'viem'
import { newSequentialBatch, stepRecords } from '../../core/batch/activity'
import {
  decideStep,
  runSequentialSteps,
  type SequentialStop,
  waitForFinal,
} from '../../core/batch/sequential'
import { revertReason } from '../../core/batch/simulate'
import type { BatchCall } from '../../core/batch/validate'
import { fetchFeePresets } from '../../core/fees/presets'
import { keepPreview } from '../../core/proof/onRecord'
import type { Preview } from '../../core/proof/outcome'
import { newRecordId, recordStore } from '../../core/tx/records/records'
import { followAtomicBatch, sendAtomicBatch } from '../../core/tx/send/batchPipeline'
import {
  type PipelineDeps,
  type PipelineProgress,
  type PipelineResult,
  sendThroughPipeline,
  type TxIntent,
} from '../../core/tx/send/pipeline'
import { gasWithHeadroom } from '../../core/tx/send/prepare'
import { rebuildOriginal, sendAgainIntent } from '../../core/tx/send/replace'
import { tabLocks } from '../../core/tx/send/tabLocks'
import { progressText, usePipeline } from '../../shared/tx/usePipeline'

export type FrozenStep = { call: BatchCall; sentence: string }

/** The "send without protection" choice and the protection state it was given in (usePublicConsent). */
export type PublicConsent = Pick<TxIntent, 'consentToPublic' | 'consentFor'>

export type BatchRun = {
  path: 'atomic' | 'sequential'
  steps: FrozenStep[]
  /** The Activity record: the atomic batch itself, or the one-by-one batch's container. */
  recordId?: string
  running: boolean
  progress?: string
  /** Why the run stopped before the end (or the atomic request did not go out). */
  stop?: { index: number; reason: string; gate: boolean }
}

// The run outlives the page: leaving Batch mid-run and coming back shows it again.
let current: BatchRun | undefined
const listeners = new Set<() => void>()
function setRun(next: BatchRun | undefined) {
  current = next
  for (const l of listeners) l()
}
const patchRun = (patch: Partial<BatchRun>) => current && setRun({ ...current, ...patch })

export const batchLockName = (id: string) => `hush.batch.${id}`

/** Sends a frozen copy of the batch (later edits do not change what is running) through the pipeline. */
export function useBatchRun(params: {
  account: Address | undefined
  chainId: number | undefined
  /** The unknown EIP-7702 delegate the user ticked in the review (checked again by the pipeline). */
  acceptedDelegate?: Address | undefined
}) {
  const { account, chainId, acceptedDelegate } = params
  const { ready, deps, reader } = usePipeline(chainId)
  const run = useSyncExternalStore(
    (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    () => current,
  )
  const onProgress = (p: PipelineProgress) => patchRun({ progress: progressText[p] })

  /** `preview`: what the review showed for the whole batch, kept on its record for the outcome check. */
  const startAtomic = async (steps: FrozenStep[], consent: PublicConsent, preview?: Preview) => {
    if (!account || !chainId || current?.running) return
    setRun({ path: 'atomic', steps, running: true })
    const pipeline = await deps(onProgress)
    const result = await sendAtomicBatch(pipeline, {
      chainId,
      from: account,
      steps: steps.map((s) => ({ call: s.call, label: s.sentence })),
      ...consent,
      acceptedDelegate,
    })
    if (result.kind !== 'sent') {
      patchRun({
        running: false,
        progress: undefined,
        ...('record' in result && result.record ? { recordId: result.record.id } : {}),
        stop: { index: 0, reason: result.message, gate: result.kind === 'gate' },
      })
      return
    }
    keepPreview(pipeline.store, result.record.id, preview)
    patchRun({ recordId: result.record.id, progress: undefined })
    await followAtomicBatch(pipeline.wallet, pipeline.store, result.record.id)
    patchRun({ running: false })
  }

  const runSequential = async (
    steps: FrozenStep[],
    batchId: string,
    startAt: number,
    consent: PublicConsent,
    preview?: Preview,
  ) => {
    if (!account || !chainId || !reader) return
    const store = recordStore()
    setRun({ path: 'sequential', steps, recordId: batchId, running: true })
    let stop = { completed: true } as SequentialStop
    await tabLocks().run(batchLockName(batchId), async () => {
      if (!store.get(batchId))
        store.add(
          newSequentialBatch({
            id: batchId,
            chainId,
            from: account,
            steps,
            protected: !consent.consentToPublic,
            now: Date.now(),
          }),
        )
      if (preview) keepPreview(store, batchId, preview)
      stop = await runSequentialSteps(steps.length, startAt, {
        decide: (index) => decideStep(store, reader, batchId, index),
        send: async (index, plan) => sendStep(await deps(onProgress), steps, batchId, index, plan, consent),
        waitFinal: (id) => waitForFinal(store, id),
        onStep: (_, phase) => patchRun({ progress: phase === 'sending' ? undefined : current?.progress }),
      })
    })
    patchRun({
      running: false,
      progress: undefined,
      stop: stop.completed
        ? undefined
        : { index: stop.index, reason: stop.reason, gate: stop.result?.kind === 'gate' },
    })
  }

  /** One step: gas estimated now (earlier steps are included by then), current fees; `plan` from decideStep. */
  async function sendStep(
    pipeline: PipelineDeps,
    steps: FrozenStep[],
    batchId: string,
    index: number,
    plan: 'fresh' | 'again',
    consent: PublicConsent,
  ): Promise<PipelineResult> {
    const step = steps[index]
    if (!step || !account || !chainId || !reader) return { kind: 'refused', message: 'No such step.' }
    const { call, sentence } = step
    let gas: bigint
    try {
      gas = gasWithHeadroom(
        await reader.estimateGas({ account, to: call.to, value: call.value, data: call.data }),
      )
    } catch (error) {
      return {
        kind: 'refused',
        message: `Step ${index + 1} would fail now: ${revertReason(error)}. Nothing was sent.`,
      }
    }
    const fees = (await fetchFeePresets(reader)).presets.normal
    const batch = recordStore().get(batchId)
    const previous = batch ? stepRecords(batch, recordStore().list())[index] : undefined
    if (plan === 'again' && previous) {
      const original = await rebuildOriginal({ reader, wallet: pipeline.wallet }, previous)
      if (typeof original === 'string') return { kind: 'refused', message: original }
      return await sendThroughPipeline(pipeline, {
        ...sendAgainIntent(previous, { ...original, gas }, fees, { ...consent, acceptedDelegate }),
        label: sentence,
      })
    }
    return await sendThroughPipeline(pipeline, {
      kind: 'call',
      chainId,
      from: account,
      call,
      gas,
      fees,
      label: sentence,
      batch: { id: batchId, index },
      ...consent,
      acceptedDelegate,
    })
  }

  return {
    run,
    canSend: Boolean(ready && account),
    startAtomic,
    startSequential: (steps: FrozenStep[], consent: PublicConsent, preview?: Preview) =>
      runSequential(steps, newRecordId(), 0, consent, preview),
    resume: (consent: PublicConsent) => {
      if (current?.path !== 'sequential' || current.running || !current.recordId || !current.stop) return
      // From the first step: each is decided again with the chain at this click (an included one is skipped).
      void runSequential(current.steps, current.recordId, 0, consent)
    },
    reset: () => setRun(undefined),
  }
}
