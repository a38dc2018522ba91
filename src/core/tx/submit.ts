import type { Address, Hex } from 'viem'
import { type ClassifiedError, classifyError } from '../errors/classify'
import type { Fees } from '../fees/presets'
import { accountKey, type SendLock } from './lock'
import { nextNonce } from './nonces'
import type { Asset, Call } from './prepare'
import { type ActivityRecord, type ActivityStore, newRecordId } from './records'

export type TxRequest = Call & Fees & { from: Address; gas: bigint; nonce: number; chainId: number }

/** Hands the transaction to the wallet (eth_sendTransaction) and returns its hash. */
export type WalletSend = (tx: TxRequest) => Promise<Hex>

export type SubmitInput = {
  kind: ActivityRecord['kind']
  chainId: number
  from: Address
  call: Call
  gas: bigint
  fees: Fees
  protected: boolean
  asset?: Asset
  amount?: bigint
  recipient?: Address
  /** Cancel / speed-up reuse the nonce of the record they replace. */
  nonce?: number
  replaces?: string
  steps?: ActivityRecord['steps']
}

export type SubmitDeps = {
  send: WalletSend
  /** The node's `eth_getTransactionCount(from, 'pending')`. */
  pendingCount: (from: Address) => Promise<number>
  store: ActivityStore
  lock: SendLock
  now?: () => number
}

export type SubmitResult =
  | { kind: 'sent'; record: ActivityRecord }
  | { kind: 'busy' }
  | { kind: 'failed'; error: ClassifiedError }

/**
 * The one way a transaction leaves the app: lock the account (a second submission while one awaits the wallet
 * is refused), pick the nonce from our own records, ask the wallet, and persist the record the moment a hash
 * comes back so tracking survives a reload.
 */
export async function submitTransaction(deps: SubmitDeps, input: SubmitInput): Promise<SubmitResult> {
  const release = deps.lock.tryAcquire(accountKey(input.chainId, input.from))
  if (!release) return { kind: 'busy' }
  try {
    const nonce =
      input.nonce ??
      nextNonce(await deps.pendingCount(input.from), deps.store.list(), input.chainId, input.from)
    const hash = await deps.send({
      ...input.call,
      ...input.fees,
      from: input.from,
      gas: input.gas,
      nonce,
      chainId: input.chainId,
    })
    const record = deps.store.add({
      id: newRecordId(),
      kind: input.kind,
      chainId: input.chainId,
      from: input.from,
      hash,
      nonce,
      to: input.recipient ?? input.call.to,
      ...(input.asset ? { asset: input.asset } : {}),
      ...(input.amount !== undefined ? { amount: input.amount.toString() } : {}),
      fees: {
        maxFeePerGas: input.fees.maxFeePerGas.toString(),
        maxPriorityFeePerGas: input.fees.maxPriorityFeePerGas.toString(),
        gas: input.gas.toString(),
      },
      createdAt: (deps.now ?? Date.now)(),
      protected: input.protected,
      ...(input.steps ? { steps: input.steps } : {}),
      status: 'PENDING',
      privacy: input.protected ? 'checking' : 'unprotected',
      ...(input.replaces ? { replaces: input.replaces } : {}),
    })
    if (input.replaces) deps.store.update(input.replaces, { replacedBy: record.id })
    return { kind: 'sent', record }
  } catch (error) {
    return {
      kind: 'failed',
      error: classifyError(error, { method: 'eth_sendTransaction', chainId: input.chainId }),
    }
  } finally {
    release()
  }
}
