import type { ProtectStatusResult } from '../../protect/status'
import type { Proof } from '../records/proofFields'
import { isFinal, type TxRecord, type TxStatus } from '../records/records'
import type { ChainView, Confirmation, Refusal } from './evidence'
import { correction, logAnswer, readProof } from './observations'
import type { PendingSighting } from './pendingWatch'
import { derivePrivacy } from './privacy'
import { deriveStatus, statusText } from './status'

/** What one look read (see `readObservation` in track.ts): the input of `deriveObservation`. */
export type LookReads = {
  /** One endpoint's view at one block; absent when no endpoint could answer. */
  view?: ChainView
  refused: readonly Refusal[]
  protectStatus?: ProtectStatusResult
  /** The WebSocket pending streams, while they can still say something. */
  stream?: { sighting: PendingSighting | undefined; covering: string[] }
  /** A pending announcement not logged yet. */
  announced?: PendingSighting
  confirmation?: Confirmation
  /** The chain's read endpoints (for verdicts such as "none of your 3 read endpoints…"). */
  configuredEndpoints: number
  /** Whether a read endpoint (by name) is known to list pending transactions (the Network page's check). */
  servesPending?: (name: string) => boolean | undefined
}

export type RecordPatch = Partial<TxRecord> & Proof

export function apiText(result: ProtectStatusResult): string {
  if (result.kind === 'unavailable') return `unavailable: ${result.reason}`
  const s = result.status
  return [
    s.status,
    s.seenInMempool ? 'seen in the public mempool' : 'not seen in the public mempool',
    s.simError,
  ]
    .filter(Boolean)
    .join(', ')
}

function watchText(view: ChainView): string | undefined {
  if (view.inconclusive || view.receipt) return undefined
  return view.tx === 'pending' ? 'pending in its public pool' : view.tx === 'unknown' ? 'not seen' : undefined
}

/**
 * Whether this block's reads are done: a receipt still waiting for a second endpoint, or Protect saying
 * INCLUDED without one, is read again before the next block.
 */
function settled(
  view: ChainView,
  derived: { status: TxStatus },
  api: ProtectStatusResult | undefined,
): boolean {
  if (view.inconclusive) return false
  if (view.receipt && !isFinal(derived.status)) return false
  return !(api?.kind === 'ok' && api.status.status === 'INCLUDED' && !view.receipt)
}

function confirmedBy(view: ChainView, c: Confirmation | undefined): string[] {
  return c?.kind === 'confirmed' ? [view.endpointName, c.endpoint] : [view.endpointName]
}

/** The proof log with what this look heard: refused answers, a pending announcement, Protect, the watch. */
function logged(record: TxRecord, proof: Proof, seen: LookReads, now: number): Proof['log'] {
  const { view, protectStatus, announced } = seen
  let log = proof.log
  for (const r of seen.refused)
    log = logAnswer(log, { source: 'refused', text: r.message, endpoint: r.endpoint }, now)
  if (announced) {
    const text = 'announced as pending on its newPendingTransactions stream'
    log = logAnswer(log, { source: 'websocket', text, endpoint: announced.endpoint }, announced.at)
  }
  if (protectStatus) log = logAnswer(log, { source: 'status-api', text: apiText(protectStatus) }, now)
  const watched = view && watchText(view)
  if (view && watched && record.protected)
    log = logAnswer(
      log,
      { source: 'watch', text: watched, endpoint: view.endpointName, block: view.head },
      now,
    )
  return log
}

/**
 * What one look proves, as a patch for the record: its status and privacy derived from what was read, the
 * proof log, and a correction when a receipt contradicts a final status. Pure: the reads are done before.
 */
export function deriveObservation(record: TxRecord, seen: LookReads, now: number): RecordPatch {
  const proof = readProof(record)
  const open = !isFinal(record.status)
  const { view, protectStatus, confirmation } = seen
  let log = logged(record, proof, seen, now)
  const derived = deriveStatus({
    protected: record.protected,
    protectStatus,
    view,
    ...(confirmation ? { confirmation } : {}),
    ...(record.nonce !== undefined ? { nonce: record.nonce } : {}),
    current: record.status as TxStatus,
    ...(proof.provisional ? { provisional: proof.provisional } : {}),
    sentAt: record.createdAt,
    now,
  })
  const privacy = derivePrivacy({
    protected: record.protected,
    previous: record.privacy,
    watch: proof.watch,
    api: proof.api,
    protectStatus,
    view,
    mined: Boolean(record.receipt) || Boolean(view?.receipt),
    configuredEndpoints: seen.configuredEndpoints,
    ...(seen.servesPending ? { servesPending: seen.servesPending } : {}),
    ...(seen.stream ? { stream: seen.stream } : {}),
    sentAt: record.createdAt,
    now,
  })
  const patch: RecordPatch = {
    privacy: privacy.privacy,
    ...(privacy.watch ? { watch: privacy.watch } : {}),
    ...(privacy.api ? { api: privacy.api } : {}),
    ...(view && settled(view, derived, protectStatus) ? { observedHead: view.head, observedAt: now } : {}),
    ...(view && proof.firstSeenHead === undefined ? { firstSeenHead: view.head } : {}),
  }
  // The wallet may pick the nonce (an atomic batch's always does, MetaMask may for any send): once its receipt is
  // confirmed, the record holds the one its transaction used, the one the next send counts on.
  if (derived.receipt && view?.txNonce !== undefined && view.txNonce !== record.nonce) {
    patch.nonce = view.txNonce
    if (record.nonce !== undefined) patch.askedNonce = record.askedNonce ?? record.nonce
  }
  if (open) {
    patch.status = derived.status
    if (derived.detail !== undefined) patch.detail = derived.detail
    if (derived.maxBlockNumber !== undefined) patch.maxBlockNumber = derived.maxBlockNumber
    if (derived.provisional !== undefined) patch.provisional = derived.provisional ?? undefined
    if (isFinal(derived.status) && !isFinal(record.status))
      patch.finalAt = { at: now, ...(view ? { block: view.head } : {}) }
  } else if (derived.receipt && (derived.status === 'INCLUDED' || derived.status === 'REVERTED')) {
    // A final status contradicted by a receipt: corrected on the record, and the correction shown.
    const from = record.status as TxStatus
    const when = new Date(now).toISOString()
    const reason = `A receipt in block ${derived.receipt.blockNumber} (${view?.endpointName ?? 'read endpoint'}) shows it was included after it was shown as ${statusText[from]}.`
    patch.status = derived.status
    patch.detail = `Corrected at ${when}: ${reason}`
    patch.corrections = [...(proof.corrections ?? []), correction(from, derived.status, reason, now)].slice(
      -10,
    )
    log = logAnswer(log, { source: 'correction', text: `${from} → ${derived.status}: ${reason}` }, now)
  }
  if (derived.receipt && (!open || isFinal(derived.status))) {
    patch.receipt = derived.receipt
    if (view) patch.confirmedBy = confirmedBy(view, confirmation)
  }
  const mined = Boolean(record.receipt || derived.receipt)
  if (mined && record.receipt === undefined && derived.receipt) patch.receipt = derived.receipt
  if (log) patch.log = log
  return patch
}
