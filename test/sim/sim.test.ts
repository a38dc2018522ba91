import { describe, expect, it } from 'vitest'
import { knownBugSeeds } from './knownBugs'
import { simulate } from './simulate'

/**
 * The simulator on fixed seeds (`npm run test:sim` runs random ones). `holdsToday` draws every fault except
 * those tied to issue 21's open bugs; these seeds keep every invariant on today's code.
 */
const passingSeeds = [1, 5, 6]
const runsPerSeed = 100

describe('simulator, fixed seeds', () => {
  for (const seed of passingSeeds)
    it(`seed ${seed}: ${runsPerSeed} schedules keep every invariant`, async () => {
      const outcome = await simulate({ runs: runsPerSeed, seed, profile: 'holdsToday', shrink: false })
      expect(outcome.ok ? 'ok' : `${outcome.error}\n${outcome.commands}\n${outcome.trace.join('\n')}`).toBe(
        'ok',
      )
    })

  it('the same seed replays exactly (same shrunk schedule, same event trace)', async () => {
    const first = await simulate({ runs: 100, seed: 2, profile: ['storageFull'] })
    const again = await simulate({ runs: 100, seed: 2, profile: ['storageFull'] })
    expect(first.ok).toBe(false)
    expect(again).toEqual(first)
  })
})

describe('simulator, known bugs of issue 21 on today’s code (these fail once fixed: then move the seed)', () => {
  for (const known of knownBugSeeds)
    it(`seed ${known.seed} (${String(known.profile)}) breaks "${known.invariant}": ${known.bug}`, async () => {
      const outcome = await simulate({
        runs: known.runs ?? runsPerSeed,
        shrink: false,
        seed: known.seed,
        profile: known.profile,
        ...(known.ignore ? { ignore: known.ignore } : {}),
      })
      expect(outcome.ok ? 'no invariant broken' : outcome.invariant).toBe(known.invariant)
    })
})
