import { useState } from 'react'
import type { Address, Hex } from 'viem'
import { usePublicClient, useWalletClient } from 'wagmi'
import {
  runSequentialBatch,
  type StepState,
  sendAtomicBatch,
  viemSequentialSteps,
  waitForAtomicBatch,
} from '../../core/batch/execute'
import type { BatchCall } from '../../core/batch/validate'
import { classifyError } from '../../core/errors/classify'

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
    }

/** Sends a frozen copy of the batch (edits after sending do not change what is running) and tracks it. */
export function useBatchRun(params: { account: Address | undefined; chainId: number | undefined }) {
  const { account, chainId } = params
  const { data: wallet } = useWalletClient({ account, chainId })
  const reader = usePublicClient({ chainId })
  const [run, setRun] = useState<BatchRun | undefined>()
  const explain = (error: unknown, method: string) => classifyError(error, { method, chainId }).message

  const startAtomic = async (steps: FrozenStep[]) => {
    if (!wallet || !account || !chainId) return
    setRun({ path: 'atomic', steps, status: 'signing', hashes: [] })
    try {
      const id = await sendAtomicBatch(wallet, { account, chainId, calls: steps.map((s) => s.call) })
      setRun({ path: 'atomic', steps, status: 'pending', id, hashes: [] })
      const outcome = await waitForAtomicBatch(wallet, id)
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

  const runSequential = async (steps: FrozenStep[], startAt: number, previous: StepState[]) => {
    if (!wallet || !reader || !account) return
    const states = steps.map((_, i) => previous[i] ?? { status: 'waiting' as const })
    for (let i = startAt; i < states.length; i++) states[i] = { status: 'waiting' }
    setRun({ path: 'sequential', steps, states: [...states], running: true, done: false })
    const viemSteps = viemSequentialSteps(wallet, reader, account)
    const outcome = await runSequentialBatch(
      steps.map((s) => s.call),
      startAt,
      {
        ...viemSteps,
        describeError: (e) => explain(e, 'eth_sendTransaction'),
        onStep: (index, state) => {
          states[index] = state
          setRun({ path: 'sequential', steps, states: [...states], running: true, done: false })
        },
      },
    )
    setRun({
      path: 'sequential',
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
    startSequential: (steps: FrozenStep[]) => runSequential(steps, 0, []),
    resume: () => {
      if (run?.path === 'sequential' && run.failedIndex !== undefined)
        void runSequential(run.steps, run.failedIndex, run.states)
    },
    reset: () => setRun(undefined),
  }
}
