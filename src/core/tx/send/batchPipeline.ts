import type { Address, Hex } from 'viem'
import { type Clock, sleepOn, systemClock } from '../../clock/clock'
import { classifyError } from '../../errors/classify'
import type { Eip1193Request, ProtectionState } from '../../protect/detect'
import { applyEvent } from '../records/lifecycle'
import { newRecordId, type RecordStore, storedCall, type TxRecord } from '../records/records'
import { inFlightIntents } from './inFlight'
import {
  closeAfterWalletError,
  guarded,
  markSent,
  type PipelineDeps,
  type PipelineResult,
  recordBeforePrompt,
} from './pipeline'
import type { Call } from './prepare'
import { requestAtomicCalls, requestCallsStatus } from './wallet'

export type AtomicIntent = {
  chainId: number
  from: Address
  steps: readonly { call: Call; label: string }[]
  consentToPublic: boolean
  /** The protection state the choice was given in (see TxIntent). */
  consentFor?: Exclude<ProtectionState, 'protected'>
  acceptedDelegate?: Address
}

/**
 * An atomic batch: one wallet_sendCalls, so one transaction and one record, through the same steps as a single
 * send. The wallet picks the nonce itself; the record holds the one Hush expects (what the wallet will use
 * unless it has transactions of its own Hush has not seen), which also finds it again after a reload.
 */
export async function sendAtomicBatch(deps: PipelineDeps, intent: AtomicIntent): Promise<PipelineResult> {
  return await guarded(deps, intent, async (isProtected) => {
    const recorded = await recordBeforePrompt(deps, intent, (nonce, head, now, finalProtected) =>
      atomicRecord(intent, nonce, finalProtected ?? isProtected, head, now),
    )
    if (recorded.kind !== 'recorded') return recorded
    const { record } = recorded
    try {
      const callsId = await requestAtomicCalls(deps.wallet, {
        from: intent.from,
        chainId: intent.chainId,
        calls: intent.steps.map((s) => s.call),
      })
      const accepted =
        applyEvent(deps.store, record.id, {
          kind: 'callsAccepted',
          callsId,
          detail: 'Your wallet accepted the batch; waiting for it to name the transaction.',
        }) ?? record
      return { kind: 'sent', record: accepted }
    } catch (error) {
      inFlightIntents.delete(record.id)
      return await closeAfterWalletError(deps, record, error)
    }
  })
}

/**
 * Polls wallet_getCallsStatus until the wallet names the transaction (then tracking takes over by hash), the
 * wallet reports an off-chain failure (nothing went out: "not sent"), or the time runs out (the record stays
 * open and the reload resolver looks for it by nonce).
 */
export async function followAtomicBatch(
  wallet: Eip1193Request,
  store: RecordStore,
  id: string,
  options: { intervalMs?: number; timeoutMs?: number; signal?: AbortSignal; clock?: Clock } = {},
): Promise<TxRecord | undefined> {
  const { intervalMs = 1000, timeoutMs = 180_000, signal, clock = systemClock } = options
  const deadline = clock.now() + timeoutMs
  try {
    while (clock.now() < deadline && !signal?.aborted) {
      const record = store.get(id)
      if (!record?.callsId || record.status !== 'AWAITING_WALLET') return record
      const status = await requestCallsStatus(wallet, record.callsId).catch(() => undefined)
      const hash: Hex | undefined = status?.hashes[0]
      if (hash) return markSent(store, id, hash, {})
      if (status?.statusCode !== undefined && status.statusCode >= 400 && status.statusCode < 500)
        return applyEvent(store, id, {
          kind: 'notSent',
          detail: `Not sent: your wallet reports the batch failed before reaching the chain (status ${status.statusCode}).`,
        })
      await sleepOn(clock, intervalMs, signal)
    }
    return store.get(id)
  } catch (error) {
    const message = classifyError(error, { method: 'wallet_getCallsStatus' }).message
    return applyEvent(store, id, {
      kind: 'note',
      detail: `Could not ask the wallet about the batch: ${message}`,
    })
  } finally {
    inFlightIntents.delete(id)
  }
}

function atomicRecord(
  intent: AtomicIntent,
  nonce: number,
  isProtected: boolean,
  head: number,
  now: number,
): TxRecord {
  return {
    id: newRecordId(),
    kind: 'batch',
    chainId: intent.chainId,
    from: intent.from,
    nonce,
    createdAt: now,
    protected: isProtected,
    status: 'AWAITING_WALLET',
    privacy: isProtected ? 'checking' : 'unprotected',
    detail: 'Waiting for your wallet: confirm or reject the batch there.',
    intentBlock: head,
    path: 'atomic',
    steps: intent.steps.map((s) => ({ label: s.label, ...storedCall(s.call) })),
  }
}
