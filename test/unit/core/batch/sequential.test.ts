import { beforeEach, describe, expect, it } from 'vitest'
import { newSequentialBatch, resumableStep, stepRecords } from '../../../../src/core/batch/activity'
import { decideStep, runSequentialSteps, waitForFinal } from '../../../../src/core/batch/sequential'
import { RecordStore, type TxRecord } from '../../../../src/core/tx/records/records'
import { type AttemptReader, nextSend } from '../../../../src/core/tx/send/nextSend'
import type { PipelineResult } from '../../../../src/core/tx/send/pipeline'
import { memoryStorage } from '../../../support/builders/memoryStorage'

const from = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
let store: RecordStore
beforeEach(() => {
  ;(globalThis as { localStorage?: unknown }).localStorage = memoryStorage()
  store = new RecordStore('seq.activity')
})

function sentStep(index: number): PipelineResult {
  const record: TxRecord = {
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

const fresh = async () => ({ kind: 'fresh' as const })
const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms))

describe('one-by-one batch runner', () => {
  it('waits while a step’s outcome is unknown (tracking cannot read receipts) and never sends it twice', async () => {
    const sends: number[] = []
    const run = runSequentialSteps(2, 0, {
      decide: fresh,
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
      decide: fresh,
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
      decide: fresh,
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

describe('resume decides each step with the chain at the click (issue 21)', () => {
  const hashA = `0x${'a'.repeat(64)}` as const
  const to = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
  function stoppedBatch() {
    const batch = newSequentialBatch({
      id: 'b',
      chainId: 31337,
      from,
      steps: [
        { call: { to, value: 110n }, sentence: 'Send 0.11 ETH to A' },
        { call: { to, value: 120n }, sentence: 'Send 0.12 ETH to B' },
      ],
      protected: true,
      now: 1,
    })
    store.add(batch)
    // Protect reported step 1 FAILED, so the run stopped there; tracking has not seen it included yet.
    store.add({
      id: 'step-0',
      kind: 'call',
      chainId: 31337,
      from,
      hash: hashA,
      nonce: 0,
      to,
      call: { to, value: '110' },
      createdAt: 2,
      protected: true,
      status: 'FAILED',
      privacy: 'checking',
      batchId: 'b',
      stepIndex: 0,
      intentBlock: 100,
      // Protect's window ended at block 100, and tracking last looked then.
      maxBlockNumber: 100,
      observedHead: 100,
    })
  }
  /** The chain 14 s later: step 1's transaction was included after all, with a successful receipt. */
  const chain = {
    getTransactionCount: async () => 1,
    getBlockNumber: async () => 101n,
    getBlock: async () => ({ transactions: [{ hash: hashA, from, nonce: 0, to, value: 110n, input: '0x' }] }),
    getTransactionReceipt: async () => ({ status: 'success' }),
  } as unknown as AttemptReader

  it('a step reported FAILED that was included after all counts as done: Resume sends only the next step', async () => {
    stoppedBatch()
    const sends: [number, string][] = []
    const stop = await runSequentialSteps(2, 0, {
      decide: (i) => decideStep(store, chain, 'b', i),
      send: async (i, plan) => {
        sends.push([i, plan])
        return sentStep(i)
      },
      waitFinal: async (id) => store.update(id, { status: 'INCLUDED' })!,
    })
    expect(sends).toEqual([[1, 'fresh']])
    expect(stop).toEqual({ completed: true })
  })

  it('the Resume button and the action apply the same rule (nextSend)', async () => {
    stoppedBatch()
    const batch = store.get('b')!
    const attempts = stepRecords(batch, store.list())
    // Without the chain the button offers step 1 again (its record says FAILED); the action, at the click,
    // sees it included and skips it.
    expect(resumableStep(attempts, store.list())).toBe(0)
    expect(nextSend(attempts[0], store.list()).kind).toBe('again')
    expect(await decideStep(store, chain, 'b', 0)).toEqual({ kind: 'done' })
    store.update('step-0', { status: 'INCLUDED' })
    expect(resumableStep(stepRecords(batch, store.list()), store.list())).toBe(1)
  })

  it('a step reported FAILED inside Protect’s window is not sent again until the window ends (walletNonces)', async () => {
    stoppedBatch()
    store.update('step-0', { maxBlockNumber: 120, observedHead: 101 })
    const unused = (head: bigint) =>
      ({
        ...chain,
        getTransactionCount: async () => 0,
        getBlockNumber: async () => head,
      }) as unknown as AttemptReader
    // The button, from the record's last look (block 101), and the action, from the chain at the click.
    expect(resumableStep(stepRecords(store.get('b')!, store.list()), store.list())).toBeUndefined()
    expect(await decideStep(store, unused(119n), 'b', 0)).toMatchObject({
      kind: 'wait',
      reason: expect.stringMatching(/until block 120/),
    })
    expect(await decideStep(store, unused(120n), 'b', 0)).toEqual({ kind: 'again' })
  })

  it('a step that may still be included stops the run; nothing is sent', async () => {
    stoppedBatch()
    store.update('step-0', { status: 'PENDING' })
    const quiet = { ...chain, getTransactionCount: async () => 0 } as unknown as AttemptReader
    const sends: number[] = []
    const stop = await runSequentialSteps(2, 0, {
      decide: (i) => decideStep(store, quiet, 'b', i),
      send: async (i) => {
        sends.push(i)
        return sentStep(i)
      },
      waitFinal: async (id) => store.get(id)!,
    })
    expect(sends).toEqual([])
    expect(stop).toMatchObject({ completed: false, index: 0 })
  })
})
