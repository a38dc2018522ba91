import { privacyText, statusText } from '../track/status'
import type { RecordStatus, TxRecord, TxStatus } from './records'
import { isKnownStatus } from './records'

/** A record's status in words, for every status a record can carry (one this version does not know, too). */
export function recordStatusText(status: RecordStatus, sentUnknown?: boolean): string {
  if (status === 'AWAITING_WALLET') return sentUnknown ? 'Sent? Not known yet' : 'Waiting for your wallet'
  if (status === 'NOT_SENT') return 'Not sent'
  if (isKnownStatus(status)) return statusText[status as TxStatus]
  return `${status} (written by a newer version of Hush)`
}

export function recordPrivacyText(privacy: TxRecord['privacy']): string {
  return privacyText[privacy] ?? privacy
}

/** Open records that are transactions (a batch container is not one: its steps are). */
export function isPendingTransaction(record: TxRecord): boolean {
  if (record.kind === 'batch' && record.path === 'sequential') return false
  return record.status === 'PENDING' || record.status === 'UNKNOWN' || record.status === 'AWAITING_WALLET'
}
