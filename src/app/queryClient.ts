import { QueryClient } from '@tanstack/react-query'
import { hashFn } from 'wagmi/query'

/** Every cache policy lives here; features pick a kind instead of setting their own times. */
export const cachePolicy = {
  /** Token metadata never changes for an address. */
  tokenMetadata: { staleTime: Number.POSITIVE_INFINITY, gcTime: 24 * 60 * 60 * 1000 },
  /** Balances are refreshed on new blocks by an explicit invalidation, not a timer. */
  balances: { staleTime: Number.POSITIVE_INFINITY, gcTime: 24 * 60 * 60 * 1000 },
} as const

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        queryKeyHashFn: hashFn,
        retry: false,
        refetchOnWindowFocus: false,
      },
    },
  })
}
