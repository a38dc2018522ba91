import { useState } from 'react'
import type { Address, Hex } from 'viem'
import { usePublicClient, useWalletClient } from 'wagmi'
import { atomicFinal, newBatchRecord, sequentialFinal, withStepStates } from '../../core/batch/activity'
import {
  runSequentialBatch,
  type StepState,
  sendAtomicBatch,
  viemSequentialSteps,
  waitForAtomicBatch,
} from '../../core/batch/execute'
import type { BatchCall } from '../../core/batch/validate'
import { classifyError } from '../../core/errors/classify'
import { AccountBusyError } from '../../core/errors/errors'
import { accountKey, sendLock } from '../../core/tx/lock'
import { type ActivityRecord, activityStore, newRecordId, type PrivacyVerdict } from '../../core/tx/records'

export type FrozenStep = { call: BatchCall; sentence: string }

export type BatchRun =
  | {
      path: 'atomic'
      steps: FrozenStep[]
      status: 'signing' | 'pending' | 'success' | 'failure'
      id?: string
      hashes: Hex[]
      error?: string
    }
  | {
      path: 'sequential'
      steps: FrozenStep[]
      states: StepState[]
      running: boolean
      failedIndex?: number
      done: boolean
      /** The Activity entry, kept so a resume updates the same entry. */
      entry?: BatchEntry
    }

type BatchEntry = {
  steps: (states: StepState[]) => void
  patch: (build: (current: ActivityRecord) => Partial<ActivityRecord>) => void
}

/** Sends a frozen copy of the batch (edits after sending do not change what is running) and tracks it. */
export function useBatchRun(params: {
  account: Address | undefined
  chainId: number | undefined
  privacy: PrivacyVerdict
}) {
  const { account, chainId, privacy } = params
  const { data: wallet } = useWalletClient({ account, chainId })
  const reader = usePublicClient({ chainId })
  const [run, setRun] = useState<BatchRun | undefined>()
  const explain = (error: unknown, method: string) => classifyError(error, { method, chainId }).message

  const record = (path: 'atomic' | 'sequential', steps: FrozenStep[]): BatchEntry | undefined => {
    if (!account || !chainId) return undefined
    const store = activityStore()
    const id = newRecordId()
    store.add(newBatchRecord({ id, chainId, from: account, path, steps, privacy, now: Date.now() }))
    return {
      steps: (states: StepState[]) => {
        const current = store.get(id)
        if (current) store.update(id, withStepStates(current, states))
      },
      patch: (build: (current: ActivityRecord) => Partial<ActivityRecord>) => {
        const current = store.get(id)
        if (current) store.update(id, build(current))
      },
    }
  }

  const startAtomic = async (steps: FrozenStep[]) => {
    if (!wallet || !account || !chainId) return
    setRun({ path: 'atomic', steps, status: 'signing', hashes: [] })
    const entry = record('atomic', steps)
    try {
      const id = await withSendLock(chainId, account, () =>
        sendAtomicBatch(wallet, { account, chainId, calls: steps.map((s) => s.call) }),
      )
      setRun({ path: 'atomic', steps, status: 'pending', id, hashes: [] })
      const outcome = await waitForAtomicBatch(wallet, id)
      entry?.patch((current) => atomicFinal(current, { ...outcome, hash: outcome.transactionHashes[0] }))
      setRun({
        path: 'atomic',
        steps,
        id,
        hashes: outcome.transactionHashes,
        status: outcome.status === 'success' ? 'success' : 'failure',
        error:
          outcome.status === 'pending'
            ? 'The wallet has not reported a final status yet; check your wallet.'
            : outcome.status === 'failure'
              ? `The batch failed as a whole (wallet status ${outcome.statusCode}); none of its actions took effect.`
              : undefined,
      })
    } catch (error) {
      setRun({
        path: 'atomic',
        steps,
        status: 'failure',
        hashes: [],
        error: explain(error, 'wallet_sendCalls'),
      })
    }
  }

  const runSequential = async (
    steps: FrozenStep[],
    startAt: number,
    previous: StepState[],
    entry: BatchEntry | undefined,
  ) => {
    if (!wallet || !reader || !account) return
    const states = steps.map((_, i) => previous[i] ?? { status: 'waiting' as const })
    for (let i = startAt; i < states.length; i++) states[i] = { status: 'waiting' }
    setRun({ path: 'sequential', steps, states: [...states], running: true, done: false, entry })
    const viemSteps = viemSequentialSteps(wallet, reader, account)
    const outcome = await runSequentialBatch(
      steps.map((s) => s.call),
      startAt,
      {
        ...viemSteps,
        send: (call) => withSendLock(chainId ?? 0, account, () => viemSteps.send(call)),
        describeError: (e) => explain(e, 'eth_sendTransaction'),
        onStep: (index, state) => {
          states[index] = state
          entry?.steps(states)
          setRun({ path: 'sequential', steps, states: [...states], running: true, done: false, entry })
        },
      },
    )
    entry?.patch(() => sequentialFinal({ ...outcome, stepCount: steps.length }))
    setRun({
      path: 'sequential',
      entry,
      steps,
      states: [...states],
      running: false,
      done: outcome.completed,
      failedIndex: outcome.completed ? undefined : outcome.failedIndex,
    })
  }

  return {
    run,
    canSend: Boolean(wallet && reader && account),
    startAtomic,
    startSequential: (steps: FrozenStep[]) => runSequential(steps, 0, [], record('sequential', steps)),
    resume: () => {
      if (run?.path !== 'sequential' || run.failedIndex === undefined) return
      const from = run.failedIndex
      run.entry?.patch(() => ({
        status: 'PENDING',
        detail: `Sequential batch: resumed from step ${from + 1}`,
      }))
      void runSequential(run.steps, from, run.states, run.entry)
    },
    reset: () => setRun(undefined),
  }
}

/** The Send page's per-account lock: no second request to the wallet while one is waiting for the user. */
async function withSendLock<T>(chainId: number, account: Address, request: () => Promise<T>): Promise<T> {
  const release = sendLock.tryAcquire(accountKey(chainId, account))
  if (!release) throw new AccountBusyError()
  try {
    return await request()
  } finally {
    release()
  }
}
