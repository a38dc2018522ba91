import { parseArgs } from 'node:util'
import type { InvariantName } from './invariants'
import type { BugFault, Profile } from './model'
import { simulate } from './simulate'

/**
 * `npm run test:sim -- --runs N [--seed S [--path P]] [--profile full|fault,fault] [--ignore invariant]`: N seeded schedules of the real core in
 * the simulated world. On a broken invariant it prints the seed and the shrunk schedule with its event trace;
 * the same --seed replays it exactly.
 */
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '100' },
    seed: { type: 'string' },
    path: { type: 'string' },
    profile: { type: 'string', default: 'full' },
    ignore: { type: 'string', multiple: true, default: [] },
  },
})
const profile: Profile =
  values.profile === 'full' ? values.profile : (values.profile.split(',') as BugFault[])
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31)
const runs = Number(values.runs)
const started = Date.now()
console.log(`simulating ${runs} schedules, seed ${seed}, profile ${values.profile}`)
const outcome = await simulate({
  runs,
  seed,
  profile,
  ignore: values.ignore as InvariantName[],
  ...(values.path ? { path: values.path } : {}),
})
const seconds = ((Date.now() - started) / 1000).toFixed(1)
if (outcome.ok) {
  console.log(`${outcome.runs} schedules, no invariant broken (${seconds} s)`)
  process.exit(0)
}
console.log(`\nINVARIANT BROKEN after ${seconds} s: ${outcome.error}`)
console.log(
  `seed ${outcome.seed} path ${outcome.path}  (replay: npm run test:sim -- --runs ${runs} --seed ${outcome.seed} --profile ${values.profile})`,
)
console.log(`\nshrunk schedule:\n${outcome.commands}\n\nevent trace:\n${outcome.trace.join('\n')}`)
process.exit(1)
