import type { Hex, PublicClient, TransactionReceipt } from 'viem'
import { isReceiptNotFound } from '../errors/predicates'
import { fetchProtectStatus, type ProtectStatusResult } from '../protect/status'
import {
  type ActivityRecord,
  type ActivityStore,
  isFinal,
  type PrivacyVerdict,
  type ReceiptSummary,
} from './records'
import { deriveStatus } from './status'

export type TrackDeps = {
  client: Pick<PublicClient, 'getTransactionReceipt' | 'getTransactionCount'>
  /** The chain's Protect status base URL; absent on chains without Protect. */
  statusUrl?: string
  fetchStatus?: (statusUrl: string, hash: Hex) => Promise<ProtectStatusResult>
  store: ActivityStore
  now?: () => number
}

export function summarizeReceipt(receipt: TransactionReceipt): ReceiptSummary {
  return {
    blockNumber: receipt.blockNumber.toString(),
    gasUsed: receipt.gasUsed.toString(),
    effectiveGasPrice: receipt.effectiveGasPrice.toString(),
    fee: (receipt.gasUsed * receipt.effectiveGasPrice).toString(),
    success: receipt.status === 'success',
  }
}

type Read<T> = { ok: true; value: T } | { ok: false }

async function readReceipt(deps: TrackDeps, hash: Hex): Promise<Read<ReceiptSummary | undefined>> {
  try {
    return { ok: true, value: summarizeReceipt(await deps.client.getTransactionReceipt({ hash })) }
  } catch (error) {
    if (isReceiptNotFound(error)) return { ok: true, value: undefined }
    return { ok: false }
  }
}

async function readMinedCount(deps: TrackDeps, record: ActivityRecord): Promise<number | undefined> {
  if (record.nonce === undefined) return undefined
  try {
    return await deps.client.getTransactionCount({ address: record.from, blockTag: 'latest' })
  } catch {
    return undefined
  }
}

/** Once seen, a loss of privacy is never un-seen; a confirmed "private" survives a later unreachable API. */
function mergePrivacy(previous: PrivacyVerdict, next: PrivacyVerdict): PrivacyVerdict {
  if (previous === 'privacy-lost' || previous === 'went-public') return previous
  if (previous === 'private' && (next === 'status-unavailable' || next === 'checking')) return previous
  return next
}

/** Reads the status API and the receipt once and writes what they say into the record. */
export async function observeOnce(deps: TrackDeps, id: string): Promise<ActivityRecord | undefined> {
  const record = deps.store.get(id)
  if (!record?.hash || isFinal(record.status)) return record
  const hash = record.hash
  const fetchStatus = deps.fetchStatus ?? ((url: string, h: Hex) => fetchProtectStatus(url, h))
  const [protectStatus, receipt, minedNonceCount] = await Promise.all([
    record.protected && deps.statusUrl ? fetchStatus(deps.statusUrl, hash) : Promise.resolve(undefined),
    readReceipt(deps, hash),
    readMinedCount(deps, record),
  ])
  const derived = deriveStatus({
    protected: record.protected,
    protectStatus,
    receipt: receipt.ok ? receipt.value : undefined,
    ...(minedNonceCount !== undefined ? { minedNonceCount } : {}),
    ...(record.nonce !== undefined ? { nonce: record.nonce } : {}),
    sentAt: record.createdAt,
    now: (deps.now ?? Date.now)(),
  })
  // A failed receipt read leaves the status as it was: "could not read" is not "not included".
  const detail = !receipt.ok
    ? 'Could not read the receipt from the read endpoints; retrying.'
    : derived.detail
  const patch: Partial<ActivityRecord> = {
    status: derived.status,
    privacy: mergePrivacy(record.privacy, derived.privacy),
    detail,
    ...(derived.maxBlockNumber !== undefined ? { maxBlockNumber: derived.maxBlockNumber } : {}),
    ...(receipt.ok && receipt.value ? { receipt: receipt.value } : {}),
  }
  return deps.store.update(id, patch)
}

export type TrackOptions = {
  intervalMs?: number
  signal?: AbortSignal
  /** Bounded: a record still open after this many polls is left for the next resume (reload). */
  maxPolls?: number
  onUpdate?: (record: ActivityRecord) => void
}

/** Polls until the record reaches a final status, the signal aborts, or maxPolls runs out. */
export async function trackUntilFinal(
  deps: TrackDeps,
  id: string,
  options: TrackOptions = {},
): Promise<ActivityRecord | undefined> {
  const { intervalMs = 1000, signal, maxPolls = 3600 } = options
  let record = deps.store.get(id)
  for (let i = 0; i < maxPolls && !signal?.aborted; i++) {
    record = await observeOnce(deps, id)
    if (!record) return undefined
    options.onUpdate?.(record)
    if (isFinal(record.status)) return record
    // Private inclusion is often one block away: look again soon at first, then settle to the interval.
    await sleep(i < 4 ? Math.min(250, intervalMs) : intervalMs, signal)
  }
  return record
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done, { once: true })
  })
}
