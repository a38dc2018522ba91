import { type ProtectStatusResult, simErrorMessage } from '../../protect/status'
import type { Proof } from '../records/proofFields'
import type { PrivacyVerdict, ReceiptSummary, TxStatus } from '../records/records'
import type { ChainView, Confirmation } from './evidence'

/** Protect has the transaction the moment the wallet gets a hash back; this allows for indexing lag only. */
export const unknownGraceMs = 6_000

/** Blocks a "replaced" must hold (nonce used, no receipt of ours) before it is final. */
export const replacedAfterBlocks = 3

export type Observation = {
  /** Sent through the wallet while it was verified as Protect. */
  protected: boolean
  /** undefined when the status API was not asked (unprotected send, no status URL, or the head did not move). */
  protectStatus: ProtectStatusResult | undefined
  /** One endpoint's view at one block; undefined when every endpoint failed (nothing is concluded). */
  view: ChainView | undefined
  /** For a view with our receipt: whether a second healthy endpoint agrees. */
  confirmation?: Confirmation
  nonce?: number
  current: TxStatus
  provisional?: Proof['provisional']
  sentAt: number
  now: number
}

export type Derived = {
  status: TxStatus
  /** undefined: leave the record's sentence as it is. */
  detail?: string
  maxBlockNumber?: number
  receipt?: ReceiptSummary
  /** null clears a provisional "replaced"; undefined leaves it. */
  provisional?: Proof['provisional'] | null
}

/**
 * One status from what one endpoint shows at one block and what the status API says. A final status needs
 * proof: a receipt carrying our hash (confirmed by a second healthy endpoint where there is one), Protect's
 * own CANCELLED / FAILED next to a successful read, or a nonce used by another transaction for a few blocks.
 * A failed or inconclusive read concludes nothing.
 */
// Over 80 lines: one ordered list of status rules; the first that applies wins, so their order stays in one place.
export function deriveStatus(o: Observation): Derived {
  const api = o.protectStatus
  const ok = api?.kind === 'ok' ? api.status : undefined
  const maxBlockNumber = ok?.maxBlockNumber ?? undefined
  const withBlock = (d: Derived): Derived => (maxBlockNumber !== undefined ? { ...d, maxBlockNumber } : d)
  const keep = (detail?: string): Derived => withBlock({ status: o.current, ...(detail ? { detail } : {}) })
  const v = o.view
  if (!v)
    return keep(
      'Could not read the chain from your read endpoints; nothing is concluded from that. Retrying.',
    )
  if (v.inconclusive) return keep()

  if (v.receipt) {
    const outcome: TxStatus = v.receipt.success ? 'INCLUDED' : 'REVERTED'
    const c = o.confirmation
    if (c?.kind === 'confirmed' || c?.kind === 'single')
      return withBlock({
        status: outcome,
        detail: outcome === 'REVERTED' ? 'The transaction was included but reverted.' : '',
        receipt: v.receipt,
        provisional: null,
      })
    if (c?.kind === 'disagrees')
      return keep(`Read endpoints disagree: ${c.message}. Waiting until they agree.`)
    if (c?.kind === 'unavailable')
      return keep(
        `In block ${v.receipt.blockNumber} according to ${v.endpointName}, confirmed by one endpoint only: a second endpoint could not be read (${c.reason.replace(/\.$/, '')}). Checking again.`,
      )
    return keep(
      `In block ${v.receipt.blockNumber} according to ${v.endpointName}; waiting for a second endpoint to confirm.`,
    )
  }

  if (ok?.status === 'CANCELLED')
    return withBlock({
      status: 'CANCELLED',
      detail: 'Protect will not include it.',
      provisional: null,
    })

  if (o.nonce !== undefined && v.minedCount !== undefined && v.minedCount > o.nonce) {
    if (ok?.status === 'INCLUDED')
      return keep(
        `Protect says it was included, but ${v.endpointName} has no receipt for it at block ${v.head}; reading again.`,
      )
    const since = o.provisional?.sinceBlock ?? v.head
    if (v.head >= since + replacedAfterBlocks)
      return withBlock({
        status: 'REPLACED',
        detail: 'Another transaction with the same nonce was included instead.',
        provisional: null,
      })
    return withBlock({
      status: o.current,
      detail: `Probably replaced: another transaction used nonce ${o.nonce} (${v.endpointName}, block ${v.head}); confirming over ${replacedAfterBlocks} blocks.`,
      provisional: o.provisional ?? {
        status: 'REPLACED',
        sinceBlock: v.head,
        endpoint: v.endpointName,
        at: o.now,
      },
    })
  }
  const cleared = o.provisional ? { provisional: null } : {}

  if (ok?.status === 'FAILED') {
    const why = simErrorMessage(ok.simError)
    // Protect may still include a transaction it reported FAILED until its window ends (nextSend waits for it).
    const open = maxBlockNumber !== undefined && v.head < maxBlockNumber
    return withBlock({
      status: 'FAILED',
      detail: open
        ? `Protect reports it failed${why ? `: ${why}` : ''}, but may still include it until block ${maxBlockNumber}. You can send it again after that.`
        : `Not included within Protect's block window${why ? `: ${why}` : ''}. You can send it again.`,
      ...cleared,
    })
  }
  if (ok?.status === 'INCLUDED')
    return withBlock({
      status: 'PENDING',
      detail: 'Included according to Protect; reading the receipt.',
      ...cleared,
    })
  if (ok?.status === 'UNKNOWN' && o.now - o.sentAt >= unknownGraceMs)
    return { status: 'UNKNOWN', detail: 'Protect never received this transaction.', ...cleared }
  const why = ok ? simErrorMessage(ok.simError) : undefined
  return withBlock({
    status: 'PENDING',
    detail: why
      ? `Protect's simulation reports: ${why}.`
      : api?.kind === 'unavailable'
        ? `Status unavailable: ${api.reason}.`
        : v.tx === 'pending'
          ? `Waiting in ${v.endpointName}'s public pool.`
          : '',
    ...cleared,
  })
}

/** A record's privacy verdict as a short label (the full sentence with its sources: privacyVerdictText). */
export const privacyText: Record<PrivacyVerdict, string> = {
  checking: 'Checking privacy…',
  private: 'Private: only Protect saw it before inclusion',
  'likely-private': 'Likely private: not seen in public, but the evidence is limited',
  'went-public': 'Went public: Protect never received it (the wallet broadcast it elsewhere)',
  'privacy-lost': 'Privacy lost: it was seen in the public mempool',
  'status-unavailable': 'Status unavailable: privacy could not be verified',
  unprotected: 'Sent without protection (public mempool)',
}

export const statusText: Record<TxStatus, string> = {
  PENDING: 'Pending',
  INCLUDED: 'Included',
  REVERTED: 'Reverted',
  FAILED: 'Failed (not included)',
  CANCELLED: 'Cancelled',
  REPLACED: 'Replaced',
  UNKNOWN: 'Unknown to Protect',
}
