import { useSyncExternalStore } from 'react'
import { onUserTokensChange, userTokens } from '../../core/tokens/userTokens'

export function useUserTokens(chainId: number | undefined) {
  return useSyncExternalStore(onUserTokensChange, () => (chainId === undefined ? [] : userTokens(chainId)))
}
