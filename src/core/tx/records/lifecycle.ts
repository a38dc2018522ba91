import type { Hex } from 'viem'
import type { RecordStore, TxRecord } from './records'

/**
 * What happened to a record, as every writer says it: the pipeline, tracking, intents, batches and proof. Only
 * `transition` turns an event into the record, so the rules below hold whoever writes.
 */
export type RecordEvent =
  /** The wallet answered with a hash, or named the batch's transaction: tracking follows it by hash from here. */
  | { kind: 'sent'; hash: Hex; at: number; detail?: string }
  /** The intent's own transaction, found on chain after its answer was lost (at the nonce it used). */
  | { kind: 'found'; hash: Hex; nonce: number; detail: string }
  /** Proof that nothing went out: declined, its nonce used by another, the wallet's failure report, the user's word. */
  | { kind: 'notSent'; detail: string; notHush?: string }
  /** The wallet's answer proves nothing either way: the intent stays open ("Sent? Not known yet"). */
  | { kind: 'outcomeUnknown'; at: number; detail: string }
  /** Words only; `nonceUsedBy`: another of Hush's sends used its nonce without proving it was not sent. */
  | { kind: 'note'; detail: string; nonceUsedBy?: Hex }
  | { kind: 'callsAccepted'; callsId: string; detail: string }
  | { kind: 'replacedBy'; id: string }
  /** What one look of tracking proved (derive.ts, afterInclusion.ts): status, privacy and evidence. */
  | { kind: 'observed'; patch: Partial<TxRecord> }
  | { kind: 'previewed'; preview: NonNullable<TxRecord['preview']> }
  | { kind: 'checked'; outcome: NonNullable<TxRecord['outcome']> }
  /** A one-by-one batch's container, brought in line with its steps. */
  | { kind: 'steps'; status: TxRecord['status']; detail?: string | undefined }

/** A receipt settled it: no later claim (a late hash, "not sent", "not known") takes that back. */
const settledOnChain = (r: TxRecord) => r.status === 'INCLUDED' || r.status === 'REVERTED'

const followed = (r: TxRecord): Pick<TxRecord, 'status' | 'privacy'> => ({
  status: 'PENDING',
  privacy: r.protected ? 'checking' : 'unprotected',
})

/** The one transition: record + event → record. Pure; an event its rules refuse leaves the record as it is. */
export function transition(record: TxRecord, event: RecordEvent): TxRecord {
  switch (event.kind) {
    case 'sent':
      if (settledOnChain(record)) return { ...record, hash: record.hash ?? event.hash }
      return {
        ...record,
        ...followed(record),
        hash: event.hash,
        sentAt: record.sentAt ?? event.at,
        detail: event.detail,
      }
    case 'found': {
      // The chain's word wins over a "not sent" given meanwhile (the user's, during the search); never over
      // another app's record or a status tracking already follows.
      const reopens = record.status === 'NOT_SENT' && !record.notHush
      if (record.status !== 'AWAITING_WALLET' && !reopens) return record
      const moved = record.nonce !== undefined && record.nonce !== event.nonce
      return {
        ...record,
        ...followed(record),
        hash: event.hash,
        nonce: event.nonce,
        ...(moved ? { askedNonce: record.askedNonce ?? record.nonce } : {}),
        detail: event.detail,
      }
    }
    case 'notSent':
      // Only an intent: once the wallet answered with a hash, or tracking found it, it went out.
      if (record.status !== 'AWAITING_WALLET') return record
      return {
        ...record,
        status: 'NOT_SENT',
        detail: event.detail,
        ...(event.notHush ? { notHush: event.notHush } : {}),
      }
    case 'outcomeUnknown':
      // Only an intent still waiting for its answer: one found on chain meanwhile is known.
      if (record.status !== 'AWAITING_WALLET' || record.hash) return record
      return { ...record, sentUnknown: true, unknownAt: event.at, detail: event.detail }
    case 'note':
      return {
        ...record,
        detail: event.detail,
        ...(event.nonceUsedBy ? { nonceUsedBy: event.nonceUsedBy } : {}),
      }
    case 'callsAccepted':
      return { ...record, callsId: event.callsId, detail: event.detail }
    case 'replacedBy':
      return { ...record, replacedBy: event.id }
    case 'observed':
      return { ...record, ...event.patch }
    case 'previewed':
      return { ...record, preview: event.preview }
    case 'checked':
      return { ...record, outcome: event.outcome }
    case 'steps':
      return { ...record, status: event.status, detail: event.detail }
  }
}

/** Writes an event to the stored record (the store's current version, merged with other tabs' first). */
export function applyEvent(store: RecordStore, id: string, event: RecordEvent): TxRecord | undefined {
  return store.update(id, (current) => transition(current, event))
}
