import { consentWords } from '../protection/consentWords'
import type { Unprotected } from './sender'

export type ConsentBox = { checked: boolean; shown: Unprotected; set: (checked: boolean) => void }

/**
 * The one "send without protection" box of a single transaction (Send, a record's actions, a diagnosis fix).
 * Its words name the state it is shown for: "not protected" and "route unknown" are different choices.
 */
export function ConsentTick({ consent, what }: { consent: ConsentBox; what: string }) {
  return (
    <label className="check notice notice-bad">
      <input
        type="checkbox"
        checked={consent.checked}
        onChange={(e) => consent.set(e.currentTarget.checked)}
      />{' '}
      {consentWords(consent.shown, what)}
    </label>
  )
}
