import type { Unprotected } from '../tx/sender'

/** The box's words: what goes out publicly, and why Hush asks ("route unknown" is not "not protected"). */
export function consentWords(state: Unprotected, what: string): string {
  return state === 'route-unknown'
    ? `Send ${what} although Hush cannot see where your wallet sends it: if your wallet app does not use Flashbots Protect, it goes to the public mempool, where it can be front-run.`
    : `Send ${what} without protection: it goes to the public mempool, where it can be front-run.`
}

/** Why the send button waits, in the same words. */
export function consentBlocker(state: Unprotected): string {
  return state === 'route-unknown'
    ? 'Hush cannot see where your wallet sends: choose to send without knowing the route, or connect a wallet Hush can check.'
    : 'Protect your wallet, or choose to send without protection.'
}
