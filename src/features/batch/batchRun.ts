import type { Address, PublicClient } from 'viem'
import { newSequentialBatch, stepRecords } from '../../core/batch/activity'
import {
  decideStep,
  runSequentialSteps,
  type SequentialStop,
  waitForFinal,
} from '../../core/batch/sequential'
import { revertReason } from '../../core/batch/simulate'
import type { BatchCall } from '../../core/batch/validate'
import { type Fees, fetchFeePresets } from '../../core/fees/presets'
import { feeForUnseenUse } from '../../core/fees/unseen'
import { keepPreview } from '../../core/proof/onRecord'
import type { Preview } from '../../core/proof/outcome'
import { recordStore } from '../../core/tx/records/records'
import { followAtomicBatch, sendAtomicBatch } from '../../core/tx/send/batchPipeline'
import { type PipelineDeps, type PipelineResult, sendThroughPipeline } from '../../core/tx/send/pipeline'
import { gasWithHeadroom } from '../../core/tx/send/prepare'
import { rebuildOriginal, sendAgainIntent } from '../../core/tx/send/replace'
import { tabLocks } from '../../core/tx/send/tabLocks'
import { createSender, type DepsFor, type PublicConsent } from '../../shared/tx/sender'

export type FrozenStep = { call: BatchCall; sentence: string }

export type { PublicConsent } from '../../shared/tx/sender'

export type BatchRun = {
  path: 'atomic' | 'sequential'
  steps: FrozenStep[]
  /** The Activity record: the atomic batch itself, or the one-by-one batch's container. */
  recordId?: string
  running: boolean
  /** The pipeline's progress for the step being sent, until the wallet answers (useBatchRun adds it). */
  progress?: string | undefined
  /** The fee the review's gas figure was made from: a step's fee read later is bounded by it (core/fees/unseen.ts). */
  reviewedFees?: Fees
  /** Why the run stopped before the end (or the atomic request did not go out). */
  stop?: { index: number; reason: string; gate: boolean }
}

// The run outlives the page: leaving Batch mid-run and coming back shows it again, with its sender's progress.
export const batchSender = createSender()
let current: BatchRun | undefined
const listeners = new Set<() => void>()
export function setRun(next: BatchRun | undefined) {
  current = next
  for (const l of listeners) l()
}
const patchRun = (patch: Partial<BatchRun>) => current && setRun({ ...current, ...patch })
export const currentRun = () => current
export function subscribeRun(listener: () => void) {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

export const batchLockName = (id: string) => `hush.batch.${id}`

/** What a run sends with: the account, its chain, the pipeline's deps and the app's read endpoints. */
export type RunContext = {
  account: Address
  chainId: number
  /** The unknown EIP-7702 delegate the user ticked in the review (checked again by the pipeline). */
  acceptedDelegate?: Address | undefined
  deps: DepsFor
  reader: Pick<PublicClient, 'estimateGas' | 'getFeeHistory' | 'getTransaction'> & PipelineDeps['reader']
}

/** One pipeline call through the batch's sender, which shows its progress until the wallet answers. */
async function sendOne(
  ctx: RunContext,
  consent: PublicConsent,
  body: (pipeline: PipelineDeps) => Promise<PipelineResult>,
): Promise<PipelineResult> {
  const done = await batchSender.run(ctx.deps, 'batch', body, { consent })
  return done?.result ?? { kind: 'refused', message: done?.message ?? 'Another send is still running.' }
}

/** `preview`: what the review showed for the whole batch, kept on its record for the outcome check. */
export async function startAtomic(
  ctx: RunContext,
  steps: FrozenStep[],
  consent: PublicConsent,
  preview?: Preview,
) {
  if (current?.running) return
  setRun({ path: 'atomic', steps, running: true })
  let pipeline: PipelineDeps | undefined
  const result = await sendOne(ctx, consent, async (deps) => {
    pipeline = deps
    return await sendAtomicBatch(deps, {
      chainId: ctx.chainId,
      from: ctx.account,
      steps: steps.map((s) => ({ call: s.call, label: s.sentence })),
      ...consent,
      acceptedDelegate: ctx.acceptedDelegate,
    })
  })
  if (result.kind !== 'sent') {
    patchRun({
      running: false,
      ...('record' in result && result.record ? { recordId: result.record.id } : {}),
      stop: { index: 0, reason: result.message, gate: result.kind === 'gate' },
    })
    return
  }
  patchRun({ recordId: result.record.id })
  // Sent means the body ran, with these deps.
  if (pipeline) {
    keepPreview(pipeline.store, result.record.id, preview)
    await followAtomicBatch(pipeline.wallet, pipeline.store, result.record.id)
  }
  patchRun({ running: false })
}

/** A one-by-one batch from step `startAt`, each step decided again with the chain at that moment. */
export async function runSequential(
  ctx: RunContext,
  steps: FrozenStep[],
  batchId: string,
  startAt: number,
  consent: PublicConsent,
  preview?: Preview,
  reviewedFees?: Fees,
) {
  const store = recordStore()
  setRun({
    path: 'sequential',
    steps,
    recordId: batchId,
    running: true,
    ...(reviewedFees ? { reviewedFees } : {}),
  })
  let stop = { completed: true } as SequentialStop
  await tabLocks().run(batchLockName(batchId), async () => {
    if (!store.get(batchId))
      store.add(
        newSequentialBatch({
          id: batchId,
          chainId: ctx.chainId,
          from: ctx.account,
          steps,
          protected: !consent.consentToPublic,
          now: Date.now(),
        }),
      )
    if (preview) keepPreview(store, batchId, preview)
    stop = await runSequentialSteps(steps.length, startAt, {
      decide: (index) => decideStep(store, ctx.reader, batchId, index),
      send: (index, plan) =>
        sendOne(ctx, consent, (pipeline) => sendStep(ctx, pipeline, steps, batchId, index, plan, consent)),
      waitFinal: (id) => waitForFinal(store, id),
    })
  })
  // The tracker settles a container when its run's lock is free, and looks on a store change: give it one.
  store.reload()
  patchRun({
    running: false,
    stop: stop.completed
      ? undefined
      : { index: stop.index, reason: stop.reason, gate: stop.result?.kind === 'gate' },
  })
}

/** One step: gas estimated now (earlier steps are included by then), current fees; `plan` from decideStep. */
async function sendStep(
  ctx: RunContext,
  pipeline: PipelineDeps,
  steps: FrozenStep[],
  batchId: string,
  index: number,
  plan: 'fresh' | 'again',
  consent: PublicConsent,
): Promise<PipelineResult> {
  const step = steps[index]
  if (!step) return { kind: 'refused', message: 'No such step.' }
  const { account, chainId, reader, acceptedDelegate } = ctx
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
  const fee = feeForUnseenUse(await fetchFeePresets(reader), currentRun()?.reviewedFees)
  if (!fee.ok) return { kind: 'refused', message: `Step ${index + 1}: ${fee.message}` }
  const fees = fee.fees
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
