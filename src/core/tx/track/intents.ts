// Over 250 lines: every rule that settles an intent by the chain (found, sent at another nonce, not sent) in one place.
import type { Hex, Transaction } from 'viem'
import { applyEvent } from '../records/lifecycle'
import { type RecordStore, type TxRecord, walletPicksNonce } from '../records/records'
import { inFlightIntents } from '../send/inFlight'
import { beyondReach, beyondReachText } from '../send/nonces'
import type { CallsStatus } from '../send/wallet'
import { findTransactionByNonce, type IntentReader, matchesIntent } from './byNonce'

/**
 * After a reload, an intent ("waiting for your wallet") has lost its wallet request: the user may still approve
 * the prompt, or may have declined it. The chain tells: once the intent's nonce is used, the transaction that
 * used it is found by sender and nonce and the record gets its hash; a nonce used by something else closes it
 * as "not sent". A nonce still free proves nothing (a private transaction is invisible until included): the
 * intent stays open ("Sent? Not known yet"). An atomic batch's wallet picks the nonce: only a transaction carrying
 * its calls, or wallet_getCallsStatus, settles it.
 */

/** The one sentence for an intent whose outcome the wallet left unknown (also the record's detail). */
export const sentUnknownText =
  'Sent? Not known yet: Hush keeps looking for it by its nonce. Do not send it again.'
/** The same for an atomic batch: its wallet picks the nonce, so only its calls on chain (or the wallet) tell. */
export const batchSentUnknownText =
  'Sent? Not known yet: Hush keeps looking for a transaction carrying its calls. Do not send it again; if your wallet shows it not sent, failed or dropped, say so on its card.'
export const sentUnknownFor = (record: TxRecord) =>
  walletPicksNonce(record) ? batchSentUnknownText : sentUnknownText

/**
 * An orphaned intent whose nonce stays free this long is marked "Sent? Not known yet" and stops holding its
 * nonce: no wallet keeps a prompt that long, but a relay may still hold what the wallet sent.
 */
export const intentTimeoutMs = 10 * 60_000

export type ResolveDeps = {
  reader: IntentReader
  store: RecordStore
  now?: () => number
  /** Whether some tab is in the middle of a wallet request for this account (its prompt is live). */
  accountBusy: (record: TxRecord) => Promise<boolean>
  /**
   * wallet_getCallsStatus through the connected wallet, for an atomic batch the wallet accepted (it has a calls
   * id): the wallet picks the batch's nonce, so only the wallet can settle it. Absent: the batch stays open.
   */
  callsStatus?: (record: TxRecord) => Promise<CallsStatus | undefined>
  /** How far this follower has looked for an atomic batch's transaction (kept across looks by the tracker). */
  batchScan?: BatchScan
}

/** The next nonce to read for an atomic batch's transaction: each used nonce is read once per follower. */
export type BatchScan = { next?: number }

/** One look at an open intent; returns the record as it is afterwards. Read failures change nothing. */
export async function resolveIntent(deps: ResolveDeps, id: string): Promise<TxRecord | undefined> {
  const record = deps.store.get(id)
  if (record?.status !== 'AWAITING_WALLET' || record.nonce === undefined) return record
  if (inFlightIntents.has(id)) return record
  if (record.callsId) {
    const settled = await settleAcceptedBatch(deps, record)
    if (settled.status !== 'AWAITING_WALLET') return settled
  }
  const nonce = record.nonce
  let mined: number
  try {
    mined = await deps.reader.getTransactionCount({ address: record.from, blockTag: 'latest' })
  } catch {
    return record
  }
  // Closed and left out of Activity rather than shown closed: it is not the user's payment, and as a closed one
  // it would offer "Send again". Kept in storage (not Hush's to delete), so a misjudged one is never lost.
  if (beyondReach(nonce, mined)) {
    const reason = beyondReachText(nonce, mined)
    return applyEvent(deps.store, id, {
      kind: 'notSent',
      detail: `Not sent by Hush. ${reason}`,
      notHush: reason,
    })
  }
  if (walletPicksNonce(record)) {
    const found = await findAtomicBatch(deps, record, mined, deps.batchScan ?? {})
    if (found && found.status !== 'AWAITING_WALLET') return found
  } else if (mined > nonce) {
    // Left open at this count already (provesNotSent): nothing new to find until another nonce is used.
    if (lookedAt.get(deps.store)?.get(id) === mined) return record
    let tx: Transaction | undefined
    try {
      tx = await findTransactionByNonce(deps.reader, record.from, nonce, BigInt(record.intentBlock ?? 0))
    } catch {
      return record
    }
    const current = deps.store.get(id)
    if (!tx || current?.status !== 'AWAITING_WALLET') return current
    if (ownTransaction(deps.store, record, tx)) return adopt(deps.store, record, tx)
    // The wallet may have sent it at another nonce than Hush asked (MetaMask picks its own).
    const moved = await searchMoved(deps, record, mined).catch(() => null)
    if (moved === null) return current
    if (moved) return adopt(deps.store, record, moved)
    const latest = deps.store.get(id)
    if (latest?.status !== 'AWAITING_WALLET') return latest
    if (!provesNotSent(deps.store.list(), latest, tx)) {
      lookedAt.set(deps.store, (lookedAt.get(deps.store) ?? new Map()).set(id, mined))
      return latest.nonceUsedBy === tx.hash
        ? latest
        : applyEvent(deps.store, id, { kind: 'note', detail: movedText(nonce), nonceUsedBy: tx.hash as Hex })
    }
    return applyEvent(deps.store, id, {
      kind: 'notSent',
      detail: `Not sent: nonce ${nonce} was used by another transaction (${tx.hash.slice(0, 10)}…).`,
    })
  }
  // A nonce still unused proves nothing (a private transaction is invisible until included): after the time-out
  // the intent says so and stops holding its nonce (nonces.ts), but it stays open until the nonce is used.
  const age = (deps.now ?? Date.now)() - record.createdAt
  if (
    record.sentUnknown ||
    record.callsId ||
    age < intentTimeoutMs ||
    (await deps.accountBusy(record).catch(() => true))
  )
    return record
  const current = deps.store.get(id)
  if (current?.status !== 'AWAITING_WALLET') return current
  return applyEvent(deps.store, id, {
    kind: 'outcomeUnknown',
    at: (deps.now ?? Date.now)(),
    detail: `The wallet never answered this page. ${sentUnknownFor(record)}`,
  })
}

/** Its own transaction: one that carries its call and is not already another record's. */
function ownTransaction(store: RecordStore, record: TxRecord, tx: Transaction): boolean {
  const hash = tx.hash.toLowerCase()
  const owned = store.list().some((r) => r.id !== record.id && r.hash?.toLowerCase() === hash)
  return !owned && matchesIntent(record, tx)
}

/** The intent found on chain: tracking goes on by hash, at the nonce its transaction used. */
function adopt(store: RecordStore, record: TxRecord, tx: Transaction): TxRecord | undefined {
  const moved = tx.nonce !== record.nonce
  return applyEvent(store, record.id, {
    kind: 'found',
    hash: tx.hash as Hex,
    nonce: tx.nonce,
    detail: moved
      ? `Found on chain at nonce ${tx.nonce}: your wallet sent it at another nonce than the ${record.nonce} Hush asked for.`
      : 'Found on chain by its sender and nonce after the page lost the wallet’s answer.',
  })
}

const movedText = (nonce: number) =>
  `Sent? Not known yet: nonce ${nonce} was used by another of your transactions, asked for while this one waited in your wallet; a wallet that picks its own nonce may have sent this one at another. Hush keeps looking for it. Do not send it again.`

/** How many other nonces are searched for an intent the wallet may have sent at another nonce than Hush asked. */
const movedSearchLimit = 8
/** Per store: the account's mined count when an intent was last left open with its nonce used (provesNotSent). */
const lookedAt = new WeakMap<RecordStore, Map<string, number>>()

/**
 * The intent's own transaction at another nonce used since it was made (the wallet picks its nonce from the
 * account's count at approval, so never one used before the intent), nearest the asked one first.
 */
async function searchMoved(
  deps: ResolveDeps,
  record: TxRecord,
  mined: number,
): Promise<Transaction | undefined> {
  const asked = record.nonce ?? 0
  const since = BigInt(record.intentBlock ?? 0)
  const first = await deps.reader.getTransactionCount({ address: record.from, blockNumber: since })
  const nonces: number[] = []
  for (let k = first; k < mined; k++) if (k !== asked) nonces.push(k)
  nonces.sort((a, b) => Math.abs(a - asked) - Math.abs(b - asked))
  for (const k of nonces.slice(0, movedSearchLimit)) {
    const tx = await findTransactionByNonce(deps.reader, record.from, k, since)
    if (tx && ownTransaction(deps.store, record, tx)) return tx
  }
  return undefined
}

/**
 * Whether the transaction at the intent's nonce proves it was not sent. Another app's does. One of Hush's own
 * (by its hash, or an intent without one whose call it carries) does only if it was requested once the intent's
 * prompt had ended: a wallet that picks its own nonce (MetaMask) sends at the first nonce it has free, so a send
 * requested while the intent's prompt was open may have taken its nonce while the intent went out at another.
 */
function provesNotSent(records: readonly TxRecord[], record: TxRecord, tx: Transaction): boolean {
  const hash = tx.hash.toLowerCase()
  const who = record.from.toLowerCase()
  const hush = records.find((r) => {
    if (r.id === record.id || r.chainId !== record.chainId || r.from.toLowerCase() !== who) return false
    return r.hash ? r.hash.toLowerCase() === hash : r.status === 'AWAITING_WALLET' && matchesIntent(r, tx)
  })
  if (!hush) return true
  // A record from before this field: its prompt ended before any later send, as Hush read it until now. The same
  // millisecond does not tell which came first: no proof.
  const ended = record.sentUnknown ? (record.unknownAt ?? -1) : undefined
  return ended !== undefined && hush.createdAt > ended
}

/**
 * An atomic batch whose wallet answer is lost: its transaction is the one from the account that carries its
 * calls, at whatever nonce the wallet picked, never below the account's count when the intent was recorded.
 * Undefined while none is found; a failed or lagging read finds none and that nonce is read again next time.
 */
async function findAtomicBatch(
  deps: ResolveDeps,
  record: TxRecord,
  mined: number,
  scan: BatchScan,
): Promise<TxRecord | undefined> {
  const fromBlock = BigInt(record.intentBlock ?? 0)
  try {
    scan.next ??= await deps.reader.getTransactionCount({ address: record.from, blockNumber: fromBlock })
    // A nonce with no transaction found (a lagging endpoint, or one an EIP-7702 authorization used) is read again
    // next time, and the ones after it are read now: `next` only passes nonces whose transaction is known.
    let resolved = true
    for (let n = scan.next; n < mined; n++) {
      const tx = await findTransactionByNonce(deps.reader, record.from, n, fromBlock)
      const current = deps.store.get(record.id)
      if (current?.status !== 'AWAITING_WALLET') return current
      if (tx && ownTransaction(deps.store, record, tx))
        return applyEvent(deps.store, record.id, {
          kind: 'found',
          hash: tx.hash as Hex,
          nonce: tx.nonce,
          detail: 'Found on chain by its calls after the page lost the wallet’s answer.',
        })
      resolved &&= tx !== undefined
      if (resolved) scan.next = n + 1
    }
  } catch {
    return undefined
  }
  return undefined
}

/**
 * An atomic batch the wallet accepted: wallet_getCallsStatus names its transaction (tracking goes on by hash) or
 * says it failed off chain (not sent). Nothing else closes it, neither a time-out nor a nonce used by another
 * transaction: the wallet chose the nonce, not Hush.
 */
async function settleAcceptedBatch(deps: ResolveDeps, record: TxRecord): Promise<TxRecord> {
  const status = await deps.callsStatus?.(record).catch(() => undefined)
  const current = deps.store.get(record.id)
  if (!status || current?.status !== 'AWAITING_WALLET') return current ?? record
  const hash = status.hashes[0]
  if (hash)
    return (
      applyEvent(deps.store, record.id, {
        kind: 'sent',
        hash,
        at: (deps.now ?? Date.now)(),
        detail: 'Your wallet named the batch transaction.',
      }) ?? current
    )
  if (status.statusCode !== undefined && status.statusCode >= 400 && status.statusCode < 500)
    return (
      applyEvent(deps.store, record.id, {
        kind: 'notSent',
        detail: `Not sent: your wallet reports the batch failed before reaching the chain (status ${status.statusCode}).`,
      }) ?? current
    )
  return current
}

/**
 * Whether the user may close an intent as "not sent" on their word (they declined it; their wallet shows it not
 * sent, or dropped). Not a batch the wallet accepted (wallet_getCallsStatus settles it), nor a single send whose
 * outcome the wallet left unknown while its nonce can still decide (a fill proves it either way). The user's word
 * is the only answer left for an atomic batch left unknown (no nonce of its own proves anything) and for a send
 * whose nonce another of Hush's sends used while it waited in the wallet (intents.ts: provesNotSent).
 */
export function userMayClose(record: TxRecord): boolean {
  if (record.status !== 'AWAITING_WALLET' || record.callsId || inFlightIntents.has(record.id)) return false
  return !record.sentUnknown || walletPicksNonce(record) || record.nonceUsedBy !== undefined
}

/** The user says the wallet did not send it (see userMayClose): the intent is closed as "not sent" at once. */
export function closeIntent(store: RecordStore, id: string): TxRecord | undefined {
  const record = store.get(id)
  if (!record || !userMayClose(record)) return record
  return applyEvent(store, id, {
    kind: 'notSent',
    detail: 'Closed as not sent: you said the wallet did not send it.',
  })
}
