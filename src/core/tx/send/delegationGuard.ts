import { type Address, type Hex, isAddressEqual } from 'viem'
import { delegateOf } from '../../balances/accountKind'

/** Where to learn how to undo a delegation (revoke.cash lists and revokes EIP-7702 delegations). */
export const revokeDelegationHelp = 'https://revoke.cash/learn/wallets/revoke-eip7702-delegation'

export type Delegation =
  | { kind: 'none' }
  | { kind: 'known'; delegate: Address }
  | { kind: 'unknown'; delegate: Address }

/** The sender's EIP-7702 delegation judged against the deployer's known list (config `knownDelegates`). */
export function judgeDelegation(code: Hex | undefined, known: readonly Address[]): Delegation {
  return judgeDelegate(delegateOf(code), known)
}

export function judgeDelegate(delegate: Address | undefined, known: readonly Address[]): Delegation {
  if (!delegate) return { kind: 'none' }
  return known.some((k) => isAddressEqual(k, delegate))
    ? { kind: 'known', delegate }
    : { kind: 'unknown', delegate }
}

/**
 * Why the wallet must not be asked, or undefined. Read right before the request: the tick in the review names
 * the delegate the user accepted, so a delegation that changed after the review (a sweeper re-delegating the
 * account) is refused too. A failed code read throws: no answer is not "not delegated".
 */
export async function delegationRefusal(
  reader: { getCode: (args: { address: Address }) => Promise<Hex | undefined> },
  from: Address,
  known: readonly Address[],
  accepted: Address | undefined,
): Promise<string | undefined> {
  const delegation = judgeDelegation(await reader.getCode({ address: from }), known)
  if (delegation.kind !== 'unknown') return undefined
  if (accepted && isAddressEqual(accepted, delegation.delegate)) return undefined
  return accepted
    ? `Stopped before your wallet: your account's delegation changed to ${delegation.delegate} since you reviewed it. Nothing was sent.`
    : `Stopped before your wallet: your account is delegated (EIP-7702) to ${delegation.delegate}, a contract Hush does not know. Nothing was sent. Tick that you trust it in the review, or revoke the delegation.`
}
