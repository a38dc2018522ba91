import type { IconName } from '../ui/Icon'

/** The icon beside a record's status; a status this version does not know gets the question mark. */
const byStatus: Record<string, IconName> = {
  AWAITING_WALLET: 'pen',
  PENDING: 'clock',
  INCLUDED: 'check',
  REVERTED: 'cross',
  FAILED: 'cross',
  CANCELLED: 'ban',
  REPLACED: 'replace',
  UNKNOWN: 'question',
  NOT_SENT: 'dash',
}

const byPrivacy: Record<string, IconName> = {
  checking: 'clock',
  private: 'lock',
  'likely-private': 'lock',
  'went-public': 'warning',
  'privacy-lost': 'warning',
  'status-unavailable': 'question',
  unprotected: 'warning',
}

export const statusIcon = (status: string): IconName => byStatus[status] ?? 'question'
export const privacyIcon = (privacy: string): IconName => byPrivacy[privacy] ?? 'question'
