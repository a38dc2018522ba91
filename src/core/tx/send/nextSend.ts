import type { PublicClient } from 'viem'
import { defaultBlockRange } from '../../protect/url'
import type { TxRecord } from '../records/records'
import { findTransactionByNonce, matchesIntent } from '../track/byNonce'
import { readProof } from '../track/observations'

/**
 * What the chain says about an earlier attempt at the moment of a click: whether its nonce is used, and if so
 * whether by this attempt (its hash, or for an intent without one, its call) and how it ended.
 */
export type AttemptOnChain =
  | { nonceUsed: false; head: number }
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
/** Reported without effect by Protect's status API, which Protect itself may contradict until its window ends. */
const mayStillBeHeld: ReadonlySet<string> = new Set(['FAILED', 'UNKNOWN'])

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
  if (mayStillBeHeld.has(attempt.status)) {
    const held = stillHeld(attempt, chain?.nonceUsed === false ? chain.head : readProof(attempt).observedHead)
    if (held) return { kind: 'wait', reason: held }
  }
  return { kind: 'again' }
}

/**
 * The action's side of the window rule, inside the account lock at the click: why a resend of an attempt
 * reported FAILED or UNKNOWN must wait, read from the chain now (the button read the record's last look).
 */
export async function resendMustWait(
  reader: AttemptReader,
  attempt: TxRecord,
  all: readonly TxRecord[],
): Promise<string | undefined> {
  if (!mayStillBeHeld.has(attempt.status)) return undefined
  const next = nextSend(attempt, all, await lookAtAttempt(reader, attempt))
  return next.kind === 'wait' ? next.reason : undefined
}

/** A first look may read an endpoint a block or two behind the one the relay saw when it took the attempt. */
const firstLookSlack = 3

/**
 * The last block Protect may include an attempt in: its status API's answer, else its longest window (a
 * `blockRange` only shortens it) counted from tracking's first look. Undefined before either is known.
 */
export function protectMayIncludeUntil(attempt: TxRecord): number | undefined {
  if (attempt.maxBlockNumber !== undefined) return attempt.maxBlockNumber
  const first = readProof(attempt).firstSeenHead
  return first === undefined ? undefined : first + defaultBlockRange + firstLookSlack
}

/**
 * Why an attempt reported FAILED or UNKNOWN may still be included at `head`, or undefined once Protect's window
 * is past. Sent again inside the window, a wallet that picks its own nonces (as MetaMask does while it counts the
 * first as pending) puts the second at the next nonce, and both may be included: the payment twice.
 */
function stillHeld(attempt: TxRecord, head: number | undefined): string | undefined {
  const until = protectMayIncludeUntil(attempt)
  if (until === undefined)
    return 'Protect may still include it, and Hush does not know its block window yet: Send again is offered once it does.'
  if (head === undefined || head < until)
    return `Protect may still include it until block ${until}: Send again is offered after that, so it is never paid twice.`
  return undefined
}

/** A resend of this attempt that went out or may still go out: only that one may be followed up. */
export function alreadySentAgain(attempt: TxRecord, all: readonly TxRecord[]): boolean {
  return all.some((r) => r.resends === attempt.id && r.status !== 'NOT_SENT')
}

export const alreadySentAgainReason =
  'It was already sent again (here or in another tab); that attempt decides.'

export type AttemptReader = Pick<PublicClient, 'getTransactionCount' | 'getBlockNumber' | 'getBlock'> &
  Partial<Pick<PublicClient, 'getTransactionReceipt'>>

/**
 * Reads what the chain says about an attempt now: its nonce counted at one head block, so "unused" is known at
 * that block (Protect's window is judged against it). A failed read throws: nothing is concluded from it.
 */
export async function lookAtAttempt(
  reader: AttemptReader,
  attempt: TxRecord,
): Promise<AttemptOnChain | undefined> {
  if (attempt.nonce === undefined) return undefined
  // Never viem's cached head: a stale one would judge Protect's window by a block already past.
  const head = await reader.getBlockNumber({ cacheTime: 0 })
  const mined = await reader.getTransactionCount({ address: attempt.from, blockNumber: head })
  if (mined <= attempt.nonce) return { nonceUsed: false, head: Number(head) }
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
