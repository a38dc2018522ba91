import { useEffect, useState } from 'react'
import type { ProtectionState } from '../../core/protect/detect'

type Unprotected = Exclude<ProtectionState, 'protected'>

/**
 * The "send without protection" box, bound to the protection state shown when it was ticked (the gate honours
 * it only in that state, core/tx/send/gate.ts). Any change of that state unticks it: the user is asked again.
 * `gateState`: what the gate said when it last stopped a send, which the page shows over its own probe.
 */
export function usePublicConsent(protectionKind: string, gateState?: Unprotected) {
  const shown: Unprotected = gateState ?? (protectionKind === 'not-protected' ? 'not-protected' : 'unknown')
  const [givenIn, setGivenIn] = useState<Unprotected | undefined>()
  useEffect(() => {
    if (protectionKind || gateState) setGivenIn(undefined)
  }, [protectionKind, gateState])
  const checked = givenIn !== undefined && givenIn === shown
  return {
    checked,
    set: (tick: boolean) => setGivenIn(tick ? shown : undefined),
    /** For the intent: the choice and the state it was given in. */
    intent: checked ? { consentToPublic: true, consentFor: shown } : { consentToPublic: false },
  }
}
