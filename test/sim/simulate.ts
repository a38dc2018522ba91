import fc from 'fast-check'
import { InvariantBroken, type InvariantName } from './invariants'
import type { Profile } from './model'
import { runSchedule, scheduleArbitrary } from './schedule'

export type SimOutcome =
  | {
      ok: true
      runs: number
      /** The event trace of the last schedule run. */
      trace: string[]
    }
  | {
      ok: false
      seed: number
      path: string
      invariant: string
      error: string
      commands: string
      trace: string[]
    }

/**
 * Runs `runs` schedules from `seed`. On a broken invariant fast-check shrinks the schedule and the smallest one
 * is reported with its event trace; everything follows from the seed, so the same seed gives the same report.
 */
export async function simulate(options: {
  runs: number
  seed: number
  profile: Profile
  ignore?: readonly InvariantName[]
  /** false: report the first failing schedule as it is (fast; fixed-seed tests), not the smallest one. */
  shrink?: boolean
  /** Replays only the schedule at this path of the seed (fast-check's counterexample path, as a report prints it). */
  path?: string
}): Promise<SimOutcome> {
  const ignore = new Set(options.ignore ?? [])
  // Shrinking ends on the last schedule that failed: its trace is the shrunk one. `last`: the last one run.
  let trace: string[] = []
  let last: string[] = []
  const property = fc.asyncProperty(scheduleArbitrary(options.profile), async ([s, seed, own, cmds]) => {
    const log: string[] = []
    last = log
    try {
      await runSchedule(s, seed, own, cmds, log, ignore)
    } catch (error) {
      trace = log
      throw error
    }
  })
  const result = await fc.check(property, {
    numRuns: options.runs,
    seed: options.seed,
    endOnFailure: options.shrink === false,
    ...(options.path !== undefined ? { path: options.path } : {}),
  })
  if (!result.failed) return { ok: true, runs: result.numRuns, trace: last }
  const error = result.errorInstance
  const example = result.counterexample
  return {
    ok: false,
    seed: result.seed,
    path: result.counterexamplePath ?? '',
    invariant: error instanceof InvariantBroken ? error.invariant : 'crash',
    error: error instanceof Error ? error.message : String(error),
    commands: example
      ? `${String(example[0][3])}\nlast answers released:\n${String(example[0][0]).split('\n').slice(-25).join('\n')}`
      : '',
    trace,
  }
}
