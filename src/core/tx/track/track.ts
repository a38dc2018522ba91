import type { Hex } from 'viem'
import { type Clock, sleepOn, systemClock } from '../../clock/clock'
import { pendingSupport } from '../../proof/pendingSupport'
import { fetchProtectStatus, type ProtectStatusResult } from '../../protect/status'
import { applyEvent } from '../records/lifecycle'
import type { Proof } from '../records/proofFields'
import { isFinal, type RecordStore, type TxRecord, type TxStatus } from '../records/records'
import { askAfterInclusion, awaitsAfterInclusion } from './afterInclusion'
import { apiText, deriveObservation, type LookReads } from './derive'
import { type ChainReads, confirmReceipt, type KnownInclusion, observeChain } from './evidence'
import { readProof } from './observations'
import type { PendingStreams } from './pendingWatch'

export type TrackDeps = {
  /** The chain's read endpoints (the endpoint pool): several reads on one endpoint, a second to confirm. */
  reads: ChainReads
  /** The chain's Protect status base URL; absent on chains without Protect. */
  statusUrl?: string
  fetchStatus?: (statusUrl: string, hash: Hex) => Promise<ProtectStatusResult>
  store: RecordStore
  /** The chain's WebSocket `newPendingTransactions` streams (the watch's second half), where the config has any. */
  pendingStreams?: PendingStreams
  now?: () => number
  /** Timers between polls (the system clock unless a test or the simulator runs the tracker on a fake one). */
  clock?: Clock
}

/** Final statuses later evidence can still contradict: a receipt may appear (rpc-endpoint #95). */
const contradictable: ReadonlySet<string> = new Set<TxStatus>(['FAILED', 'REPLACED', 'CANCELLED'])
/** Protect's block window: how long a FAILED (or replaced, cancelled) record keeps a light watch. */
export const watchBlocks = 25
/** …and at most this long in time, for records picked up again after a reload. */
export const watchMs = 15 * 60_000
/** Between blocks only the head is read; a full look is taken at least this often anyway. */
export const refreshMs = 4_000

/** Whether tracking still looks at this record: open, or final but inside its light-watch window. */
export function isTracked(record: TxRecord, now: number): boolean {
  if (!record.hash) return false
  if (!isFinal(record.status)) return true
  const proof = readProof(record)
  const since = proof.finalAt ?? { at: record.updatedAt ?? record.createdAt }
  if (now - since.at > watchMs) return false
  if (awaitsAfterInclusion(record)) return true
  if (!contradictable.has(record.status)) return false
  return !(since.block !== undefined && (proof.observedHead ?? 0) > since.block + watchBlocks)
}

function knownInclusions(store: RecordStore, record: TxRecord): KnownInclusion[] {
  const who = record.from.toLowerCase()
  return store
    .list()
    .filter(
      (r) =>
        r.id !== record.id &&
        r.chainId === record.chainId &&
        r.from.toLowerCase() === who &&
        r.nonce !== undefined &&
        r.receipt &&
        (r.status === 'INCLUDED' || r.status === 'REVERTED'),
    )
    .map((r) => ({ nonce: r.nonce as number, block: Number(r.receipt?.blockNumber) }))
}

/**
 * Reads the chain on one endpoint at one block (and the status API once per new block). Undefined when nothing
 * new was read: the same head as the last complete observation, nothing refused and nothing announced.
 */
export async function readObservation(
  deps: TrackDeps,
  record: TxRecord & { hash: Hex },
  now: number,
): Promise<LookReads | undefined> {
  const open = !isFinal(record.status)
  const proof = readProof(record)
  const hash = record.hash
  const fetchStatus = deps.fetchStatus ?? ((url: string, h: Hex) => fetchProtectStatus(url, h))
  const asked = open && record.protected && deps.statusUrl ? fetchStatus(deps.statusUrl, hash) : undefined
  // Same head as the last complete observation: only the head is read, unless it is time for a full look
  // (a block can be replaced at the same height) or Protect's answer changed.
  const fresh = proof.observedAt !== undefined && now - proof.observedAt < refreshMs
  const known = knownInclusions(deps.store, record)
  const subject = open ? record : { ...record, nonce: undefined }
  let chain = await observeChain(deps.reads, subject, {
    known,
    ...(fresh && proof.observedHead !== undefined ? { lastHead: proof.observedHead } : {}),
    ...watchRotation(deps.reads, record, proof),
  })
  const protectStatus = await asked
  const lastApi = [...(proof.log ?? [])].reverse().find((e) => e.source === 'status-api')?.text
  const apiChanged = protectStatus !== undefined && apiText(protectStatus) !== lastApi
  if (chain.ok && chain.view.inconclusive === 'same-head' && apiChanged)
    chain = await observeChain(deps.reads, subject, { known })
  const view = chain.ok ? chain.view : undefined
  // Read after the chain, so an announcement that arrived meanwhile counts; only while no receipt was known.
  const streams = deps.pendingStreams
  const stream =
    open && record.protected && !record.receipt && streams
      ? { sighting: streams.sighting(hash), covering: streams.coveringSince(record.createdAt) }
      : undefined
  const announced = stream?.sighting && !proof.watch?.seenPending ? stream.sighting : undefined
  if (view?.inconclusive === 'same-head' && chain.refused.length === 0 && !announced) return undefined
  return {
    ...(view ? { view } : {}),
    refused: chain.refused,
    ...(protectStatus ? { protectStatus } : {}),
    ...(stream ? { stream } : {}),
    ...(announced ? { announced } : {}),
    ...(view?.receipt ? { confirmation: await confirmReceipt(deps.reads, record, view) } : {}),
    configuredEndpoints: endpointCount(deps),
    servesPending: (name: string) => pendingSupport.servesByName(record.chainId, name),
  }
}

/**
 * One look at a tracked record: read (`readObservation`) → derive what that proves (`deriveObservation`, pure)
 * → patch the record. Records that are final but contradictable get only the receipt check.
 */
export async function observeOnce(deps: TrackDeps, id: string): Promise<TxRecord | undefined> {
  const record = deps.store.get(id)
  const now = (deps.now ?? Date.now)()
  if (!record?.hash || !isTracked(record, now)) return record
  if (isFinal(record.status) && awaitsAfterInclusion(record))
    return askAfterInclusion({ ...deps, readEndpointCount: endpointCount(deps) }, record, now)
  const seen = await readObservation(deps, { ...record, hash: record.hash }, now)
  if (!seen) return record
  return applyEvent(deps.store, id, { kind: 'observed', patch: deriveObservation(record, seen, now) })
}

const endpointCount = (deps: TrackDeps) =>
  deps.reads.readEndpointCount?.() ?? deps.reads.healthyEndpoints().length

/**
 * While a protected transaction is pending, each look goes to a read endpoint the watch has not asked yet, so
 * "none of your N read endpoints saw it pending" covers them all (each look is still one endpoint, one block).
 */
function watchRotation(reads: ChainReads, record: TxRecord, proof: Proof): { prefer?: string[] } {
  if (!record.protected || isFinal(record.status) || record.receipt || proof.watch?.seenPending) return {}
  const asked = new Set(proof.watch?.asked ?? [])
  const fresh = reads.healthyEndpoints().filter((e) => !asked.has(e.name))
  return fresh.length > 0 ? { prefer: fresh.map((e) => e.id) } : {}
}

export type TrackOptions = {
  intervalMs?: number
  signal?: AbortSignal
  /** Bounded: a record still open after this many polls is left for the next resume (reload). */
  maxPolls?: number
  /** Keep a light watch on a FAILED / REPLACED / CANCELLED record for Protect's block window after it. */
  lightWatch?: boolean
  onUpdate?: (record: TxRecord) => void
}

/**
 * Polls until the record reaches a final status (then, with lightWatch, until its watch window ends), the
 * signal aborts, or maxPolls runs out. Reads happen once per new block; polls in between cost one request.
 */
export async function trackUntilFinal(
  deps: TrackDeps,
  id: string,
  options: TrackOptions = {},
): Promise<TxRecord | undefined> {
  const { intervalMs = 1000, signal, maxPolls = 3600 } = options
  let record = deps.store.get(id)
  for (let i = 0; i < maxPolls && !signal?.aborted; i++) {
    record = await observeOnce(deps, id)
    if (!record) return undefined
    options.onUpdate?.(record)
    const after = awaitsAfterInclusion(record) && isTracked(record, (deps.now ?? Date.now)())
    if (
      isFinal(record.status) &&
      !after &&
      (!options.lightWatch || !isTracked(record, (deps.now ?? Date.now)()))
    )
      return record
    // Private inclusion is often one block away: look again soon at first, then settle to the interval.
    const wait = isFinal(record.status) ? intervalMs * 2 : i < 4 ? Math.min(250, intervalMs) : intervalMs
    await sleepOn(deps.clock ?? systemClock, wait, signal)
  }
  return record
}
