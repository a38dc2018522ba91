import type { BalancesSnapshot } from './readBalances'

/** The slice of TanStack's QueryClient the per-block read needs (core stays free of React packages). */
export type QueryRefetcher = {
  refetchQueries(
    filters: { queryKey: readonly unknown[]; exact?: boolean },
    options?: { cancelRefetch?: boolean },
  ): Promise<void>
  getQueryState(
    queryKey: readonly unknown[],
  ): { data?: unknown; status: string; errorUpdatedAt: number } | undefined
}

/**
 * The block clock's per-block read for one balances query: refreshes it (joining a refresh in flight) and
 * reports the block it was read at, or undefined when the refresh failed.
 */
export function balancesPerBlockRead(queryClient: QueryRefetcher, queryKey: readonly unknown[]) {
  return async (): Promise<{ number: number; timestamp?: number } | undefined> => {
    const started = Date.now()
    await queryClient.refetchQueries({ queryKey, exact: true }, { cancelRefetch: false })
    const state = queryClient.getQueryState(queryKey)
    const data = state?.data as BalancesSnapshot | undefined
    if (!data || (state?.status === 'error' && (state.errorUpdatedAt ?? 0) >= started)) return undefined
    return {
      number: Number(data.blockNumber),
      timestamp: data.timestamp === undefined ? undefined : Number(data.timestamp),
    }
  }
}
