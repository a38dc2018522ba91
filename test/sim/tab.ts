import { RecordStore } from '../../src/core/tx/records/records'
import { inFlightIntents } from '../../src/core/tx/send/inFlight'
import type { TabLocks } from '../../src/core/tx/send/tabLocks'
import { createTracker, type Tracker } from '../../src/core/tx/track/tracker'

/** Locks across the simulated tabs, as Web Locks: a closed tab's locks are released. */
export class SimLocks {
  private readonly held = new Map<string, number>()
  private readonly waiters = new Map<string, Array<() => void>>()
  private readonly closed = new Set<number>()

  forTab(tab: number): TabLocks {
    return {
      run: async (name, fn, onWait) => {
        if (this.held.has(name)) onWait?.()
        while (this.held.has(name)) await new Promise<void>((r) => this.queue(name).push(r))
        // A closed page never gets the lock: it hands it on and its call never goes on.
        if (this.closed.has(tab)) {
          this.queue(name).shift()?.()
          return await new Promise<never>(() => undefined)
        }
        this.held.set(name, tab)
        try {
          return await fn()
        } finally {
          this.release(name, tab)
        }
      },
      isHeld: async (name) => this.held.has(name),
    }
  }

  closeTab(tab: number) {
    this.closed.add(tab)
    for (const [name, owner] of [...this.held]) if (owner === tab) this.release(name, tab)
  }

  private queue(name: string) {
    const q = this.waiters.get(name) ?? []
    this.waiters.set(name, q)
    return q
  }

  private release(name: string, tab: number) {
    if (this.held.get(name) !== tab) return
    this.held.delete(name)
    this.queue(name).shift()?.()
  }
}

/** One page instance: its own store over the shared storage, its own tracker, its own in-tab guard. */
export class SimTab {
  alive = true
  readonly store = new RecordStore()
  readonly busyAccounts = new Set<string>()
  /** Intents this page has in flight (module state that dies with the page). */
  readonly inFlight = new Set<string>()
  tracker: Tracker | undefined

  constructor(readonly id: number) {}

  start(make: (tab: SimTab) => Tracker) {
    this.tracker = make(this)
    this.tracker.start()
  }

  /** The page is gone: its loops stop, its in-flight marks go with its memory. */
  close() {
    this.alive = false
    this.tracker?.stop()
    for (const id of this.inFlight) inFlightIntents.delete(id)
  }
}

export { createTracker }
