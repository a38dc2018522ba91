import type { Address } from 'viem'
import type { BalancesSnapshot } from '../../core/balances/readBalances'

export type BalanceStatus = 'loading' | 'failed' | 'fresh' | 'cached' | 'stale'

type QueryView = { data: BalancesSnapshot | undefined; isError: boolean; dataUpdatedAt: number }

/** What the balances on screen are: never data of another account, never a failed read shown as a value. */
export function balanceView(query: QueryView, chainId: number, owner: Address, sessionStartedAt: number) {
  const snapshot =
    query.data && query.data.chainId === chainId && query.data.owner.toLowerCase() === owner.toLowerCase()
      ? query.data
      : undefined
  const status: BalanceStatus = !snapshot
    ? query.isError
      ? 'failed'
      : 'loading'
    : query.isError
      ? 'stale'
      : query.dataUpdatedAt < sessionStartedAt
        ? 'cached'
        : 'fresh'
  return { snapshot, status }
}
