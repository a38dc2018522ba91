import { describe, expect, it } from 'vitest'
import { balanceView } from '../../../../src/features/wallet/balanceStatus'

const owner = '0x5FbDB2315678afecb367f032d93F642f64180aa3' as const
const other = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512' as const
const snap = { chainId: 1, owner, blockNumber: 5n, native: 0n, tokens: {} }
const session = 1_000

describe('balanceView', () => {
  it('never hands out a snapshot of another account or chain', () => {
    expect(balanceView({ data: snap, isError: false, dataUpdatedAt: 2_000 }, 1, other, session)).toEqual({
      snapshot: undefined,
      status: 'loading',
    })
    expect(
      balanceView({ data: snap, isError: false, dataUpdatedAt: 2_000 }, 10, owner, session).snapshot,
    ).toBeUndefined()
  })
  it('fresh, cached (older than this page load), stale (last refresh failed), failed (nothing good yet)', () => {
    expect(balanceView({ data: snap, isError: false, dataUpdatedAt: 2_000 }, 1, owner, session).status).toBe(
      'fresh',
    )
    expect(balanceView({ data: snap, isError: false, dataUpdatedAt: 500 }, 1, owner, session).status).toBe(
      'cached',
    )
    expect(balanceView({ data: snap, isError: true, dataUpdatedAt: 2_000 }, 1, owner, session)).toEqual({
      snapshot: snap,
      status: 'stale',
      staleReason: 'refresh-failed',
    })
    expect(balanceView({ data: undefined, isError: true, dataUpdatedAt: 0 }, 1, owner, session).status).toBe(
      'failed',
    )
  })
  it('values more than one block behind the head, or under a head that cannot be read, are stale, not up to date', () => {
    const fresh = { data: snap, isError: false, dataUpdatedAt: 2_000 }
    expect(balanceView(fresh, 1, owner, session, { latest: 6n, failing: false }).status).toBe('fresh')
    expect(balanceView(fresh, 1, owner, session, { latest: 7n, failing: false })).toMatchObject({
      status: 'stale',
      staleReason: 'behind-head',
    })
    expect(balanceView(fresh, 1, owner, session, { latest: 5n, failing: true })).toMatchObject({
      status: 'stale',
      staleReason: 'head-unreadable',
    })
    expect(
      balanceView(fresh, 1, owner, session, { latest: 5n, failing: false, endpointsDown: true }),
    ).toMatchObject({
      status: 'stale',
      staleReason: 'endpoints-down',
    })
    const cached = { data: snap, isError: false, dataUpdatedAt: 500 }
    expect(balanceView(cached, 1, owner, session, { latest: 9n, failing: false }).status).toBe('cached')
  })
})
