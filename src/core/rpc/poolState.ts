import type { AcceptedHead, Slot } from './endpointState'
import type { HeadSample } from './health'
import type { PoolEvent } from './types'

export type PoolStateHooks = {
  /** Bumps the snapshot version and notifies listeners (once per microtask). */
  changed: () => void
  /** Starts timestamp checks for every head alone in the lead; called whenever a head is recorded. */
  checkLeaders: (state: PoolState) => void
  /** Called with each head accepted from an endpoint (with the block's timestamp when the read carried it). */
  onHead: (sample: AcceptedHead) => void
}

let eventIds = 0

/**
 * The mutable state the pool's parts share, behind methods. Owned by `createEndpointPool`; the UI sees snapshots.
 * `chainId`, `now` and `freshMs` are fixed for its life.
 */
export class PoolState {
  #slots: Slot[]
  #inUse: string | undefined
  #events: PoolEvent[] = []
  #sentAt: number[] = []
  #headsSince = 0
  #externalHead: HeadSample | undefined
  #externalWitnessed: HeadSample | undefined
  #externalWitnessTried: number | undefined
  #witnessing = new Set<Promise<void>>()
  #blockTimeMs: number | undefined
  readonly #hooks: PoolStateHooks

  constructor(
    readonly chainId: number,
    readonly now: () => number,
    /** A head sample older than this says nothing about the chain now. */
    readonly freshMs: number,
    slots: Slot[],
    hooks: PoolStateHooks,
  ) {
    this.#slots = slots
    this.#hooks = hooks
  }

  changed(): void {
    this.#hooks.changed()
  }
  checkLeaders(): void {
    this.#hooks.checkLeaders(this)
  }
  onHead(sample: AcceptedHead): void {
    this.#hooks.onHead(sample)
  }

  slots(): readonly Slot[] {
    return this.#slots
  }
  slotById(id: string): Slot | undefined {
    return this.#slots.find((s) => s.endpoint.id === id)
  }
  /** Replaces the endpoints; the one in use is forgotten when it is gone. */
  setSlots(slots: Slot[]): void {
    this.#slots = slots
    if (this.#inUse && !slots.some((s) => s.endpoint.id === this.#inUse)) this.#inUse = undefined
  }

  /** The endpoint that served the last read. */
  inUse(): string | undefined {
    return this.#inUse
  }
  setInUse(id: string): void {
    this.#inUse = id
  }

  logEvent(event: Omit<PoolEvent, 'id'>): void {
    this.#events.push({ id: ++eventIds, ...event })
    if (this.#events.length > 100) this.#events.shift()
  }
  events(): readonly PoolEvent[] {
    return this.#events
  }

  /** Counts a request sent now; only the last minute's are kept. */
  noteSent(): void {
    const t = this.now()
    this.#sentAt.push(t)
    while (this.#sentAt.length > 0 && (this.#sentAt[0] ?? 0) < t - 60_000) this.#sentAt.shift()
  }
  /** Times of requests sent in the last minute. */
  sentAt(): readonly number[] {
    return this.#sentAt
  }

  /**
   * Heads taken before this say nothing about now. Set when a run starts (start, resume, chain switch, endpoints
   * changed) and when it stops: an endpoint serves a read only once its fresh head, taken since, has been compared
   * with the other endpoints' (also for reads on a stopped pool, e.g. tracking on a chain not in use).
   */
  headsSince(): number {
    return this.#headsSince
  }
  /** Heads from now on only (see `headsSince`). */
  restartHeads(): void {
    this.#headsSince = this.now()
  }

  /** A head from outside the endpoints (WebSocket newHeads). */
  externalHead(): HeadSample | undefined {
    return this.#externalHead
  }
  setExternalHead(sample: HeadSample): void {
    this.#externalHead = sample
  }
  /** The stream dropped: its last head says nothing about the chain now (see `sources` in headWitness.ts). */
  dropExternalHead(): void {
    this.#externalHead = undefined
    this.#externalWitnessed = undefined
    this.#externalWitnessTried = undefined
  }
  /** The WebSocket's head, confirmed by its block's timestamp while it was alone in the lead. */
  externalWitnessed(): HeadSample | undefined {
    return this.#externalWitnessed
  }
  /** True the first time it is asked for head `n`: its timestamp check is due, once. */
  claimExternalWitness(n: number): boolean {
    if (this.#externalWitnessTried === n) return false
    this.#externalWitnessTried = n
    return true
  }
  /** The WebSocket's head `sample` is confirmed, if it is still the latest one. */
  confirmExternal(sample: HeadSample): boolean {
    if (this.#externalHead !== sample) return false
    this.#externalWitnessed = { ...sample, at: this.now() }
    return true
  }

  /** Tracks a check of a lone leading head's block timestamp (see headWitness.ts); reads wait for them. */
  trackWitness(work: Promise<void>): void {
    const done: Promise<void> = work.finally(() => this.#witnessing.delete(done))
    this.#witnessing.add(done)
  }
  /** Waits for the timestamp checks in flight (each bounded by the per-attempt timeout). */
  async witnessesSettled(): Promise<void> {
    if (this.#witnessing.size > 0) await Promise.all([...this.#witnessing])
  }

  /** The chain's block interval as learned from block timestamps; undefined until learned. */
  blockTimeMs(): number | undefined {
    return this.#blockTimeMs
  }
  setBlockTime(ms: number): void {
    if (Number.isFinite(ms) && ms > 0) this.#blockTimeMs = ms
  }
}
