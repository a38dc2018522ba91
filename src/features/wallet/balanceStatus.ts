import type { Address } from 'viem'
import type { BalancesSnapshot } from '../../core/balances/readBalances'

export type BalanceStatus = 'loading' | 'failed' | 'fresh' | 'cached' | 'stale'

type QueryView = { data: BalancesSnapshot | undefined; isError: boolean; dataUpdatedAt: number }
/** What the head watcher last saw: the newest block number, and whether its last poll failed. */
export type HeadView = { latest: bigint | undefined; failing: boolean; endpointsDown?: boolean }
export type StaleReason = 'refresh-failed' | 'behind-head' | 'head-unreadable' | 'endpoints-down'

/** What the balances on screen are: never data of another account, never a failed read shown as a value. */
export function balanceView(
  query: QueryView,
  chainId: number,
  owner: Address,
  sessionStartedAt: number,
  head: HeadView = { latest: undefined, failing: false },
) {
  const snapshot =
    query.data && query.data.chainId === chainId && query.data.owner.toLowerCase() === owner.toLowerCase()
      ? query.data
      : undefined
  // One block of lag is a refresh in flight; more means the shown values may no longer be the chain's.
  const behind =
    snapshot !== undefined && head.latest !== undefined && snapshot.blockNumber + 1n < head.latest
  const staleReason: StaleReason | undefined = !snapshot
    ? undefined
    : query.isError
      ? 'refresh-failed'
      : head.endpointsDown
        ? 'endpoints-down'
        : head.failing
          ? 'head-unreadable'
          : behind
            ? 'behind-head'
            : undefined
  const status: BalanceStatus = !snapshot
    ? query.isError
      ? 'failed'
      : 'loading'
    : query.dataUpdatedAt < sessionStartedAt
      ? staleReason === undefined || staleReason === 'behind-head'
        ? 'cached'
        : 'stale'
      : staleReason
        ? 'stale'
        : 'fresh'
  return { snapshot, status, staleReason }
}
