import { beforeEach, describe, expect, it } from 'vitest'
import { runSequentialSteps, waitForFinal } from '../../../../src/core/batch/sequential'
import { type ActivityRecord, ActivityStore } from '../../../../src/core/tx/records/records'
import type { PipelineResult } from '../../../../src/core/tx/send/pipeline'
import { memoryStorage } from '../../../support/builders/memoryStorage'

const from = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
let store: ActivityStore
beforeEach(() => {
  ;(globalThis as { localStorage?: unknown }).localStorage = memoryStorage()
  store = new ActivityStore('seq.activity')
})

function sentStep(index: number): PipelineResult {
  const record: ActivityRecord = {
    id: `step-${index}-${Math.random()}`,
    kind: 'call',
    chainId: 31337,
    from,
    hash: `0x${String(index + 1).repeat(64)}` as `0x${string}`,
    nonce: index,
    createdAt: Date.now(),
    protected: true,
    status: 'PENDING',
    privacy: 'checking',
    batchId: 'b',
    stepIndex: index,
  }
  return { kind: 'sent', record: store.add(record) }
}

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms))

describe('one-by-one batch runner', () => {
  it('waits while a step’s outcome is unknown (tracking cannot read receipts) and never sends it twice', async () => {
    const sends: number[] = []
    const run = runSequentialSteps(2, 0, {
      send: async (i) => {
        sends.push(i)
        return sentStep(i)
      },
      waitFinal: (id) => waitForFinal(store, id),
    })
    await tick()
    const first = store.list().find((r) => r.stepIndex === 0)!
    // Tracking could not read the receipt: still PENDING, with a note. The runner keeps waiting.
    store.update(first.id, { detail: 'Could not read the receipt from the read endpoints; retrying.' })
    await tick(100)
    expect(sends).toEqual([0])
    store.update(first.id, { status: 'INCLUDED' })
    await tick()
    expect(sends).toEqual([0, 1])
    store.update(store.list().find((r) => r.stepIndex === 1)!.id, { status: 'INCLUDED' })
    expect(await run).toEqual({ completed: true })
  })

  it('stops at a step that is not sent or does not succeed, and the rest are not sent', async () => {
    const sends: number[] = []
    const stopped = await runSequentialSteps(3, 0, {
      send: async (i) => {
        sends.push(i)
        if (i === 1) return { kind: 'gate', state: 'not-protected', message: 'Stopped before your wallet' }
        return sentStep(i)
      },
      waitFinal: async (id) => store.update(id, { status: 'INCLUDED' })!,
    })
    expect(stopped).toMatchObject({ completed: false, index: 1, reason: 'Stopped before your wallet' })
    expect(sends).toEqual([0, 1])
    const reverted = await runSequentialSteps(3, 1, {
      send: async (i) => sentStep(i),
      waitFinal: async (id) => store.update(id, { status: 'REVERTED' })!,
    })
    expect(reverted).toMatchObject({
      completed: false,
      index: 1,
      reason: 'The transaction was included but reverted.',
    })
  })
})
