import { describe, expect, it } from 'vitest'
import {
  batchState,
  newSequentialBatch,
  resumableStep,
  stepRecords,
} from '../../../../src/core/batch/activity'
import { type TxRecord, txRecordSchema } from '../../../../src/core/tx/records/records'

const from = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const
const steps = [
  { call: { to: from, value: 5n }, sentence: 'Send 5 wei' },
  { call: { to: from, value: 0n, data: '0x5c36b186' as const }, sentence: 'Call ping()' },
]
const batch = newSequentialBatch({ id: 'b1', chainId: 31337, from, steps, protected: true, now: 1 })
const step = (index: number, status: string, createdAt = 10 + index): TxRecord => ({
  id: `s${index}-${createdAt}`,
  kind: 'call',
  chainId: 31337,
  from,
  nonce: index,
  createdAt,
  protected: true,
  status,
  privacy: 'private',
  batchId: 'b1',
  stepIndex: index,
})

describe('one-by-one batches in Activity', () => {
  it('is a valid container record with its planned steps, no nonce and no hash', () => {
    const parsed = txRecordSchema.parse(batch)
    expect(parsed).toMatchObject({ kind: 'batch', path: 'sequential', status: 'PENDING', protected: true })
    expect(parsed.hash).toBeUndefined()
    expect(parsed.nonce).toBeUndefined()
    expect(parsed.steps).toEqual([
      { label: 'Send 5 wei', to: from, value: '5' },
      { label: 'Call ping()', to: from, value: '0', data: '0x5c36b186' },
    ])
  })

  it('each step is its own record; the latest attempt of a step counts', () => {
    const all = [
      step(0, 'INCLUDED'),
      step(1, 'FAILED', 11),
      step(1, 'PENDING', 20),
      { ...step(0, 'PENDING'), batchId: 'other' },
    ]
    expect(stepRecords(batch, all).map((r) => r?.status)).toEqual(['INCLUDED', 'PENDING'])
  })

  it('derives the batch status from its steps', () => {
    expect(batchState([step(0, 'INCLUDED'), step(1, 'INCLUDED')], false).status).toBe('INCLUDED')
    expect(batchState([step(0, 'INCLUDED'), step(1, 'PENDING')], false).status).toBe('PENDING')
    expect(batchState([step(0, 'INCLUDED'), step(1, 'AWAITING_WALLET')], false).status).toBe('PENDING')
    // Between two steps of a live run nothing is open, yet it is not stopped.
    expect(batchState([step(0, 'INCLUDED'), undefined], true).status).toBe('PENDING')
    const stopped = batchState([step(0, 'INCLUDED'), undefined], false)
    expect(stopped).toMatchObject({ status: 'FAILED' })
    expect(stopped.detail).toMatch(/stopped at step 2 of 2/)
    expect(batchState([step(0, 'REVERTED'), undefined], false).detail).toMatch(
      /stopped at step 1 of 2 \(reverted\)/,
    )
  })

  it('resumes at the first step not included, never while it is still open', () => {
    const past = { maxBlockNumber: 40, observedHead: 40 }
    expect(resumableStep([step(0, 'INCLUDED'), { ...step(1, 'FAILED'), ...past }])).toBe(1)
    // Protect may still include it until block 40: not resumed before (issue 21, walletNonces).
    expect(
      resumableStep([step(0, 'INCLUDED'), { ...step(1, 'FAILED'), ...past, observedHead: 39 }]),
    ).toBeUndefined()
    expect(resumableStep([step(0, 'INCLUDED'), undefined])).toBe(1)
    expect(resumableStep([step(0, 'INCLUDED'), step(1, 'PENDING')])).toBeUndefined()
    // Unknown to Protect: sent again at its own nonce (as Send again does), so at most one is included.
    expect(resumableStep([{ ...step(0, 'UNKNOWN'), ...past }, undefined])).toBe(0)
    expect(resumableStep([step(0, 'INCLUDED'), step(1, 'INCLUDED')])).toBeUndefined()
  })
})
