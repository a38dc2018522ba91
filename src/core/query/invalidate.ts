import type { Address } from 'viem'
import { queryKeys } from './keys'

/** The slice of TanStack's QueryClient these helpers need (core stays free of React packages). */
export type QueryInvalidator = {
  invalidateQueries(
    filters: { queryKey: readonly unknown[]; refetchType?: 'active' | 'inactive' | 'all' | 'none' },
    options?: { cancelRefetch?: boolean },
  ): Promise<void>
}

/** After our own transaction: every read of that account on that chain (balances, code, simulations). */
export async function invalidateAccountReads(
  queryClient: QueryInvalidator,
  chainId: number,
  owner: Address,
): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: queryKeys.account(chainId, owner) })
}

/** After the live-head connection was lost and is back: blocks may have been missed, so every read of the chain. */
export async function refreshChainReads(queryClient: QueryInvalidator, chainId: number): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: queryKeys.chain(chainId) })
}
