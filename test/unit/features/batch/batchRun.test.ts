import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { recordStore } from '../../../../src/core/tx/records/records'
import {
  batchSender,
  currentRun,
  type RunContext,
  runSequential,
  setRun,
} from '../../../../src/features/batch/batchRun'
import { progressText } from '../../../../src/shared/tx/usePipeline'
import { memoryStorage } from '../../../support/builders/memoryStorage'
import {
  recipient,
  replacementReads,
  ScriptedReader,
  ScriptedWallet,
  sender,
  tab,
  until,
  withProgress,
} from '../../../support/builders/pipeline'

/**
 * A one-by-one batch driven through the real pipeline with a scripted wallet that holds each prompt: what the
 * Batch page shows while the wallet is asked, and once it has answered (the step then waits for inclusion).
 */
;(globalThis as { localStorage?: unknown }).localStorage = memoryStorage()
let wallet: ScriptedWallet
let ctx: RunContext
beforeEach(() => {
  wallet = new ScriptedWallet()
  wallet.hold = true
  const reader = Object.assign(new ScriptedReader(), {
    estimateGas: async () => 21_000n,
    ...replacementReads,
  })
  const pipeline = { ...tab(wallet, reader), store: recordStore() }
  ctx = {
    account: sender,
    chainId: 31337,
    deps: withProgress(pipeline),
    reader: reader as unknown as RunContext['reader'],
  }
})
afterEach(() => setRun(undefined))

/** What the page shows under the run's status line (useBatchRun: the batch sender's progress). */
const shownProgress = () => {
  const step = batchSender.get().progress
  return step ? progressText[step] : undefined
}

describe('a one-by-one batch run', () => {
  it('stops saying "Waiting for your wallet to confirm…" once the wallet answered (issue 21)', async () => {
    const steps = [
      { call: { to: recipient, value: 1n }, sentence: 'Send 1 wei' },
      { call: { to: recipient, value: 2n }, sentence: 'Send 2 wei' },
    ]
    // The fee the review showed bounds each step's fee (issue 22: no step uses an unseen fee).
    const reviewed = { maxFeePerGas: 10n ** 12n, maxPriorityFeePerGas: 10n ** 12n }
    const done = runSequential(ctx, steps, 'batch-1', 0, { consentToPublic: false }, undefined, reviewed)
    await until(() => wallet.waiting() === 1)
    expect(shownProgress()).toBe('Waiting for your wallet to confirm…')
    wallet.release()
    // Step 1 is sent and waits for inclusion (no tracker runs here): the wallet is not being asked.
    await until(() =>
      recordStore()
        .list()
        .some((r) => r.stepIndex === 0 && r.status === 'PENDING'),
    )
    expect(currentRun()?.running).toBe(true)
    expect(shownProgress()).toBeUndefined()
    // End the run: step 1 ends not sent, so the batch stops there.
    const step = recordStore()
      .list()
      .find((r) => r.stepIndex === 0)
    recordStore().update(step!.id, { status: 'NOT_SENT' })
    await done
    expect(currentRun()).toMatchObject({ running: false, stop: { index: 0 } })
  })
})
