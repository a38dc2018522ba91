import { describe, expect, it } from 'vitest'
import { type ClockModel, emptyModel } from '../../../../src/core/rpc/clockLearning'
import {
  type ClockSource,
  type ClockState,
  type Effects,
  headStep,
  initialState,
  lookAgain,
  lookAnswered,
  lookStep,
  newRhythm,
  parentToAsk,
  readsDue,
  stampStep,
  waitBeforeLook,
} from '../../../../src/core/rpc/clockPlan'

const head = { number: 100, timestamp: 1_000, seenAt: 1_000_400 }
const model = (m: Partial<ClockModel> = {}): ClockModel => ({ ...emptyModel(), ...m })

describe('what the block clock does next (pure)', () => {
  it.each<[string, number | undefined, number | undefined, number | undefined]>([
    ['learned for the first time', undefined, 12_000, 12_000],
    ['changed', 12_000, 2_000, 2_000],
    ['unchanged', 12_000, 12_000, undefined],
    ['still unknown', undefined, undefined, undefined],
  ])('newRhythm: %s', (_, before, after, told) => {
    expect(newRhythm(model({ blockTimeMs: before }), model({ blockTimeMs: after }))).toBe(told)
  })

  it.each<[string, Partial<ClockModel>, boolean, number | undefined]>([
    ['first timestamped head, interval unknown: its parent', { head }, false, 99],
    ['asked once already', { head }, true, undefined],
    ['interval known', { head, blockTimeMs: 12_000 }, false, undefined],
    ['head without a timestamp', { head: { number: 100, seenAt: 1 } }, false, undefined],
    ['no head', {}, false, undefined],
  ])('parentToAsk: %s', (_, m, asked, parent) => {
    expect(parentToAsk(model(m), asked)).toBe(parent)
  })

  it.each<[string, ClockSource, boolean, number, boolean]>([
    ['a pushed head the reads have not read', 'socket', true, 99, true],
    ['a polled head the reads have not read', 'poll', true, 99, true],
    ['a head the reads found themselves', 'read', true, 99, false],
    ['a head the reads already have', 'socket', true, 100, false],
    ['no per-block reads', 'socket', false, 99, false],
  ])('readsDue: %s', (_, source, hasReads, readHead, due) => {
    expect(readsDue(model({ head, readHead }), source, hasReads)).toBe(due)
  })

  it.each<[string, boolean, boolean, number, boolean]>([
    ['a head came during the look and the reads missed it', true, true, 99, true],
    ['a head came during the look, the reads got it', true, true, 100, false],
    ['no head came during the look', false, true, 99, false],
    ['no per-block reads', true, false, 99, false],
  ])('lookAgain: %s', (_, came, hasReads, readHead, again) => {
    expect(lookAgain(model({ head, readHead }), came, hasReads)).toBe(again)
  })

  it.each<[string, Partial<ClockModel>, boolean, number, number]>([
    ['polling, interval unknown: the initial poll', { head }, false, 1_000_500, 1_000],
    ['live but interval unknown: still polling', { head }, true, 1_000_500, 1_000],
    ['polling: at the next block (nextDelay)', { head, blockTimeMs: 12_000 }, false, 1_001_000, 11_000],
    [
      'live: the watchdog, three quiet blocks after the head was seen',
      { head, blockTimeMs: 12_000 },
      true,
      1_001_400,
      35_000,
    ],
    ['live, no head yet: three blocks from now', { blockTimeMs: 12_000 }, true, 5_000, 36_000],
  ])('waitBeforeLook: %s', (_, m, live, now, ms) => {
    expect(waitBeforeLook(model(m), { live, failing: false, now, initialPollMs: 1_000 })).toBe(ms)
  })

  it.each<[string, unknown[], boolean]>([
    ['every read carried a block', [{ number: 1 }, { number: 1 }], true],
    ['one read failed', [{ number: 1 }, undefined], false],
    ['the poll failed', [undefined], false],
    ['nothing to look at (live, no reads)', [], true],
  ])('lookAnswered: %s', (_, results, ok) => {
    expect(lookAnswered(results)).toBe(ok)
  })

  const can = { reads: true, askParent: true }
  // Head 100 (timestamp 1000 s) found by the reads, its parent asked, the interval unknown yet.
  const known: ClockState = headStep(
    initialState(),
    { number: 100, timestamp: 1_000 },
    'read',
    1_000_400,
    can,
  ).state
  it.each<[string, ClockState, { number: number; timestamp?: number }, ClockSource, Partial<Effects>]>([
    [
      'a new timestamped head from a probe: tell the subscribers, ask its parent, run the reads',
      initialState(),
      { number: 100, timestamp: 1_000 },
      'probe',
      { block: { ...head, seenAt: 5 }, askParent: 99, readNow: true },
    ],
    [
      'a new head the reads found themselves: no reads again',
      initialState(),
      { number: 100, timestamp: 1_000 },
      'read',
      { block: { ...head, seenAt: 5 }, askParent: 99, readNow: false },
    ],
    ['an older head: nothing', known, { number: 99, timestamp: 988 }, 'socket', { rhythm: 12_000 }],
    ['a negative block number: nothing', known, { number: -1 }, 'socket', {}],
  ])('headStep: %s', (_, before, sample, source, effects) => {
    const step = headStep(before, sample, source, 5, can)
    expect(Object.fromEntries(Object.entries(step.effects).filter(([, v]) => v !== undefined))).toEqual(
      effects,
    )
  })

  it('headStep asks the parent once', () => {
    const first = headStep(initialState(), { number: 100, timestamp: 1_000 }, 'read', 5, can)
    expect(first.state.askedParent).toBe(true)
    expect(headStep(first.state, { number: 101, timestamp: 1_012 }, 'read', 6, can).effects.askParent).toBe(
      undefined,
    )
  })

  it('stampStep: the parent’s timestamp gives the interval, told once', () => {
    const step = stampStep(known, { number: 99, timestamp: 988 })
    expect(step.effects.rhythm).toBe(12_000)
    expect(stampStep(step.state, { number: 98, timestamp: 976 }).effects.rhythm).toBe(undefined)
  })

  it.each<[string, boolean, readonly unknown[] | undefined, boolean | undefined, number]>([
    ['an empty look that answered: a miss, still not failing', false, [{ number: 100 }], undefined, 1],
    ['a read that failed: failing now', false, [undefined], true, 1],
    ['a look that threw: failing now', false, undefined, true, 1],
    ['failing, then answered: no longer', true, [{ number: 100 }], false, 1],
    ['failing, still failing: told once', true, undefined, undefined, 1],
  ])('lookStep: %s', (_, failing, results, told, misses) => {
    const step = lookStep({ ...known, failing }, { before: 100, lookedAt: 1_000_400 }, results)
    expect(step.effects.failing).toBe(told)
    expect(step.state.failing).toBe(told ?? failing)
    expect(step.state.model.misses).toBe(misses)
  })
})
