export const day = 24 * 60 * 60 * 1000

/** Every cache policy lives here; each query-options function spreads its own, so no caller sets times. */
export const cachePolicy = {
  /** Token metadata never changes for an address: kept for the session and persisted. */
  tokenMetadata: { staleTime: Number.POSITIVE_INFINITY, gcTime: day, meta: { persist: true } },
  /** On a page that follows new blocks: refreshed on each block and after our own transactions, not a timer. */
  balances: { staleTime: Number.POSITIVE_INFINITY, gcTime: day, meta: { persist: true } },
  /** On a page that does not follow blocks (Send, Batch): re-read whenever the page mounts. */
  balancesOnMount: { staleTime: 0, gcTime: day, meta: { persist: true } },
  /** An account's code (plain, contract, 7702 delegation): re-read when the account's reads are invalidated. */
  accountCode: { staleTime: Number.POSITIVE_INFINITY, gcTime: day, meta: { persist: true } },
  /** Next nonce, balance and base fee behind a diagnosis: re-read every 12 s while a diagnosis is shown. */
  accountState: { staleTime: 6_000, refetchInterval: 12_000 },
  /** Fee presets are re-read every 12 s so they are ready, and current, when Send is clicked. */
  feePresets: { staleTime: 6_000, refetchInterval: 12_000 },
  /** The fee estimate a batch reserves gas with: read when the review opens. */
  feesPerGas: { staleTime: 0 },
  /** The exact call's simulation and gas estimate, valid for a few blocks. */
  simulation: { staleTime: 10_000 },
  /** A batch is simulated afresh every time it is reviewed. */
  batchSimulation: { staleTime: 0, gcTime: 0 },
  /** The outcome preview is simulated afresh every time a review opens, and dropped when it closes. */
  outcomePreview: { staleTime: 0, gcTime: 0, retry: false },
  /** ENS records change rarely; one retry because mainnet endpoints are often public and flaky. */
  ens: { staleTime: 5 * 60_000, retry: 1 },
  /** The wallet's answer to the Protect probe; coming back from the wallet's settings re-asks at once. */
  protection: { staleTime: 30_000, refetchOnWindowFocus: true },
  /** The wallet's batch capabilities: no retry (a wallet without the method answers the same every time). */
  batchPath: { staleTime: 60_000, retry: false },
} as const
