import type { TxRecord } from '../records/records'

/** Statuses whose nonce is free again: nothing with that nonce went out, or another transaction took it. */
const freesNonce: ReadonlySet<string> = new Set(['FAILED', 'CANCELLED', 'REPLACED', 'NOT_SENT'])

/**
 * Whether a record's nonce is (or may still be) used: sent, included, or an intent still waiting for the
 * wallet. A status this version does not know holds its nonce (the careful reading). An intent whose outcome
 * the wallet left unknown does not: if it went out after all, a later send at the same nonce competes with it
 * and only one of the two can be included, whereas holding the nonce would leave every later send stuck
 * behind a nonce nothing may ever use.
 */
export function holdsNonce(record: TxRecord): boolean {
  if (record.status === 'AWAITING_WALLET' && record.sentUnknown) return false
  return record.nonce !== undefined && !freesNonce.has(record.status)
}

function sameAccount(r: TxRecord, chainId: number, from: string): boolean {
  return r.chainId === chainId && r.from.toLowerCase() === from.toLowerCase()
}

/**
 * How far above the chain's count a held nonce may be: Hush never has this many of its own open at once, so a
 * record beyond it (written by another app on the origin, or corrupt) is not followed out of reach.
 */
export const maxNonceAhead = 256

/**
 * Whether no Hush tab could have asked for this nonce, given the account's mined count: a send takes at most
 * `maxNonceAhead` + 1 above the node's pending count, which exceeds the mined one only by the account's public
 * transactions waiting in the node's pool (or a lagging endpoint's few blocks); a second `maxNonceAhead` covers
 * those. Beyond it the record was written by another app on the origin, or is damaged.
 */
export function beyondReach(nonce: number, minedCount: number): boolean {
  return nonce > minedCount + 2 * maxNonceAhead
}

/** Why a record beyond reach is not Hush's (its `notHush`, and the refusal to send it again). */
export function beyondReachText(nonce: number, minedCount: number): string {
  return `Nonce ${nonce} is out of reach of this account (${minedCount} transactions so far): Hush never asks for one that far ahead, so it did not write this record (another app on this site did, or it is damaged).`
}

/**
 * The next nonce for an account. Private transactions are invisible to a public node's
 * `eth_getTransactionCount(…, 'pending')`, so the records of every tab count too (the caller re-reads storage
 * inside the cross-tab lock): the next nonce is past both the node's count and every nonce we still hold.
 */
export function nextNonce(
  pendingCount: number,
  records: readonly TxRecord[],
  chainId: number,
  from: string,
): number {
  let next = pendingCount
  for (const r of records) {
    if (!sameAccount(r, chainId, from) || !holdsNonce(r) || r.nonce === undefined) continue
    if (r.nonce > pendingCount + maxNonceAhead) continue
    if (r.nonce + 1 > next) next = r.nonce + 1
  }
  return next
}

/** Records other than `except` that hold this exact nonce (a reused nonce must not collide with them). */
export function nonceHolders(
  records: readonly TxRecord[],
  chainId: number,
  from: string,
  nonce: number,
  except: ReadonlySet<string>,
): TxRecord[] {
  return records.filter(
    (r) => sameAccount(r, chainId, from) && r.nonce === nonce && holdsNonce(r) && !except.has(r.id),
  )
}
