import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type Address, getAddress, isAddress } from 'viem'
import { useClient } from 'wagmi'
import { tokenMetadataQueryOptions } from '../../core/balances/queryOptions'
import { readTokenMetadata, type TokenMetadataResult } from '../../core/balances/tokenMetadata'
import type { ChainConfig } from '../../core/config/schema'
import { addUserToken } from '../../core/tokens/userTokens'

/** Reads and validates a token by address (metadata cached for the session), then stores it for the chain. */
export function useAddToken(chain: ChainConfig | undefined, listed: readonly Address[]) {
  const queryClient = useQueryClient()
  const client = useClient({ chainId: chain?.id })
  return useMutation({
    mutationFn: async (input: string): Promise<TokenMetadataResult> => {
      if (!chain || !client) throw new Error('Connect a wallet on a supported chain first.')
      const trimmed = input.trim()
      if (isAddress(trimmed, { strict: true }) && listed.includes(getAddress(trimmed)))
        return { ok: false, code: 'invalid-address', reason: 'This token is already in your list.' }
      // An invalid address is refused by readTokenMetadata itself, without a request or a cache entry.
      const result = isAddress(trimmed, { strict: true })
        ? await queryClient.fetchQuery(
            tokenMetadataQueryOptions(client, {
              chainId: chain.id,
              address: getAddress(trimmed),
              multicall3: chain.multicall3,
            }),
          )
        : await readTokenMetadata(client, { address: trimmed })
      if (result.ok) addUserToken(chain.id, result.token)
      return result
    },
  })
}
