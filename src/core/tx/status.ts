import { type ProtectStatusResult, simErrorMessage } from '../protect/status'
import type { PrivacyVerdict, ReceiptSummary, TxStatus } from './records'

/** Protect has the transaction the moment the wallet gets a hash back; this allows for indexing lag only. */
export const unknownGraceMs = 6_000

export type Observation = {
  /** Sent through the wallet while it was verified as Protect. */
  protected: boolean
  /** undefined when the status API was not asked (unprotected send, or no status URL). */
  protectStatus: ProtectStatusResult | undefined
  receipt: ReceiptSummary | undefined
  /** The account's mined transaction count (latest): past our nonce without our receipt = replaced. */
  minedNonceCount?: number
  nonce?: number
  sentAt: number
  now: number
}

export type Derived = { status: TxStatus; privacy: PrivacyVerdict; detail?: string; maxBlockNumber?: number }

/** Turns what the status API and the read endpoints say into one status and one privacy verdict. */
export function deriveStatus(o: Observation): Derived {
  const api = o.protectStatus
  const ok = api?.kind === 'ok' ? api.status : undefined
  const maxBlockNumber = ok?.maxBlockNumber ?? undefined
  const privacy = privacyOf(o)
  const withBlock = (d: Derived): Derived => (maxBlockNumber !== undefined ? { ...d, maxBlockNumber } : d)

  if (o.receipt)
    return withBlock({
      status: o.receipt.success ? 'INCLUDED' : 'REVERTED',
      privacy,
      ...(o.receipt.success ? {} : { detail: 'The transaction was included but reverted.' }),
    })

  if (ok?.status === 'CANCELLED')
    return withBlock({ status: 'CANCELLED', privacy, detail: 'Cancelled: it will not be included.' })
  if (o.nonce !== undefined && o.minedNonceCount !== undefined && o.minedNonceCount > o.nonce)
    return withBlock({
      status: 'REPLACED',
      privacy,
      detail: 'Another transaction with the same nonce was included instead.',
    })
  if (ok?.status === 'FAILED') {
    const why = simErrorMessage(ok.simError)
    return withBlock({
      status: 'FAILED',
      privacy,
      detail: `Not included within Protect's block window${why ? `: ${why}` : ''}. You can send it again.`,
    })
  }
  if (ok?.status === 'INCLUDED')
    return withBlock({
      status: 'PENDING',
      privacy,
      detail: 'Included according to Protect; reading the receipt.',
    })
  if (ok?.status === 'UNKNOWN' && o.now - o.sentAt >= unknownGraceMs)
    return { status: 'UNKNOWN', privacy, detail: 'Protect never received this transaction.' }
  const why = ok ? simErrorMessage(ok.simError) : undefined
  return withBlock({
    status: 'PENDING',
    privacy,
    ...(why ? { detail: `Protect's simulation reports: ${why}.` } : {}),
    ...(api?.kind === 'unavailable' ? { detail: `Status unavailable: ${api.reason}.` } : {}),
  })
}

function privacyOf(o: Observation): PrivacyVerdict {
  if (!o.protected) return 'unprotected'
  const api = o.protectStatus
  if (!api) return 'checking'
  if (api.kind === 'unavailable') return 'status-unavailable'
  if (api.status.seenInMempool) return 'privacy-lost'
  // Mined while Protect has never heard of it: it certainly went another way.
  if (api.status.status === 'UNKNOWN')
    return o.receipt || o.now - o.sentAt >= unknownGraceMs ? 'went-public' : 'checking'
  return 'private'
}

/** A record's privacy verdict in words for the UI and README. */
export const privacyText: Record<PrivacyVerdict, string> = {
  checking: 'Checking privacy…',
  private: 'Private: only Protect saw it before inclusion',
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
