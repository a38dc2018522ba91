import { recordPrivacyText } from '../../core/tx/records/labels'
import type { TxRecord } from '../../core/tx/records/records'
import { readProof } from '../../core/tx/track/observations'
import { privacyVerdictText } from '../../core/tx/track/privacy'
import { Icon } from '../ui/Icon'
import { privacyIcon } from './statusIcons'

/** The privacy verdict in words, naming its sources (Protect's status API, Hush's own mempool watch). */
export function PrivacyVerdict({ record, testId = 'tx-privacy' }: { record: TxRecord; testId?: string }) {
  return (
    <p className={`tx-privacy tx-privacy-${record.privacy}`} data-testid={testId}>
      <Icon name={privacyIcon(record.privacy)} /> {verdict(record)}
    </p>
  )
}

/** A final status that later evidence contradicted: what it was shown as, and why it changed. */
export function StatusCorrections({ record }: { record: TxRecord }) {
  const corrections = readProof(record).corrections ?? []
  if (corrections.length === 0) return null
  return (
    <ul className="tx-corrections" data-testid="tx-corrections" aria-label="Status corrections">
      {corrections.map((c) => (
        <li key={`${c.at}-${c.to}`}>
          <strong>Corrected</strong> from {c.from.toLowerCase()} to {c.to.toLowerCase()} at{' '}
          <time dateTime={new Date(c.at).toISOString()}>{new Date(c.at).toLocaleString()}</time>: {c.reason}
        </li>
      ))}
    </ul>
  )
}

/** A verdict this version does not know (written by a newer one) is still shown, by its name. */
function verdict(record: TxRecord): string {
  const text = privacyVerdictText(record, readProof(record)) as string | undefined
  return text ?? recordPrivacyText(record.privacy)
}
