import type { Address, Hex, PublicClient, Transaction } from 'viem'
import type { ActivityRecord, ActivityStore } from '../records/records'
import { inFlightIntents } from '../send/inFlight'

/**
 * After a reload, an intent ("waiting for your wallet") has lost its wallet request: the user may still approve
 * the prompt, or may have declined it. The chain tells: once the intent's nonce is used, the transaction that
 * used it is found by sender and nonce and the record gets its hash; a nonce used by something else closes it
 * as "not sent". A nonce still free proves nothing (a private transaction is invisible until included): the
 * intent stays open ("Sent? Not known yet").
 */
export type IntentReader = Pick<PublicClient, 'getTransactionCount' | 'getBlockNumber' | 'getBlock'>

/** The one sentence for an intent whose outcome the wallet left unknown (also the record's detail). */
export const sentUnknownText =
  'Sent? Not known yet: Hush keeps looking for it by its nonce. Do not send it again.'

/**
 * An orphaned intent whose nonce stays free this long is marked "Sent? Not known yet" and stops holding its
 * nonce: no wallet keeps a prompt that long, but a relay may still hold what the wallet sent.
 */
export const intentTimeoutMs = 10 * 60_000

/**
 * The transaction from `from` with `nonce`, searched in blocks `fromBlock`..head: a binary search on the
 * account's transaction count finds the block that used the nonce, then that block is read in full.
 */
export async function findTransactionByNonce(
  reader: IntentReader,
  from: Address,
  nonce: number,
  fromBlock: bigint,
): Promise<Transaction | undefined> {
  let lo = fromBlock
  let hi = await reader.getBlockNumber({ cacheTime: 0 })
  if (lo > hi) lo = hi
  const usedBy = async (block: bigint) =>
    (await reader.getTransactionCount({ address: from, blockNumber: block })) > nonce
  if (!(await usedBy(hi))) return undefined
  while (lo < hi) {
    const mid = lo + (hi - lo) / 2n
    if (await usedBy(mid)) hi = mid
    else lo = mid + 1n
  }
  const block = await reader.getBlock({ blockNumber: lo, includeTransactions: true })
  return block.transactions.find(
    (tx) => typeof tx !== 'string' && tx.from.toLowerCase() === from.toLowerCase() && tx.nonce === nonce,
  ) as Transaction | undefined
}

/** Whether the transaction found is the one the intent asked for (an atomic batch is the wallet's own). */
export function matchesIntent(
  record: ActivityRecord,
  tx: Pick<Transaction, 'to' | 'value' | 'input'>,
): boolean {
  if (record.kind === 'batch') return true
  const call = record.call
  if (!call) return false
  return (
    (tx.to ?? '').toLowerCase() === call.to.toLowerCase() &&
    tx.value === BigInt(call.value) &&
    (tx.input ?? '0x').toLowerCase() === (call.data ?? '0x').toLowerCase()
  )
}

export type ResolveDeps = {
  reader: IntentReader
  store: ActivityStore
  now?: () => number
  /** Whether some tab is in the middle of a wallet request for this account (its prompt is live). */
  accountBusy: (record: ActivityRecord) => Promise<boolean>
}

/** One look at an open intent; returns the record as it is afterwards. Read failures change nothing. */
export async function resolveIntent(deps: ResolveDeps, id: string): Promise<ActivityRecord | undefined> {
  const record = deps.store.get(id)
  if (record?.status !== 'AWAITING_WALLET' || record.nonce === undefined) return record
  if (inFlightIntents.has(id)) return record
  const nonce = record.nonce
  let mined: number
  try {
    mined = await deps.reader.getTransactionCount({ address: record.from, blockTag: 'latest' })
  } catch {
    return record
  }
  if (mined > nonce) {
    let tx: Transaction | undefined
    try {
      tx = await findTransactionByNonce(deps.reader, record.from, nonce, BigInt(record.intentBlock ?? 0))
    } catch {
      return record
    }
    const current = deps.store.get(id)
    if (!tx || current?.status !== 'AWAITING_WALLET') return current
    // The same call sent again at this nonce by another record is that record's transaction, not this one.
    const owned = deps.store
      .list()
      .some((r) => r.id !== id && r.hash?.toLowerCase() === tx.hash.toLowerCase())
    if (!owned && matchesIntent(record, tx))
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
  if (record.sentUnknown || age < intentTimeoutMs || (await deps.accountBusy(record).catch(() => true)))
    return record
  const current = deps.store.get(id)
  if (current?.status !== 'AWAITING_WALLET') return current
  return deps.store.update(id, {
    sentUnknown: true,
    detail: `The wallet never answered this page. ${sentUnknownText}`,
  })
}

/** The user says the prompt was declined or closed: the intent is closed as "not sent" at once. */
export function closeIntent(store: ActivityStore, id: string): ActivityRecord | undefined {
  const record = store.get(id)
  if (record?.status !== 'AWAITING_WALLET' || record.sentUnknown || inFlightIntents.has(id)) return record
  return store.update(id, {
    status: 'NOT_SENT',
    detail: 'Closed as not sent: you said the wallet did not send it.',
  })
}
