import type { PublicClient } from 'viem'
import type { TxRecord } from '../records/records'
import { findTransactionByNonce, matchesIntent } from '../track/byNonce'

/**
 * What the chain says about an earlier attempt at the moment of a click: whether its nonce is used, and if so
 * whether by this attempt (its hash, or for an intent without one, its call) and how it ended.
 */
export type AttemptOnChain =
  | { nonceUsed: false }
  | { nonceUsed: true; by: 'this'; success: boolean | undefined }
  | { nonceUsed: true; by: 'another' }

/**
 * What may be sent next for an earlier attempt (a record, or a batch step's latest record): THE one rule for
 * "Send again", a batch's Resume and a diagnosis fix, used by the buttons (without `chain`) and by the actions
 * (with what the chain says at the click, which wins over a status tracking has not corrected yet):
 * - `fresh`: nothing was sent for it: a new transaction;
 * - `again`: proven final without effect: send it again (the pipeline reuses its nonce while it is free);
 * - `done`: it was included: nothing to send;
 * - `wait`: it may still be included: nothing may be sent now;
 * - `no`: not something Hush sends again (a cancellation, a replacement, another app's transaction).
 */
export type NextSend =
  | { kind: 'fresh' }
  | { kind: 'again' }
  | { kind: 'done' }
  | { kind: 'wait'; reason: string }
  | { kind: 'no'; reason: string }

const endedWithoutEffect: ReadonlySet<string> = new Set(['FAILED', 'CANCELLED', 'NOT_SENT', 'UNKNOWN'])

export function nextSend(
  attempt: TxRecord | undefined,
  all: readonly TxRecord[],
  chain?: AttemptOnChain,
): NextSend {
  if (!attempt) return { kind: 'fresh' }
  if (attempt.kind === 'batch' || attempt.kind === 'cancel' || attempt.kind === 'tracked')
    return { kind: 'no', reason: 'Hush does not send this kind of transaction again.' }
  if (attempt.replaces !== undefined)
    return { kind: 'no', reason: 'A replacement is not sent again: its original decides what happens.' }
  if (chain?.nonceUsed && chain.by === 'this') {
    if (chain.success === true) return { kind: 'done' }
    if (chain.success === undefined)
      return { kind: 'wait', reason: 'It was included after all; Activity shows its outcome shortly.' }
    return { kind: 'fresh' }
  }
  // Another transaction took its nonce: this attempt can never be included, whatever its record says yet.
  if (chain?.nonceUsed && chain.by === 'another') return { kind: 'fresh' }
  if (attempt.status === 'INCLUDED') return { kind: 'done' }
  // A reverted attempt used its nonce and did nothing else: running it again is a new transaction.
  if (attempt.status === 'REVERTED') return { kind: 'fresh' }
  // UNKNOWN (Protect never received it) is open but may be sent again: the pipeline reuses its nonce while it is
  // free, so at most one of the two can be included.
  if (!endedWithoutEffect.has(attempt.status))
    return {
      kind: 'wait',
      reason:
        attempt.status === 'REPLACED'
          ? 'Another transaction used its nonce; Hush does not send it again on its own.'
          : 'It may still be included: nothing is sent again while its outcome is open.',
    }
  if (alreadySentAgain(attempt, all)) return { kind: 'wait', reason: alreadySentAgainReason }
  return { kind: 'again' }
}

/** A resend of this attempt that went out or may still go out: only that one may be followed up. */
export function alreadySentAgain(attempt: TxRecord, all: readonly TxRecord[]): boolean {
  return all.some((r) => r.resends === attempt.id && r.status !== 'NOT_SENT')
}

export const alreadySentAgainReason =
  'It was already sent again (here or in another tab); that attempt decides.'

export type AttemptReader = Pick<PublicClient, 'getTransactionCount' | 'getBlockNumber' | 'getBlock'> &
  Partial<Pick<PublicClient, 'getTransactionReceipt'>>

/** Reads what the chain says about an attempt now. A failed read throws: nothing is concluded from it. */
export async function lookAtAttempt(
  reader: AttemptReader,
  attempt: TxRecord,
): Promise<AttemptOnChain | undefined> {
  if (attempt.nonce === undefined) return undefined
  const mined = await reader.getTransactionCount({ address: attempt.from, blockTag: 'latest' })
  if (mined <= attempt.nonce) return { nonceUsed: false }
  const tx = await findTransactionByNonce(
    reader,
    attempt.from,
    attempt.nonce,
    BigInt(attempt.intentBlock ?? 0),
  )
  if (!tx) throw new Error(`Could not find the transaction that used nonce ${attempt.nonce}.`)
  const mine = attempt.hash
    ? tx.hash.toLowerCase() === attempt.hash.toLowerCase()
    : matchesIntent(attempt, tx)
  if (!mine) return { nonceUsed: true, by: 'another' }
  const receipt = await reader.getTransactionReceipt?.({ hash: tx.hash }).catch(() => undefined)
  return { nonceUsed: true, by: 'this', success: receipt ? receipt.status === 'success' : undefined }
}
