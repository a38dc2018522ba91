import type { Clock } from '../../src/core/clock/clock'

type Timer = { at: number; seq: number; fn: () => void }

/**
 * The simulator's time: timers fire only when the schedule advances the clock, in time order (ties in the
 * order they were set), so a run of hours takes milliseconds and replays exactly.
 */
export class FakeClock implements Clock {
  private t = 1_700_000_000_000
  private seq = 0
  private readonly timers = new Map<number, Timer>()

  now = () => this.t
  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = ++this.seq
    this.timers.set(id, { at: this.t + Math.max(0, ms), seq: id, fn })
    return id
  }
  clearTimeout = (handle: unknown) => {
    this.timers.delete(handle as number)
  }

  /** Moves time to now + ms, firing each due timer and letting the code it wakes run to its next wait. */
  async advance(ms: number, settle: () => Promise<void>): Promise<void> {
    const end = this.t + ms
    for (;;) {
      const next = [...this.timers.values()]
        .filter((x) => x.at <= end)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0]
      if (!next) break
      this.timers.delete(next.seq)
      this.t = Math.max(this.t, next.at)
      next.fn()
      await settle()
    }
    this.t = end
  }
}

/** Lets every queued microtask run (a macrotask turn comes only after the microtask queue is empty). */
export const flushMicrotasks = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * The core reads Date.now (record timestamps) and Math.random (record ids) directly: during a run both come from
 * the simulation, so a seed replays exactly. Returns the function that puts the real ones back.
 */
export function installGlobals(clock: FakeClock, random: () => number, storage: Storage): () => void {
  const realNow = Date.now
  const realRandom = Math.random
  const g = globalThis as { localStorage?: Storage }
  const realStorage = g.localStorage
  Date.now = clock.now
  Math.random = random
  g.localStorage = storage
  return () => {
    Date.now = realNow
    Math.random = realRandom
    if (realStorage === undefined) delete g.localStorage
    else g.localStorage = realStorage
  }
}
