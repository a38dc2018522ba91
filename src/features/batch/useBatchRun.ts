import { useSyncExternalStore } from 'react'
import type { Address } from 'viem'
import type { Fees } from '../../core/fees/presets'
import type { Preview } from '../../core/proof/outcome'
import { newRecordId } from '../../core/tx/records/records'
import { useSender } from '../../shared/tx/useSender'
import {
  batchSender,
  currentRun,
  type FrozenStep,
  type PublicConsent,
  type RunContext,
  runSequential,
  setRun,
  startAtomic,
  subscribeRun,
} from './batchRun'

export type { BatchRun, FrozenStep, PublicConsent } from './batchRun'

/** Sends a frozen copy of the batch (later edits do not change what is running) through the pipeline. */
// Over 80 lines: one hook owning a frozen run: its send loop, consent and resume share the run's state.
export function useBatchRun(params: {
  account: Address | undefined
  chainId: number | undefined
  /** The unknown EIP-7702 delegate the user ticked in the review (checked again by the pipeline). */
  acceptedDelegate?: Address | undefined
}) {
  const { account, chainId, acceptedDelegate } = params
  const sender = useSender(chainId, batchSender)
  const { ready, reader } = sender
  const stored = useSyncExternalStore(subscribeRun, currentRun)
  const ctx: RunContext | undefined =
    account && chainId && reader
      ? { account, chainId, acceptedDelegate, deps: sender.deps, reader }
      : undefined

  return {
    run: stored && { ...stored, progress: sender.progress },
    /** The one "send without protection" choice for the whole batch, bound to the protection state. */
    consent: sender.consent,
    canSend: Boolean(ready && account),
    startAtomic: async (steps: FrozenStep[], consent: PublicConsent, preview?: Preview) => {
      if (ctx) await startAtomic(ctx, steps, consent, preview)
    },
    startSequential: async (steps: FrozenStep[], consent: PublicConsent, preview?: Preview, fees?: Fees) => {
      if (ctx) await runSequential(ctx, steps, newRecordId(), 0, consent, preview, fees)
    },
    resume: (consent: PublicConsent) => {
      const current = currentRun()
      if (!ctx || current?.path !== 'sequential' || current.running || !current.recordId || !current.stop)
        return
      // From the first step: each is decided again with the chain at this click (an included one is skipped).
      void runSequential(ctx, current.steps, current.recordId, 0, consent, undefined, current.reviewedFees)
    },
    reset: () => {
      setRun(undefined)
      sender.reset()
    },
  }
}
