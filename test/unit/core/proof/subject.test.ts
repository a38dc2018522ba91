import { decodeFunctionData, erc20Abi, getAddress } from 'viem'
import { describe, expect, it } from 'vitest'
import { keepPreview, readPreview } from '../../../../src/core/proof/onRecord'
import type { OutcomeCheck, Preview } from '../../../../src/core/proof/outcome'
import { callsOfRecord, outcomeCheckSubject } from '../../../../src/core/proof/subject'
import { RecordStore, type TxRecord } from '../../../../src/core/tx/records/records'
import { memoryStorage } from '../../../support/builders/memoryStorage'

const me = getAddress('0x1000000000000000000000000000000000000001')
const bob = getAddress('0x2000000000000000000000000000000000000002')
const token = getAddress('0x4000000000000000000000000000000000000004')
const hash = `0x${'ab'.repeat(32)}` as const
const other = `0x${'cd'.repeat(32)}` as const
const receipt = { blockNumber: '7', gasUsed: '21000', effectiveGasPrice: '1', fee: '21000', success: true }
const base: TxRecord = {
  id: 'r',
  kind: 'transfer',
  chainId: 31337,
  from: me,
  to: bob,
  hash,
  createdAt: 1,
  protected: true,
  status: 'INCLUDED',
  privacy: 'private',
  receipt,
  asset: { symbol: 'ETH', decimals: 18 },
  amount: '5',
}
const preview: Preview = {
  version: 1,
  method: 'simulated',
  at: 1,
  block: '6',
  endpoint: 'anvil',
  calls: 1,
  ok: true,
  sender: [{ asset: 'native', amount: '-5' }],
  receives: [{ to: bob, asset: 'native', amount: '5' }],
  approvals: [],
  gaps: [],
  tokens: [],
}

describe('callsOfRecord', () => {
  it('rebuilds a native transfer, a token transfer, a batch and a kept call; a cancel has none', () => {
    expect(callsOfRecord(base)).toEqual([{ to: bob, value: 5n }])
    const [call] = callsOfRecord({ ...base, asset: { symbol: 'T', decimals: 6, address: token } }) ?? []
    expect(call?.to).toBe(token)
    expect(decodeFunctionData({ abi: erc20Abi, data: call?.data ?? '0x' }).args).toEqual([bob, 5n])
    expect(
      callsOfRecord({
        ...base,
        kind: 'batch',
        steps: [
          { label: 'a', to: bob, value: '1' },
          { label: 'b', to: token, value: '0', data: '0x1234' },
        ],
      }),
    ).toEqual([
      { to: bob, value: 1n },
      { to: token, value: 0n, data: '0x1234' },
    ])
    expect(
      callsOfRecord({ ...base, kind: 'tracked', call: { to: token, value: '0', data: '0xab' } }),
    ).toEqual([{ to: token, value: 0n, data: '0xab' }])
    expect(callsOfRecord({ ...base, kind: 'cancel' })).toBeUndefined()
  })
})

describe('outcomeCheckSubject', () => {
  it('is due once included or reverted, and not again for the hash already checked', () => {
    expect(outcomeCheckSubject({ ...base, status: 'PENDING', receipt: undefined })).toBeUndefined()
    expect(outcomeCheckSubject({ ...base, status: 'FAILED' })).toBeUndefined()
    expect(outcomeCheckSubject(base)).toEqual({ hashes: [hash], calls: [{ to: bob, value: 5n }] })
    expect(outcomeCheckSubject({ ...base, status: 'REVERTED' })?.hashes).toEqual([hash])
    const checked = (h: string): OutcomeCheck => ({
      version: 1,
      at: 2,
      block: '7',
      blockTime: 3,
      hashes: [h],
      success: true,
      fee: '21000',
      verdict: 'as-previewed',
      differences: [],
      notes: [],
      sender: [],
      receives: [],
      approvals: [],
      gaps: [],
      tokens: [],
    })
    expect(outcomeCheckSubject({ ...base, outcome: checked(hash) })).toBeUndefined()
    // A check of an older hash (sped up, moved by a reorg) is due again for the new one.
    expect(outcomeCheckSubject({ ...base, outcome: checked(other) })?.hashes).toEqual([hash])
  })
})

describe('a one-by-one batch', () => {
  const batch: TxRecord = {
    ...base,
    id: 'b',
    kind: 'batch',
    hash: undefined,
    steps: [
      { label: 'a', to: bob, value: '1' },
      { label: 'b', to: bob, value: '2' },
    ],
  }
  const step = (stepIndex: number, h: `0x${string}`, createdAt: number, status = 'INCLUDED') =>
    ({
      ...base,
      id: `s${stepIndex}-${createdAt}`,
      kind: 'transfer',
      batchId: 'b',
      stepIndex,
      hash: h,
      createdAt,
      status,
    }) as TxRecord

  it('is checked as a whole on its container, with the newest attempt of every step; steps are not checked alone', () => {
    const first = step(0, hash, 1)
    const retried = step(1, other, 3)
    const all = [batch, first, step(1, `0x${'ee'.repeat(32)}`, 2, 'FAILED'), retried]
    expect(outcomeCheckSubject(batch, all)).toEqual({
      hashes: [hash, other],
      calls: [
        { to: bob, value: 1n },
        { to: bob, value: 2n },
      ],
    })
    expect(outcomeCheckSubject(first, all)).toBeUndefined()
    // Not while a step is missing or not on chain.
    expect(outcomeCheckSubject(batch, [batch, first])).toBeUndefined()
    expect(outcomeCheckSubject(batch, [batch, first, step(1, other, 3, 'PENDING')])).toBeUndefined()
  })
})

describe('keepPreview', () => {
  it('stores a valid preview on the record and refuses a damaged one', () => {
    ;(globalThis as { localStorage?: unknown }).localStorage = memoryStorage()
    const store = new RecordStore('subject.keepPreview')
    store.add({ ...base, id: 'r' })
    keepPreview(store, 'r', preview)
    expect(store.get('r')?.preview).toEqual(preview)
    keepPreview(store, 'r', { ...preview, block: 'not a number' })
    keepPreview(store, 'r', undefined)
    expect(store.get('r')?.preview).toEqual(preview)
    expect(readPreview({ ...base, preview } as TxRecord)).toEqual(preview)
  })
})
