import { useMemo } from 'react'
import type { ChainConfig, TokenConfig } from '../../core/config/schema'
import { useUserTokens } from './useUserTokens'

export type WalletToken = TokenConfig & { source: 'config' | 'user' }

/** The chain's configured tokens, then the user's (a user token that duplicates a configured one is dropped). */
export function useWalletTokens(chain: ChainConfig | undefined): WalletToken[] {
  const added = useUserTokens(chain?.id)
  return useMemo(() => {
    const configured = (chain?.tokens ?? []).map((t) => ({ ...t, source: 'config' as const }))
    const known = new Set(configured.map((t) => t.address))
    const user = added.filter((t) => !known.has(t.address)).map((t) => ({ ...t, source: 'user' as const }))
    return [...configured, ...user]
  }, [chain, added])
}
