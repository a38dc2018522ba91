import { describe, expect, it } from 'vitest'
import type { TxRecord } from '../../../../../src/core/tx/records/records'
import {
  filterGroups,
  groupAccounts,
  groupActivity,
  groupPrivacy,
  lifecycle,
  privacyMark,
  retryWindow,
  startsExpanded,
  statusCategory,
} from '../../../../../src/core/tx/records/timeline'

const alice = '0x00000000000000000000000000000000000A11CE'
const bob = '0x0000000000000000000000000000000000000B0b'
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as const

function record(id: string, patch: Partial<TxRecord> & Record<string, unknown> = {}): TxRecord {
  return {
    id,
    kind: 'transfer',
    chainId: 31337,
    from: alice,
    to: bob,
    hash: hash(id.length),
    nonce: 7,
    asset: { symbol: 'ETH', decimals: 18 },
    amount: '500000000000000000',
    createdAt: 1_000,
    protected: true,
    status: 'PENDING',
    privacy: 'private',
    ...patch,
  } as TxRecord
}

describe('grouping replacements with their original', () => {
  it('a speed-up and the transfer it replaced are one group, decided by the one on chain', () => {
    const original = record('a', { status: 'REPLACED', replacedBy: 'b' })
    const faster = record('b', { kind: 'speed-up', replaces: 'a', createdAt: 2_000, status: 'INCLUDED' })
    const other = record('c', { createdAt: 1_500, status: 'INCLUDED' })
    const groups = groupActivity([faster, other, original])
    expect(groups.map((g) => g.members.map((r) => r.id))).toEqual([['b', 'a'], ['c']])
    expect(groups[0]?.effective.id).toBe('b')
    expect(groups[0]?.status).toBe('INCLUDED')
  })

  it('a cancel that made it on chain makes the group cancelled; a declined speed-up does not decide it', () => {
    const original = record('a', { status: 'REPLACED', replacedBy: 'c' })
    const declined = record('b', {
      kind: 'speed-up',
      replaces: 'a',
      createdAt: 2_000,
      status: 'NOT_SENT',
    } as never)
    const cancel = record('c', { kind: 'cancel', replaces: 'a', createdAt: 3_000, status: 'INCLUDED' })
    const [group] = groupActivity([cancel, declined, original])
    expect(group?.members.map((r) => r.id)).toEqual(['c', 'b', 'a'])
    expect(group?.status).toBe('CANCELLED')
    const [pending] = groupActivity([record('a'), declined])
    expect(pending?.effective.id).toBe('a')
    expect(pending?.status).toBe('PENDING')
  })

  it('chains of replacements and "send again" join the first record; a broken link or a cycle stays apart', () => {
    const failed = record('a', { status: 'FAILED' })
    const again = record('b', { resends: 'a', createdAt: 2_000, status: 'PENDING' })
    const faster = record('c', { kind: 'speed-up', replaces: 'b', createdAt: 3_000 })
    const orphan = record('d', { kind: 'speed-up', replaces: 'gone', createdAt: 4_000 })
    const loopA = record('x', { replaces: 'y', createdAt: 5_000 })
    const loopB = record('y', { replaces: 'x', createdAt: 5_001 })
    const groups = groupActivity([failed, again, faster, orphan, loopA, loopB])
    expect(groups.map((g) => g.members.map((r) => r.id).sort())).toEqual([['x', 'y'], ['d'], ['a', 'b', 'c']])
  })

  it('steps of a one-by-one batch stay inside their batch', () => {
    const batch = record('batch', { kind: 'batch', hash: undefined })
    const step = record('s1', { kind: 'call', batchId: 'batch', stepIndex: 0 } as never)
    const stray = record('s2', { kind: 'call', batchId: 'missing', stepIndex: 0 } as never)
    expect(groupActivity([batch, step, stray]).map((g) => g.id)).toEqual(['batch', 's2'])
  })
})

describe('filters', () => {
  const groups = groupActivity([
    record('a', { status: 'INCLUDED' }),
    record('b', { status: 'PENDING', from: bob, createdAt: 2_000 }),
    record('c', { status: 'FAILED', createdAt: 3_000 }),
    record('d', { status: 'NOT_SENT', createdAt: 4_000 } as never),
    record('e', { status: 'CANCELLED', createdAt: 5_000 }),
  ])
  it('by status category and by sending account', () => {
    const ids = (f: Parameters<typeof filterGroups>[1]) => filterGroups(groups, f).map((g) => g.id)
    expect(ids({ status: 'all', account: undefined })).toEqual(['e', 'd', 'c', 'b', 'a'])
    expect(ids({ status: 'open', account: undefined })).toEqual(['b'])
    expect(ids({ status: 'failed', account: undefined })).toEqual(['c'])
    expect(ids({ status: 'cancelled', account: undefined })).toEqual(['e'])
    expect(ids({ status: 'not-sent', account: undefined })).toEqual(['d'])
    expect(ids({ status: 'all', account: bob.toLowerCase() })).toEqual(['b'])
    expect(ids({ status: 'included', account: bob })).toEqual([])
    expect(groupAccounts(groups)).toEqual([alice, bob])
  })
  it('a status written by a newer version is only under "all"', () => {
    expect(statusCategory('SOMETHING_NEW')).toBe('all')
    expect(statusCategory('AWAITING_WALLET')).toBe('open')
    expect(statusCategory('REPLACED')).toBe('cancelled')
  })
})

describe('privacy marks', () => {
  it('"Private" only for what made it on chain; never-included private transactions say so', () => {
    expect(privacyMark({ privacy: 'private' }, 'INCLUDED').label).toBe('Private')
    expect(privacyMark({ privacy: 'private' }, 'PENDING').label).toBe('Private so far')
    expect(privacyMark({ privacy: 'private' }, 'CANCELLED').label).toBe('Never public')
    expect(privacyMark({ privacy: 'private' }, 'FAILED').label).toBe('Never public')
    expect(privacyMark({ privacy: 'unprotected' }, 'INCLUDED')).toMatchObject({
      tone: 'bad',
      label: 'Public',
    })
    expect(privacyMark({ privacy: 'checking' }, 'AWAITING_WALLET').label).toBe('Not sent yet')
  })
  it("a group's mark is its worst sent member's", () => {
    const [group] = groupActivity([
      record('a', { status: 'REPLACED', privacy: 'went-public' }),
      record('b', {
        kind: 'speed-up',
        replaces: 'a',
        createdAt: 2_000,
        status: 'INCLUDED',
        privacy: 'private',
      }),
    ])
    expect(groupPrivacy(group!)).toBe('went-public')
  })
})

describe('lifecycle', () => {
  const log = (text: string, first: number) => ({
    source: 'status-api' as const,
    text,
    first,
    last: first,
    count: 1,
  })
  it('waiting for the wallet → sent → seen by Protect → included, with the times recorded', () => {
    const included = record('a', {
      createdAt: 1_000,
      sentAt: 4_000,
      status: 'INCLUDED',
      receipt: { blockNumber: '42', gasUsed: '21000', effectiveGasPrice: '1', fee: '21000', success: true },
      log: [log('unavailable: timeout', 4_500), log('PENDING, not seen in the public mempool', 5_000)],
      finalAt: { at: 9_000, block: 42 },
    })
    expect(lifecycle(included)).toEqual([
      { key: 'wallet', label: 'Wallet asked', at: 1_000, state: 'done' },
      { key: 'sent', label: 'Sent', at: 4_000, state: 'done' },
      { key: 'protect', label: 'Seen by Protect', at: 5_000, state: 'done' },
      { key: 'outcome', label: 'Included in block 42', at: 9_000, state: 'done' },
    ])
  })
  it('an open record shows what is still to come; an ended one does not', () => {
    const waiting = record('a', { status: 'AWAITING_WALLET', hash: undefined, privacy: 'checking' } as never)
    expect(lifecycle(waiting).map((s) => [s.label, s.state])).toEqual([
      ['Waiting for your wallet', 'current'],
      ['Sent', 'upcoming'],
      ['Seen by Protect', 'upcoming'],
      ['Included', 'upcoming'],
    ])
    const cancelled = record('b', { status: 'CANCELLED', finalAt: { at: 7_000 } })
    expect(lifecycle(cancelled).map((s) => s.label)).toEqual(['Wallet asked', 'Sent', 'Cancelled'])
    const declined = record('c', { status: 'NOT_SENT', hash: undefined, updatedAt: 2_000 } as never)
    expect(lifecycle(declined)).toEqual([
      { key: 'wallet', label: 'Wallet asked', at: 1_000, state: 'done' },
      { key: 'outcome', label: 'Not sent', at: 2_000, state: 'failed' },
    ])
  })
  it('an unprotected send has no Protect step', () => {
    const plain = record('a', { protected: false, privacy: 'unprotected', status: 'PENDING' })
    expect(lifecycle(plain).map((s) => s.key)).toEqual(['wallet', 'sent', 'outcome'])
  })
})

describe("Protect's retry window as time", () => {
  it('at the block rate tracking measured, else 12 s a block; nothing once the record ended', () => {
    const pending = { status: 'PENDING' as const, maxBlockNumber: 125, observedHead: 100, createdAt: 0 }
    // 20 blocks in 40 s since the intent: 2 s a block, 25 blocks left.
    expect(retryWindow(record('a', { ...pending, intentBlock: 80, observedAt: 40_000 }))).toEqual({
      until: 125,
      seconds: 50,
    })
    expect(retryWindow(record('a', pending))).toEqual({ until: 125, seconds: 300 })
    expect(retryWindow(record('a', { ...pending, observedHead: undefined }))).toEqual({ until: 125 })
    expect(retryWindow(record('a', { ...pending, status: 'INCLUDED' }))).toBeUndefined()
  })
})

describe('rows that start expanded', () => {
  it('open ones, and a failure or refusal of the last ten minutes; not old history', () => {
    const now = 100 * 60_000
    const one = (patch: Partial<TxRecord> & Record<string, unknown>) =>
      groupActivity([record('a', patch)])[0] as Parameters<typeof startsExpanded>[0]
    expect(startsExpanded(one({ status: 'PENDING', createdAt: 0 }), now)).toBe(true)
    expect(startsExpanded(one({ status: 'FAILED', createdAt: 0, updatedAt: now - 60_000 }), now)).toBe(true)
    expect(startsExpanded(one({ status: 'NOT_SENT', createdAt: now - 60_000 } as never), now)).toBe(true)
    expect(startsExpanded(one({ status: 'FAILED', createdAt: 0, updatedAt: now - 11 * 60_000 }), now)).toBe(
      false,
    )
    expect(startsExpanded(one({ status: 'INCLUDED', createdAt: now }), now)).toBe(false)
  })
})
