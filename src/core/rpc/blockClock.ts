/**
 * When to look for the next block, learned from the chain itself: the block interval from block timestamps,
 * and how long after its timestamp a block can be read. One clock per chain, run by the RPC manager.
 *
 * A page that shows per-block data registers a `perBlock` read (the Wallet page: its balances multicall,
 * which carries the block number and timestamp). That read IS the head poll: at the expected time of the next
 * block, the clock runs it; if no new block came, it tries again shortly. Without such a read, the clock polls
 * the head itself (`poll`). With a live WebSocket, new heads come pushed and the clock only runs the reads.
 * What it learns is pure functions in clockLearning.ts, what it does next in clockPlan.ts; this file runs the timers.
 */
import { afterLook, type ClockHead, emptyModel, seeHead, seeStamp } from './clockLearning'
import {
  type ClockSource,
  lookAgain,
  lookAnswered,
  newRhythm,
  parentToAsk,
  readsDue,
  waitBeforeLook,
} from './clockPlan'

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

// Over 80 lines: the timer wrapper: its methods are closures over one timer, the subscribers and the model (decisions: clockPlan.ts).
export function createBlockClock(options: BlockClockOptions) {
  const now = options.now ?? (() => Date.now())
  const initialPollMs = options.initialPollMs ?? 1_000
  const subscribers = new Set<ClockSubscriber>()
  let model = emptyModel()
  let failing = false
  let askedParent = false
  let running = false
  let live = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let ticking: Promise<void> | undefined
  let again = false

  const readers = () => [...subscribers].filter((s) => s.perBlock)
  const setFailing = (next: boolean) => {
    if (failing !== next) for (const s of subscribers) s.onFailing?.(next)
    failing = next
  }
  const update = (next: typeof model) => {
    const learned = newRhythm(model, next)
    model = next
    if (learned !== undefined) options.onRhythm?.(learned)
  }
  const clear = () => {
    if (timer) clearTimeout(timer)
    timer = undefined
  }

  /** A head from anywhere. Per-block reads run for heads they have not read yet, unless the head came from one. */
  const observe = (sample: { number: number; timestamp?: number }, source: ClockSource) => {
    if (!Number.isSafeInteger(sample.number) || sample.number < 0) return
    const seen = seeHead(model, sample, source === 'read', now())
    update(seen.model)
    if (!seen.fresh || !model.head) return
    for (const s of subscribers) s.onBlock?.(model.head)
    const parent = options.timestampOf ? parentToAsk(model, askedParent) : undefined
    if (parent !== undefined) {
      askedParent = true
      options.timestampOf?.(parent).then(
        (ts) => ts !== undefined && update(seeStamp(model, { number: parent, timestamp: ts })),
        () => undefined,
      )
    }
    if (readsDue(model, source, readers().length > 0)) runNow()
  }

  /** One look for a new block: the per-block reads (which carry the head), or a head poll (none while live). */
  const tick = async () => {
    const before = model.head?.number ?? -1
    const lookedAt = now()
    const reads = readers()
    const source: ClockSource = reads.length > 0 ? 'read' : 'poll'
    let ok = true
    try {
      const results =
        reads.length > 0
          ? await Promise.all(reads.map((s) => s.perBlock?.()))
          : live
            ? []
            : [await options.poll()]
      for (const head of results) if (head) observe(head, source)
      ok = lookAnswered(results)
    } catch {
      ok = false
    }
    setFailing(!ok)
    update(afterLook(model, before, lookedAt, ok))
  }

  const runNow = () => {
    if (!running || subscribers.size === 0) return
    if (ticking) {
      again = true
      return
    }
    clear()
    ticking = tick().finally(() => {
      ticking = undefined
      const rerun = lookAgain(model, again, readers().length > 0)
      again = false
      rerun ? runNow() : schedule()
    })
  }

  const schedule = () => {
    if (!running || timer || subscribers.size === 0) return
    const wait = waitBeforeLook(model, { live, failing, now: now(), initialPollMs })
    timer = setTimeout(() => {
      timer = undefined
      runNow()
    }, wait)
  }

  return {
    observe,
    start(): void {
      if (running) return
      running = true
      runNow()
    },
    stop(): void {
      running = false
      clear()
    },
    /** WebSocket state: while live, heads are pushed and the clock does not poll. */
    setLive(next: boolean): void {
      if (live === next) return
      live = next
      clear()
      if (running && !ticking) (next ? schedule : runNow)()
    },
    /** Registers a consumer; the first one starts the looking, the last one leaving stops it. */
    subscribe(subscriber: ClockSubscriber): () => void {
      subscribers.add(subscriber)
      if (model.head) subscriber.onBlock?.(model.head)
      if (failing) subscriber.onFailing?.(true)
      if (running && subscriber.perBlock) runNow()
      else if (running && !ticking && !timer) schedule()
      return () => {
        subscribers.delete(subscriber)
        if (subscribers.size === 0) clear()
      }
    },
    head: () => model.head,
    blockTimeMs: () => model.blockTimeMs,
    failing: () => failing,
    /** Runs the per-block reads (or a poll) now, e.g. after a WebSocket reconnect. */
    refresh: runNow,
  }
}

export type BlockClock = ReturnType<typeof createBlockClock>
