import { allOf } from '../../core/format/count'
import { consentBlocker, consentWords } from '../../shared/protection/consentWords'
import type { Unprotected } from '../../shared/tx/sender'

export type PublicConsent = { checked: boolean; onChange: (checked: boolean) => void; shown: Unprotected }

/** The batch-wide choice, naming how many transactions would go out publicly. */
export function PublicConsentBox({ consent, count }: { consent: PublicConsent; count: number }) {
  return (
    <label className="check notice notice-bad" data-testid="batch-public-consent">
      <input
        type="checkbox"
        checked={consent.checked}
        onChange={(e) => consent.onChange(e.currentTarget.checked)}
      />{' '}
      {consent.shown === 'route-unknown'
        ? consentWords('route-unknown', count === 1 ? 'this batch' : `these ${count} transactions`)
        : count === 1
          ? 'Send this batch without protection: its one transaction goes to the public mempool, where it can be front-run.'
          : `Send these ${count} transactions without protection: ${allOf(count, 'go')} to the public mempool, where they can be front-run.`}
    </label>
  )
}

/** Why the batch's send button waits while the box is unticked. */
export function consentNotice(shown: Unprotected): string {
  return shown === 'route-unknown'
    ? consentBlocker(shown)
    : 'Your wallet is not using Flashbots Protect: protect it, or choose to send without protection above.'
}
