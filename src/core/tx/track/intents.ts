import type { Hex, Transaction } from 'viem'
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
  'Sent? Not known yet: Hush keeps looking for a transaction carrying its calls. Do not send it again; if your wallet shows it not sent or dropped, say so on its card.'
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
    return deps.store.update(id, {
      status: 'NOT_SENT',
      detail: `Not sent by Hush. ${reason}`,
      notHush: reason,
    })
  }
  if (walletPicksNonce(record)) {
    const found = await findAtomicBatch(deps, record, mined, deps.batchScan ?? {})
    if (found && found.status !== 'AWAITING_WALLET') return found
  } else if (mined > nonce) {
    let tx: Transaction | undefined
    try {
      tx = await findTransactionByNonce(deps.reader, record.from, nonce, BigInt(record.intentBlock ?? 0))
    } catch {
      return record
    }
    const current = deps.store.get(id)
    if (!tx || current?.status !== 'AWAITING_WALLET') return current
    // The same call sent again at this nonce by another record is that record's transaction, not this one.
    if (!ownedByAnother(deps.store, id, tx.hash) && matchesIntent(record, tx))
      return deps.store.update(id, {
        hash: tx.hash as Hex,
        status: 'PENDING',
        privacy: record.protected ? 'checking' : 'unprotected',
        detail: 'Found on chain by its sender and nonce after the page lost the wallet’s answer.',
      })
    return deps.store.update(id, {
      status: 'NOT_SENT',
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
  return deps.store.update(id, {
    sentUnknown: true,
    detail: `The wallet never answered this page. ${sentUnknownFor(record)}`,
  })
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
      if (tx && matchesIntent(record, tx) && !ownedByAnother(deps.store, record.id, tx.hash))
        return deps.store.update(record.id, {
          hash: tx.hash as Hex,
          nonce: tx.nonce,
          status: 'PENDING',
          privacy: record.protected ? 'checking' : 'unprotected',
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

function ownedByAnother(store: RecordStore, id: string, hash: string): boolean {
  return store.list().some((r) => r.id !== id && r.hash?.toLowerCase() === hash.toLowerCase())
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
      deps.store.update(record.id, {
        hash,
        sentAt: current.sentAt ?? (deps.now ?? Date.now)(),
        status: 'PENDING',
        privacy: current.protected ? 'checking' : 'unprotected',
        detail: 'Your wallet named the batch transaction.',
      }) ?? current
    )
  if (status.statusCode !== undefined && status.statusCode >= 400 && status.statusCode < 500)
    return (
      deps.store.update(record.id, {
        status: 'NOT_SENT',
        detail: `Not sent: your wallet reports the batch failed before reaching the chain (status ${status.statusCode}).`,
      }) ?? current
    )
  return current
}

/**
 * Whether the user may close an intent as "not sent" on their word (they declined it; their wallet shows the
 * batch not sent, or dropped). Not a batch the wallet accepted (wallet_getCallsStatus settles it), nor a single send whose outcome the
 * wallet left unknown (its nonce settles it: a fill proves it either way). An atomic batch left unknown has no
 * nonce of its own to prove anything, so what the user's wallet shows is the only answer besides its calls on chain.
 */
export function userMayClose(record: TxRecord): boolean {
  if (record.status !== 'AWAITING_WALLET' || record.callsId || inFlightIntents.has(record.id)) return false
  return !record.sentUnknown || walletPicksNonce(record)
}

/** The user says the wallet did not send it (see userMayClose): the intent is closed as "not sent" at once. */
export function closeIntent(store: RecordStore, id: string): TxRecord | undefined {
  const record = store.get(id)
  if (!record || !userMayClose(record)) return record
  return store.update(id, {
    status: 'NOT_SENT',
    detail: 'Closed as not sent: you said the wallet did not send it.',
  })
}
