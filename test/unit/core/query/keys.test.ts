import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { QueryClient } from '@tanstack/react-query'
import { describe, expect, it } from 'vitest'
import { createQueryClient } from '../../../../src/app/queryClient'
import { invalidateAccountReads, refreshChainReads } from '../../../../src/core/query/invalidate'
import { isBalancesKey, queryKeys } from '../../../../src/core/query/keys'
import { repoRoot, sourceFiles } from '../../../support/sourceFiles'

const a = '0x5FbDB2315678afecb367f032d93F642f64180aa3' as const
const b = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512' as const
const token = '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0' as const
const call = { to: token, value: 1n, data: '0x' as const }

/** One of every key the app builds, for chains 1 and 10. */
function seeded(): QueryClient {
  const client = createQueryClient(undefined)
  for (const chainId of [1, 10]) {
    for (const owner of [a, b]) {
      client.setQueryData(queryKeys.balances(chainId, owner, [token]), { owner })
      client.setQueryData(queryKeys.accountCode(chainId, owner), { kind: 'plain' })
      client.setQueryData(queryKeys.simulation(chainId, owner, call), { ok: true })
      client.setQueryData(queryKeys.batchSimulation(chainId, owner, [call]), { ok: true })
    }
    client.setQueryData(queryKeys.tokenMetadata(chainId, token), { ok: true })
    client.setQueryData(queryKeys.feePresets(chainId), {})
    client.setQueryData(queryKeys.feesPerGas(chainId), {})
    client.setQueryData(queryKeys.protection(chainId, 'connector'), 'protected')
  }
  client.setQueryData(queryKeys.ensAddress(1, 'Alice.eth'), a)
  client.setQueryData(queryKeys.ensName(1, a), 'alice.eth')
  client.setQueryData(queryKeys.ensAvatar(1, 'alice.eth'), null)
  return client
}

const invalidated = (client: QueryClient) =>
  client
    .getQueryCache()
    .getAll()
    .filter((q) => q.state.isInvalidated)
    .map((q) => q.queryKey.slice(1, 4))

describe('query keys', () => {
  it('all start with hush, then the chain id, then the account where there is one', () => {
    const all = seeded().getQueryCache().getAll()
    expect(all.length).toBe(27)
    for (const q of all) expect(q.queryKey[0]).toBe('hush')
    expect(queryKeys.balances(1, a, [token]).slice(0, 3)).toEqual(['hush', 1, a])
    expect(queryKeys.tokenMetadata(10, token).slice(0, 2)).toEqual(['hush', 10])
    expect(queryKeys.protection(10, 'c')).toEqual(['hush', 'protection', 10, 'c'])
  })

  it('normalise addresses, names and token order, so equal reads share one entry', () => {
    expect(queryKeys.balances(1, a.toLowerCase() as `0x${string}`, [b, token])).toEqual(
      queryKeys.balances(1, a, [token.toLowerCase() as `0x${string}`, b]),
    )
    expect(queryKeys.ensAddress(1, 'ALICE.eth')).toEqual(queryKeys.ensAddress(1, 'alice.eth'))
  })

  it('the persisted balances entries are recognised by shape', () => {
    expect(isBalancesKey(queryKeys.balances(1, a, []))).toBe(true)
    expect(isBalancesKey(queryKeys.accountCode(1, a))).toBe(false)
    expect(isBalancesKey(queryKeys.tokenMetadata(1, token))).toBe(false)
  })
})

describe('invalidation by prefix', () => {
  it('after our own transaction: every read of that account on that chain, nothing else', async () => {
    const client = seeded()
    await invalidateAccountReads(client, 1, a)
    expect(invalidated(client)).toEqual([
      [1, a, 'balances'],
      [1, a, 'code'],
      [1, a, 'simulate'],
      [1, a, 'simulate-batch'],
    ])
  })

  it('a live-head reconnect refreshes every read of that chain, not the wallet’s Protect answers', async () => {
    const client = seeded()
    await refreshChainReads(client, 10)
    const keys = invalidated(client)
    expect(keys).toHaveLength(11)
    for (const k of keys) expect(k[0]).toBe(10)
  })
})

describe('one key module', () => {
  const root = join(repoRoot, 'src')

  it('no source file writes a query key inline or invalidates by predicate', () => {
    const offending = sourceFiles(root)
      .filter((f) => !f.endsWith('core/query/keys.ts'))
      .flatMap((f) => {
        const text = readFileSync(f, 'utf8')
        return [
          ...(/queryKey:\s*\[/.test(text) ? [`${relative(root, f)}: inline queryKey`] : []),
          ...(/predicate\s*:/.test(text) ? [`${relative(root, f)}: predicate`] : []),
        ]
      })
    expect(offending).toEqual([])
  })
})
