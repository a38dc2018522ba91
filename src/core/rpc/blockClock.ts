/**
 * When to look for the next block, learned from the chain itself: the block interval from block timestamps,
 * and how long after its timestamp a block can be read. One clock per chain, run by the RPC manager.
 *
 * A page that shows per-block data registers a `perBlock` read (the Wallet page: its balances multicall,
 * which carries the block number and timestamp). That read IS the head poll: at the expected time of the next
 * block, the clock runs it; if no new block came, it tries again shortly. Without such a read, the clock polls
 * the head itself (`poll`). With a live WebSocket, new heads come pushed and the clock only runs the reads.
 * What it learns, and when it looks, are pure functions in clockLearning.ts; this file runs the timers.
 */
import {
  afterLook,
  type ClockHead,
  type ClockModel,
  emptyModel,
  nextDelay,
  seeHead,
  seeStamp,
  watchdogDelay,
} from './clockLearning'

export type { ClockHead }
export type ClockSource = 'read' | 'poll' | 'socket' | 'probe'

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

export function createBlockClock(options: BlockClockOptions) {
  const now = options.now ?? (() => Date.now())
  const initialPollMs = options.initialPollMs ?? 1_000
  const subscribers = new Set<ClockSubscriber>()
  let model = emptyModel()
  let failing = false
  /** The block whose timestamp was asked for (-1: none yet). */
  let askedPrevious = -1
  let running = false
  let live = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let ticking: Promise<void> | undefined
  let again = false

  const hasReads = () => [...subscribers].some((s) => s.perBlock)
  const setFailing = (next: boolean) => {
    if (failing === next) return
    failing = next
    for (const s of subscribers) s.onFailing?.(next)
  }
  /** Applies a change to the model, telling the pool of a new interval. */
  const update = (next: ClockModel) => {
    const learned = next.blockTimeMs !== model.blockTimeMs ? next.blockTimeMs : undefined
    model = next
    if (learned !== undefined) options.onRhythm?.(learned)
  }

  /** A head from anywhere. Per-block reads run for heads they have not read yet, unless the head came from one. */
  const observe = (sample: { number: number; timestamp?: number }, source: ClockSource) => {
    if (!Number.isSafeInteger(sample.number) || sample.number < 0) return
    const seen = seeHead(model, sample, source === 'read', now())
    update(seen.model)
    const { head, blockTimeMs, readHead } = model
    if (!seen.fresh || !head) return
    for (const s of subscribers) s.onBlock?.(head)
    // The interval from the first head, without waiting for a second.
    if (
      blockTimeMs === undefined &&
      head.timestamp !== undefined &&
      options.timestampOf &&
      askedPrevious < 0
    ) {
      askedPrevious = head.number - 1
      void options.timestampOf(head.number - 1).then(
        (ts) => ts !== undefined && update(seeStamp(model, { number: head.number - 1, timestamp: ts })),
        () => undefined,
      )
    }
    if (source !== 'read' && hasReads() && head.number > readHead) runNow()
  }

  /** One look for a new block: the per-block reads (which carry the head), or a head poll. */
  const tick = async () => {
    const before = model.head?.number ?? -1
    const lookedAt = now()
    let ok = true
    try {
      const readers = [...subscribers].filter((s) => s.perBlock)
      if (readers.length > 0) {
        const results = await Promise.all(readers.map((s) => s.perBlock?.()))
        for (const read of results) if (read) observe(read, 'read')
        ok = results.every((r) => r !== undefined)
      } else if (!live) {
        const polled = await options.poll()
        if (polled) observe(polled, 'poll')
        else ok = false
      }
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
    if (timer) clearTimeout(timer)
    timer = undefined
    ticking = tick().finally(() => {
      ticking = undefined
      // A head seen while the reads ran: read again only if they did not already get it.
      const behind = hasReads() && (model.head?.number ?? -1) > model.readHead
      const rerun = again && behind
      again = false
      rerun ? runNow() : schedule()
    })
  }

  const schedule = () => {
    if (!running || timer || subscribers.size === 0) return
    // While live, the WebSocket pushes heads; a watchdog looks once if it has been quiet for 3 blocks.
    const { blockTimeMs, head } = model
    const wait =
      !live || !blockTimeMs
        ? nextDelay({ ...model, failing, now: now(), initialPollMs })
        : watchdogDelay(blockTimeMs, head?.seenAt ?? now(), now())
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
      if (timer) clearTimeout(timer)
      timer = undefined
    },
    /** WebSocket state: while live, heads are pushed and the clock does not poll. */
    setLive(next: boolean): void {
      if (live === next) return
      live = next
      if (timer) clearTimeout(timer)
      timer = undefined
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
        if (subscribers.size === 0 && timer) {
          clearTimeout(timer)
          timer = undefined
        }
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
