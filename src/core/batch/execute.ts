import type { Account, Address, Chain, Client, Hex, TransactionReceipt, Transport } from 'viem'
import { sendCalls, sendTransaction, waitForCallsStatus, waitForTransactionReceipt } from 'viem/actions'
import type { BatchCall } from './validate'

type WalletLike = Client<Transport, Chain | undefined, Account | undefined>

/** One wallet_sendCalls with atomicity required: the wallet must run all calls or none. */
export async function sendAtomicBatch(
  wallet: WalletLike,
  params: { account: Address; chainId: number; calls: readonly BatchCall[] },
): Promise<string> {
  const { id } = await sendCalls(wallet, {
    account: params.account,
    forceAtomic: true,
    calls: params.calls.map((c) => ({ to: c.to, value: c.value, data: c.data })),
  } as Parameters<typeof sendCalls>[1])
  return id
}

export type AtomicOutcome = {
  status: 'success' | 'failure' | 'pending'
  statusCode: number
  transactionHashes: Hex[]
}

/** Polls wallet_getCallsStatus until final (status code 200 or above) or the timeout. */
export async function waitForAtomicBatch(
  wallet: WalletLike,
  id: string,
  timeoutMs = 120_000,
  pollingInterval = 1_000,
): Promise<AtomicOutcome> {
  const result = await waitForCallsStatus(wallet, {
    id,
    timeout: timeoutMs,
    pollingInterval,
    throwOnFailure: false,
  })
  return {
    status: result.status ?? 'pending',
    statusCode: result.statusCode,
    transactionHashes: [...new Set((result.receipts ?? []).map((r) => r.transactionHash))],
  }
}

export type StepStatus = 'waiting' | 'signing' | 'pending' | 'success' | 'failed' | 'skipped'
export type StepState = { status: StepStatus; hash?: Hex; error?: string }

export type SequentialRunner = {
  send: (call: BatchCall, index: number) => Promise<Hex>
  wait: (hash: Hex) => Promise<'success' | 'reverted'>
  describeError: (error: unknown) => string
  onStep: (index: number, state: StepState) => void
}

export type SequentialOutcome = { completed: true } | { completed: false; failedIndex: number }

/**
 * Sends the calls one at a time from `startAt`, each waited for before the next; stops at the first failure
 * (rejected, not sent, or reverted) so the user can fix the cause and resume from that step.
 */
export async function runSequentialBatch(
  calls: readonly BatchCall[],
  startAt: number,
  runner: SequentialRunner,
): Promise<SequentialOutcome> {
  for (let i = startAt; i < calls.length; i++) {
    const call = calls[i]
    if (!call) break
    runner.onStep(i, { status: 'signing' })
    let hash: Hex
    try {
      hash = await runner.send(call, i)
    } catch (error) {
      runner.onStep(i, { status: 'failed', error: runner.describeError(error) })
      return { completed: false, failedIndex: i }
    }
    runner.onStep(i, { status: 'pending', hash })
    let outcome: 'success' | 'reverted'
    try {
      outcome = await runner.wait(hash)
    } catch (error) {
      runner.onStep(i, { status: 'failed', hash, error: runner.describeError(error) })
      return { completed: false, failedIndex: i }
    }
    if (outcome === 'reverted') {
      runner.onStep(i, { status: 'failed', hash, error: 'The transaction was included but reverted.' })
      return { completed: false, failedIndex: i }
    }
    runner.onStep(i, { status: 'success', hash })
  }
  return { completed: true }
}

/** The viem-backed runner parts: a plain sendTransaction through the wallet and a receipt wait. */
export function viemSequentialSteps(wallet: WalletLike, reader: Client, account: Address) {
  return {
    send: (call: BatchCall) =>
      sendTransaction(wallet, {
        account,
        chain: null,
        to: call.to,
        value: call.value,
        data: call.data,
      } as Parameters<typeof sendTransaction>[1]),
    wait: async (hash: Hex) => {
      const receipt: TransactionReceipt = await waitForTransactionReceipt(reader, {
        hash,
        pollingInterval: 500,
        timeout: 120_000,
      })
      return receipt.status === 'success' ? ('success' as const) : ('reverted' as const)
    },
  }
}
