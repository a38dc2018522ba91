import type { Hex } from 'viem'
import { describe, expect, it } from 'vitest'
import { runSequentialBatch, type StepState } from '../../../../src/core/batch/execute'

const calls = [0, 1, 2].map((i) => ({ to: `0x${String(i).repeat(40)}` as const, value: BigInt(i) }))

describe('runSequentialBatch', () => {
  it('stops at the first reverted step and does not send the rest; resumes from it', async () => {
    const sent: number[] = []
    const states: Array<[number, StepState['status']]> = []
    let revertSecond = true
    const runner = {
      send: async (_: unknown, i: number) => {
        sent.push(i)
        return `0x${i}` as Hex
      },
      wait: async (hash: Hex) =>
        hash === '0x1' && revertSecond ? ('reverted' as const) : ('success' as const),
      describeError: String,
      onStep: (i: number, s: StepState) => states.push([i, s.status]),
    }
    expect(await runSequentialBatch(calls, 0, runner)).toEqual({ completed: false, failedIndex: 1 })
    expect(sent).toEqual([0, 1])
    expect(states.at(-1)).toEqual([1, 'failed'])
    revertSecond = false
    expect(await runSequentialBatch(calls, 1, runner)).toEqual({ completed: true })
    expect(sent).toEqual([0, 1, 1, 2])
  })

  it('a rejected signature fails the step with the described error', async () => {
    const states: StepState[] = []
    const outcome = await runSequentialBatch(calls, 0, {
      send: async () => {
        throw new Error('User rejected the request.')
      },
      wait: async () => 'success',
      describeError: (e) => `described: ${(e as Error).message}`,
      onStep: (_, s) => states.push(s),
    })
    expect(outcome).toEqual({ completed: false, failedIndex: 0 })
    expect(states.at(-1)).toEqual({ status: 'failed', error: 'described: User rejected the request.' })
  })
})
