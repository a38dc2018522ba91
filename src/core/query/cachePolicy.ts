export const day = 24 * 60 * 60 * 1000

/** Every cache policy lives here; features pick a kind instead of setting their own times. */
export const cachePolicy = {
  /** Token metadata never changes for an address: kept for the session and persisted. */
  tokenMetadata: { staleTime: Number.POSITIVE_INFINITY, gcTime: day, meta: { persist: true } },
  /** Balances are refreshed on each new block and after our own transactions by invalidation, not a timer. */
  balances: { staleTime: Number.POSITIVE_INFINITY, gcTime: day, meta: { persist: true } },
  /** An account's code (plain, contract, 7702 delegation): re-read when the account's reads are invalidated. */
  accountCode: { staleTime: Number.POSITIVE_INFINITY, gcTime: day, meta: { persist: true } },
  /** Fee data lives one block: put the block number in the query key; older blocks' entries expire quickly. */
  feeData: { staleTime: Number.POSITIVE_INFINITY, gcTime: 30_000 },
} as const
