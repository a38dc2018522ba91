import type { QueryClient } from '@tanstack/react-query'
import { describe, expect, it } from 'vitest'
import { createQueryClient } from '../../../../src/app/queryClient'
import {
  accountKindQueryKey,
  balanceSnapshotQueryKey,
  balancesQueryKey,
  invalidateAccountReads,
  refreshBalancesOnBlock,
} from '../../../../src/core/balances/queryKeys'

const a = '0x5FbDB2315678afecb367f032d93F642f64180aa3' as const
const b = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512' as const
const token = '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0' as const

function seeded(): QueryClient {
  const client = createQueryClient(undefined)
  for (const owner of [a, b]) {
    client.setQueryData(balanceSnapshotQueryKey(1, owner, [token]), { owner })
    client.setQueryData(accountKindQueryKey(1, owner), { kind: 'plain' })
  }
  client.setQueryData(balanceSnapshotQueryKey(10, a, [token]), { owner: a })
  return client
}

const invalidated = (client: QueryClient) =>
  client
    .getQueryCache()
    .getAll()
    .filter((q) => q.state.isInvalidated)
    .map((q) => q.queryKey.slice(2, 5))

describe('wallet query keys', () => {
  it('normalise the address, so a lower-case address hits the same entry', () => {
    expect(balancesQueryKey(1, a.toLowerCase() as `0x${string}`)).toEqual(balancesQueryKey(1, a))
  })
  it('invalidateAccountReads touches only that account on that chain (balances and code)', async () => {
    const client = seeded()
    await invalidateAccountReads(client, 1, a)
    expect(invalidated(client)).toEqual([
      [1, a, 'balances'],
      [1, a, 'code'],
    ])
  })
  it('a new block refreshes the balances only', async () => {
    const client = seeded()
    await refreshBalancesOnBlock(client, 1, b)
    expect(invalidated(client)).toEqual([[1, b, 'balances']])
  })
})
