import { type Address, getAddress } from 'viem'

/** The slice of TanStack's QueryClient these helpers need (core stays free of React packages). */
export type QueryInvalidator = {
  invalidateQueries(
    filters: { queryKey: readonly unknown[] },
    options?: { cancelRefetch?: boolean },
  ): Promise<void>
}

/**
 * Every wallet read of one account on one chain lives under this prefix, so switching account or chain can
 * never hit the previous account's cache entries. Other features call `invalidateAccountReads` right after
 * one of their transactions is included.
 */
export function balancesQueryKey(chainId: number, owner: Address) {
  return ['hush', 'wallet', chainId, getAddress(owner)] as const
}

export function balanceSnapshotQueryKey(chainId: number, owner: Address, tokens: readonly Address[]) {
  return [...balancesQueryKey(chainId, owner), 'balances', [...tokens].sort()] as const
}

export function accountKindQueryKey(chainId: number, owner: Address) {
  return [...balancesQueryKey(chainId, owner), 'code'] as const
}

export function tokenMetadataQueryKey(chainId: number, token: Address) {
  return ['hush', 'token-metadata', chainId, getAddress(token)] as const
}

/** After our own transaction: balances and the account's code (a 7702 delegation may have changed). */
export async function invalidateAccountReads(
  queryClient: QueryInvalidator,
  chainId: number,
  owner: Address,
): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: balancesQueryKey(chainId, owner) })
}

/** On a new block: balances only, joining a refresh already in flight rather than cancelling it. */
export async function refreshBalancesOnBlock(
  queryClient: QueryInvalidator,
  chainId: number,
  owner: Address,
): Promise<void> {
  await queryClient.invalidateQueries(
    { queryKey: [...balancesQueryKey(chainId, owner), 'balances'] },
    { cancelRefetch: false },
  )
}
