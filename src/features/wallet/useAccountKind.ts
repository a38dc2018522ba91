import { useQuery } from '@tanstack/react-query'
import type { Address } from 'viem'
import { useClient } from 'wagmi'
import { accountKindQueryOptions } from '../../core/balances/queryOptions'

export function useAccountKind(chainId: number | undefined, owner: Address | undefined) {
  return useQuery(accountKindQueryOptions(useClient({ chainId }), { chainId, owner }))
}
