import { useQuery } from '@tanstack/react-query'
import type { Address } from 'viem'
import { useClient } from 'wagmi'
import { readAccountKind } from '../../core/balances/accountKind'
import { accountKindQueryKey } from '../../core/balances/queryKeys'
import { cachePolicy } from '../../core/query/cachePolicy'

export function useAccountKind(chainId: number | undefined, owner: Address | undefined) {
  const client = useClient({ chainId })
  return useQuery({
    queryKey: accountKindQueryKey(chainId ?? 0, owner ?? '0x0000000000000000000000000000000000000000'),
    queryFn: () => {
      if (!client || !owner) throw new Error('no account or chain')
      return readAccountKind(client, owner)
    },
    enabled: Boolean(client && owner && chainId !== undefined),
    ...cachePolicy.accountCode,
  })
}
