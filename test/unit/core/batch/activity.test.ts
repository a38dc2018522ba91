import { describe, expect, it } from 'vitest'
import {
  atomicFinal,
  newBatchRecord,
  sequentialFinal,
  withStepStates,
} from '../../../../src/core/batch/activity'
import { activityRecordSchema } from '../../../../src/core/tx/records'

const from = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const
const hash = `0x${'ab'.repeat(32)}` as const
const steps = [
  { call: { to: from, value: 5n }, sentence: 'Send 5 wei' },
  { call: { to: from, value: 0n, data: '0x5c36b186' as const }, sentence: 'Call ping()' },
]

describe('batch activity records', () => {
  const record = newBatchRecord({
    id: 'b1',
    chainId: 31337,
    from,
    path: 'sequential',
    steps,
    privacy: 'unprotected',
    now: 1,
  })

  it('is one valid Activity entry of kind batch with its steps and no hash while open', () => {
    const parsed = activityRecordSchema.parse(record)
    expect(parsed).toMatchObject({ kind: 'batch', status: 'PENDING', protected: false })
    expect(parsed.hash).toBeUndefined()
    expect(parsed.steps).toEqual([
      { label: 'Send 5 wei', to: from, value: '5', result: 'waiting' },
      { label: 'Call ping()', to: from, value: '0', data: '0x5c36b186', result: 'waiting' },
    ])
  })

  it('records each step result and the sequential outcome', () => {
    const patched = activityRecordSchema.parse({
      ...record,
      ...withStepStates(record, [
        { status: 'success', hash },
        { status: 'failed', error: 'rejected' },
      ]),
      ...sequentialFinal({ completed: false, failedIndex: 1, stepCount: 2 }),
    })
    expect(patched.status).toBe('FAILED')
    expect(patched.detail).toContain('stopped at step 2')
    expect(patched.steps?.map((s) => [s.result, s.hash, s.error])).toEqual([
      ['success', hash, undefined],
      ['failed', undefined, 'rejected'],
    ])
    expect(sequentialFinal({ completed: true, stepCount: 2 }).status).toBe('INCLUDED')
  })

  it('maps the atomic outcome: 200 included, 500 reverted, wallet refusal failed', () => {
    expect(atomicFinal(record, { status: 'success', statusCode: 200, hash })).toMatchObject({
      status: 'INCLUDED',
      hash,
    })
    expect(atomicFinal(record, { status: 'failure', statusCode: 500, hash }).status).toBe('REVERTED')
    expect(atomicFinal(record, { status: 'failure', statusCode: 400, error: 'User rejected' })).toMatchObject(
      {
        status: 'FAILED',
        detail: 'User rejected',
      },
    )
  })
})
