import { describe, expect, it } from 'vitest'
import { outcomePreviewQueryOptions } from '../../../../src/core/proof/queryOptions'
import { createSimulationSupportMemory } from '../../../../src/core/proof/simulationSupport'
import { queryKeys } from '../../../../src/core/query/keys'

const from = '0x1111111111111111111111111111111111111111'
const to = '0x2222222222222222222222222222222222222222'

describe('outcomePreviewQueryOptions', () => {
  it('is disabled without a pool, an account or calls, and never cached', () => {
    const none = outcomePreviewQueryOptions(undefined, { chainId: 1, from, calls: [], knownTokens: [] })
    expect(none.enabled).toBe(false)
    expect(none).toMatchObject({ staleTime: 0, gcTime: 0, retry: false })
  })

  it('keys by chain, account and the exact calls, under the account prefix (invalidated with it)', () => {
    const deps = { pool: {} as never, support: createSimulationSupportMemory() }
    const a = outcomePreviewQueryOptions(deps, {
      chainId: 1,
      from,
      calls: [{ to, value: 1n }],
      knownTokens: [],
    })
    const b = outcomePreviewQueryOptions(deps, {
      chainId: 1,
      from,
      calls: [{ to, value: 2n }],
      knownTokens: [],
    })
    expect(a.enabled).toBe(true)
    expect(a.queryKey).not.toEqual(b.queryKey)
    expect(a.queryKey.slice(0, queryKeys.account(1, from).length)).toEqual([...queryKeys.account(1, from)])
  })
})
