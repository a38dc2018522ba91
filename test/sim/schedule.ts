import fc from 'fast-check'
import { custom } from 'viem'
import { inFlightIntents } from '../../src/core/tx/send/inFlight'
import { seeded } from '../../tools/devnet/slotDelays'
import { settleMoves } from './batch'
import { installGlobals } from './clock'
import type { InvariantName } from './invariants'
import { type Cmd, commands, faultsOf, type Profile } from './model'
import { followActivity } from './user'
import { blockMs, World } from './world'

/**
 * viem's uid() (one per transport a session's client creates) draws Math.random, the run's seeded stream, 256
 * at a time into a buffer it keeps across schedules: so a schedule's draws depended on every schedule before it
 * in the process (seed 2 replayed differently after the batch seeds). Transports are made here until it refills
 * from a fixed stream, so each schedule starts it in the same state.
 */
function refillViemUid() {
  const real = Math.random
  const fixed = seeded(0x0d1d)
  let refilled = false
  Math.random = () => {
    refilled = true
    return fixed()
  }
  const transport = custom({ request: async () => null })
  try {
    for (let i = 0; i < 1024 && !refilled; i++) transport({})
  } finally {
    Math.random = real
  }
}

/** Blocks the world runs after faults stop; every open record must be final by then. */
export const settleBlocks = 100
/** From this block on the user approves every prompt (before it, each at random). */
const approveAllFrom = 55

/** One schedule: the commands, then faults stop, prompts are answered, and the world runs until it settles. */
export async function runSchedule(
  s: fc.Scheduler,
  seed: number,
  ownNonces: boolean,
  cmds: Iterable<Cmd>,
  trace?: string[],
  ignore?: ReadonlySet<InvariantName>,
): Promise<void> {
  // Module state of the core (a page's in-flight intents) must not leak from one schedule into the next.
  inFlightIntents.clear()
  refillViemUid()
  const w = new World(seed, s, ownNonces, ignore)
  const restore = installGlobals(w.clock, w.random, w.storage)
  try {
    w.openTab(0)
    await fc.asyncModelRun(() => ({ model: {}, real: w }), cmds)
    w.stopFaults()
    if (!w.tabs.some((t) => t?.alive)) w.openTab(0)
    for (let b = 0; b < settleBlocks; b++) {
      // The user follows Activity's one recommended action (the nonce check's fix), and makes no other payment;
      // a page with a stopped batch: the user resumes it (nothing happens without one).
      settleMoves(w, b)
      followActivity(w)
      // The user answers every prompt still open (one a send still on its way may open later).
      while (w.wallet.prompts.length > 0) {
        const approve = b >= approveAllFrom || w.random() < 0.5
        const r = w.wallet.decide(0, approve ? 'approve' : 'decline')
        w.note(`wallet answers open prompt #${r?.prompt.id}`)
        await w.deliver(50)
      }
      await w.tick(blockMs)
      w.check.afterStep()
    }
    w.check.settled()
  } finally {
    if (trace) trace.push(...w.log)
    w.stop()
    restore()
  }
}

export const scheduleArbitrary = (profile: Profile) =>
  fc.tuple(
    fc.scheduler(),
    fc.integer(),
    faultsOf(profile).has('walletNonces') ? fc.boolean() : fc.constant(false),
    commands(profile),
  )
