/**
 * When to look for the next block, learned from the chain itself: the block interval from block timestamps,
 * and how long after its timestamp a block can be read. One clock per chain, run by the RPC manager.
 *
 * A page that shows per-block data registers a `perBlock` read (the Wallet page: its balances multicall,
 * which carries the block number and timestamp). That read IS the head poll: at the expected time of the next
 * block, the clock runs it; if no new block came, it tries again shortly. Without such a read, the clock polls
 * the head itself (`poll`). With a live WebSocket, new heads come pushed and the clock only runs the reads.
 * What it learns is pure functions in clockLearning.ts, what it does next in clockPlan.ts, its timer is lookLoop.ts.
 */
import type { ClockHead } from './clockLearning'
import {
  type ClockSource,
  headStep,
  initialState,
  lookAgain,
  lookStep,
  type Step,
  stampStep,
  waitBeforeLook,
} from './clockPlan'
import { createLookLoop } from './lookLoop'

export type { ClockHead, ClockSource }

export type BlockClockOptions = {
  /** Reads the head (number and timestamp) when no per-block read is registered. */
  poll: () => Promise<{ number: number; timestamp: number } | undefined>
  /** Reads one block's timestamp (to learn the interval from the first head without waiting for a second). */
  timestampOf?: (blockNumber: number) => Promise<number | undefined>
  /** Tells the pool the learned interval (for its lag allowances). */
  onRhythm?: (blockTimeMs: number) => void
  now?: () => number
  /** Until the interval is learned, the head is polled this often. */
  initialPollMs?: number
}

export type ClockSubscriber = {
  /** Each new head, from whatever source. */
  onBlock?: (head: ClockHead) => void
  /** Reads the data of a new block; resolves with the block it read, or undefined when the read failed. */
  perBlock?: () => Promise<{ number: number; timestamp?: number } | undefined>
  /** Whether the latest attempt to read the head (or the per-block read) failed. */
  onFailing?: (failing: boolean) => void
}

/** The wrapper: every decision is a pure step in clockPlan.ts, the timer is lookLoop.ts. */
export function createBlockClock(options: BlockClockOptions) {
  const now = options.now ?? (() => Date.now())
  const initialPollMs = options.initialPollMs ?? 1_000
  const subscribers = new Set<ClockSubscriber>()
  let state = initialState()
  let live = false

  const readers = () => [...subscribers].filter((s) => s.perBlock)
  const apply = ({ state: next, effects: e }: Step) => {
    state = next
    if (e.rhythm !== undefined) options.onRhythm?.(e.rhythm)
    for (const s of subscribers) {
      if (e.failing !== undefined) s.onFailing?.(e.failing)
      if (e.block) s.onBlock?.(e.block)
    }
    const parent = e.askParent
    if (parent !== undefined)
      options.timestampOf?.(parent).then(
        (timestamp) => timestamp !== undefined && apply(stampStep(state, { number: parent, timestamp })),
        () => undefined,
      )
    if (e.readNow) loop.now()
  }
  const can = () => ({ reads: readers().length > 0, askParent: options.timestampOf !== undefined })
  const observe = (sample: { number: number; timestamp?: number }, source: ClockSource) =>
    apply(headStep(state, sample, source, now(), can()))

  /** One look for a new block: the per-block reads (which carry the head), or a head poll (none while live). */
  const look = async () => {
    const started = { before: state.model.head?.number ?? -1, lookedAt: now() }
    const reads = readers()
    const source: ClockSource = reads.length > 0 ? 'read' : 'poll'
    const looked = reads.length > 0 ? reads.map((s) => s.perBlock?.()) : live ? [] : [options.poll()]
    const results = await Promise.all(looked)
      .then((heads) => {
        for (const head of heads) if (head) observe(head, source)
        return heads
      })
      .catch(() => undefined)
    apply(lookStep(state, started, results))
  }
  const loop = createLookLoop({
    look,
    again: () => lookAgain(state.model, true, readers().length > 0),
    wait: () => waitBeforeLook(state.model, { live, failing: state.failing, now: now(), initialPollMs }),
    wanted: () => subscribers.size > 0,
  })

  return {
    observe,
    start: loop.start,
    stop: loop.stop,
    /** WebSocket state: while live, heads are pushed and the clock does not poll. */
    setLive(next: boolean): void {
      if (live === next) return
      live = next
      loop.clear()
      if (loop.idle()) (next ? loop.later : loop.now)()
    },
    /** Registers a consumer; the first one starts the looking, the last one leaving stops it. */
    subscribe(subscriber: ClockSubscriber): () => void {
      subscribers.add(subscriber)
      if (state.model.head) subscriber.onBlock?.(state.model.head)
      if (state.failing) subscriber.onFailing?.(true)
      subscriber.perBlock ? loop.now() : loop.later()
      return () => {
        subscribers.delete(subscriber)
        if (subscribers.size === 0) loop.clear()
      }
    },
    head: () => state.model.head,
    blockTimeMs: () => state.model.blockTimeMs,
    failing: () => state.failing,
    /** Runs the per-block reads (or a poll) now, e.g. after a WebSocket reconnect. */
    refresh: loop.now,
  }
}

export type BlockClock = ReturnType<typeof createBlockClock>
