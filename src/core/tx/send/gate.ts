import { detectProtection, type Eip1193Request, type ProtectionState } from '../../protect/detect'
import type { WalletRoute } from '../../protect/route'

export type GateResult =
  | { pass: true; protected: boolean }
  /** Stopped: the chain has Protect, the wallet is not (or cannot be shown to be) on it, and no consent. */
  | { pass: false; state: Exclude<ProtectionState, 'protected'> }

/**
 * The protection gate, run right before every wallet request: a fresh `isFlashRPC()` probe through the wallet's
 * own provider, never a cached answer. "Unknown" is not "protected". Going public needs the user's explicit
 * consent for this transaction (or, for a batch, the one choice that named how many go out publicly).
 * A connection whose route Hush cannot see (route.ts) is "route unknown" whatever the probe says.
 */
export async function protectionGate(
  wallet: Eip1193Request,
  chainHasProtect: boolean,
  consent: Consent,
  route: WalletRoute = { kind: 'seen' },
): Promise<GateResult> {
  if (!chainHasProtect) return { pass: true, protected: false }
  const state = route.kind === 'unknown' ? 'route-unknown' : await detectProtection(wallet)
  if (state === 'protected') return { pass: true, protected: true }
  if (consents(consent, state)) return { pass: true, protected: false }
  return { pass: false, state }
}

/**
 * The user's choice to send without protection, and the protection state it was given in (what the page
 * showed when the box was ticked). A choice given in another state than the probe finds is no choice: a
 * wallet that was "not protected", then protected, then "unknown" is asked again. A choice that names no
 * state covers none: every caller that takes the choice knows what the box said (the sender binds it).
 */
export type Consent = { toPublic: boolean; givenIn?: Exclude<ProtectionState, 'protected'> | undefined }

function consents(consent: Consent, state: Exclude<ProtectionState, 'protected'>): boolean {
  return consent.toPublic && consent.givenIn === state
}

/** An intent's consent as the gate reads it. */
export function consentOf(intent: {
  consentToPublic?: boolean
  consentFor?: Exclude<ProtectionState, 'protected'>
}): Consent {
  return { toPublic: intent.consentToPublic ?? false, givenIn: intent.consentFor }
}

const gateWords: Record<Exclude<ProtectionState, 'protected'>, string> = {
  unknown:
    'Stopped before your wallet: Hush could not confirm that your wallet sends through Flashbots Protect. Nothing was sent. Protect your wallet, or choose to send without protection.',
  'not-protected':
    'Stopped before your wallet: your wallet is not using Flashbots Protect right now, so this would go to the public mempool. Nothing was sent. Protect your wallet, or choose to send without protection.',
  'route-unknown':
    'Stopped before your wallet: Hush cannot see where this wallet connection sends transactions, so it cannot tell whether this one would stay private. Nothing was sent. Choose to send without knowing the route, or connect a wallet whose RPC Hush can check.',
}

export function gateMessage(state: Exclude<ProtectionState, 'protected'>): string {
  return gateWords[state]
}
