import { allOf } from '../../core/format/count'

export type PublicConsent = { checked: boolean; onChange: (checked: boolean) => void }

/** The batch-wide choice, naming how many transactions would go out publicly. */
export function PublicConsentBox({ consent, count }: { consent: PublicConsent; count: number }) {
  return (
    <label className="check notice notice-bad" data-testid="batch-public-consent">
      <input
        type="checkbox"
        checked={consent.checked}
        onChange={(e) => consent.onChange(e.currentTarget.checked)}
      />{' '}
      {count === 1
        ? 'Send this batch without protection: its one transaction goes to the public mempool, where it can be front-run.'
        : `Send these ${count} transactions without protection: ${allOf(count, 'go')} to the public mempool, where they can be front-run.`}
    </label>
  )
}
