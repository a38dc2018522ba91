import type { InvariantName } from './invariants'
import type { Profile } from './model'

/**
 * Seeds that break an invariant on today's code, each with the bug it shows (found by the simulator on its own,
 * before any fix). Each test asserts the break, so it fails once the bug is fixed: then move the seed to a
 * passing list (with its profile) and the lead switches the profile to `full`.
 */
export const knownBugSeeds: Array<{
  bug: string
  seed: number
  profile: Profile
  invariant: InvariantName
  ignore?: InvariantName[]
  runs?: number
}> = [
  {
    bug: 'wallet error after the broadcast: the intent is closed as NOT_SENT (nonce unused at latest) and stays so once the transaction is included',
    seed: 1,
    profile: ['afterBroadcast'],
    invariant: 'no lasting false status',
  },
  {
    bug: 'wallet error after the broadcast, then Send again: a second transaction for the payment at a new nonce while the first can still be included',
    seed: 1,
    profile: ['afterBroadcast'],
    ignore: ['no lasting false status'],
    invariant: 'no double payment',
  },
  {
    bug: 'full storage: the wallet is asked for an intent that was never stored',
    seed: 2,
    profile: ['storageFull'],
    invariant: 'no lost record',
  },
  {
    bug: "another app's record with nonce 1000 makes the next send ask for nonce 1001",
    seed: 1,
    profile: ['foreignNonce'],
    invariant: 'bounded nonce',
  },
  {
    bug: 'consent given while the wallet was unknown is used after the wallet changed to not-protected',
    seed: 2,
    runs: 300,
    profile: ['consentRetry'],
    invariant: 'consent',
  },
  {
    bug: 'the wallet left Protect between the gate probe and the wallet request: the transaction went public without consent',
    seed: 2,
    profile: ['switchMidSend'],
    invariant: 'consent',
  },
  {
    bug: 'an intent is closed as NOT_SENT after 10 minutes of "nonce unused" while its transaction waits in the public pool behind a nonce gap (an earlier intent declined after its tab closed)',
    seed: 2,
    profile: 'holdsToday',
    invariant: 'no lasting false status',
  },
  {
    bug: 'a wallet that picks its own nonce (MetaMask): an intent is closed as NOT_SENT because its nonce was used by another of our transactions, while its own transaction was included at another nonce',
    seed: 4,
    profile: ['walletNonces'],
    invariant: 'no lasting false status',
  },
  {
    bug: 'an intent whose tab closed is never sent (wallet failed before broadcast); the next send took the nonce after it and stays PENDING forever behind the gap',
    seed: 8,
    profile: ['consentRetry'],
    invariant: 'it settles',
  },
]
