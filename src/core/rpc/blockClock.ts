// Over 250 lines: one state machine (rhythm, edge, schedule, WebSocket watchdog) that reads best as a whole.
/**
 * When to look for the next block, learned from the chain itself: the block interval from block timestamps,
 * and how long after its timestamp a block can be read. One clock per chain, run by the RPC manager.
 *
 * A page that shows per-block data registers a `perBlock` read (the Wallet page: its balances multicall,
 * which carries the block number and timestamp). That read IS the head poll: at the expected time of the next
 * block, the clock runs it; if no new block came, it tries again shortly. Without such a read, the clock polls
 * the head itself (`poll`). With a live WebSocket, new heads come pushed and the clock only runs the reads.
 */
export type ClockHead = { number: number; timestamp?: number; seenAt: number }
export type ClockSource = 'read' | 'poll' | 'socket' | 'probe'

export type BlockClockOptions = {
  /** Reads the head (number and timestamp) when no per-block read is registered. */
  poll: () => Promise<{ number: number; timestamp: number } | undefined>
  /** Reads one block's timestamp (to learn the interval from the first head without waiting for a second). */
  timestampOf?: (blockNumber: number) => Promise<number | undefined>
  /** Tells the pool the learned interval (for lag allowances) and the WebSocket's heads. */
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

const RHYTHM_SAMPLES = 12
/** A block found less than this before its learned edge was found when due. */
const EARLY_MS = 50

/** The short step between looks while a block is late. */
const stepOf = (blockTimeMs: number) => Math.min(500, Math.max(150, blockTimeMs / 16))

export function createBlockClock(options: BlockClockOptions) {
  const now = options.now ?? (() => Date.now())
  const initialPollMs = options.initialPollMs ?? 1_000
  const subscribers = new Set<ClockSubscriber>()
  /** Timestamped heads, newest last, for the interval. */
  const stamped: Array<{ number: number; timestamp: number }> = []
  let head: ClockHead | undefined
  let blockTimeMs: number | undefined
  /** How long after its timestamp (by the local clock) a block is first readable, as learned (ms; may be < 0). */
  let offsetMs = 0
  /** How much earlier than `offsetMs` the edge may still be (ms): halved block by block while large. */
  let slackMs = 0
  let running = false
  let live = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let ticking: Promise<void> | undefined
  let again = false
  let misses = 0
  /** When the latest look that answered without a new block started (the next block was not readable yet). */
  let emptyLookAt: number | undefined
  let failing = false
  /** The head the per-block reads last caught up with. */
  let readHead = -1
  let askedPrevious = -1

  const setFailing = (next: boolean) => {
    if (failing === next) return
    failing = next
    for (const s of subscribers) s.onFailing?.(next)
  }

  const learn = (number: number, timestamp: number) => {
    if (stamped.some((s) => s.number === number)) return
    stamped.push({ number, timestamp })
    stamped.sort((a, b) => a.number - b.number)
    if (stamped.length > RHYTHM_SAMPLES) stamped.shift()
    const gaps: number[] = []
    for (let i = 1; i < stamped.length; i++) {
      const a = stamped[i - 1] as { number: number; timestamp: number }
      const b = stamped[i] as { number: number; timestamp: number }
      if (b.number > a.number && b.timestamp >= a.timestamp)
        gaps.push(((b.timestamp - a.timestamp) * 1000) / (b.number - a.number))
    }
    if (gaps.length === 0) return
    gaps.sort((x, y) => x - y)
    const median = gaps[Math.floor(gaps.length / 2)] as number
    // Timestamps are whole seconds: a chain faster than a block a second shows as 0 or 1 s gaps.
    const next = Math.max(250, median)
    if (next !== blockTimeMs) {
      blockTimeMs = next
      options.onRhythm?.(next)
    }
  }

  /** A head from anywhere. Per-block reads run for heads they have not read yet, unless the head came from one. */
  const observe = (sample: { number: number; timestamp?: number }, source: ClockSource) => {
    if (!Number.isSafeInteger(sample.number) || sample.number < 0) return
    const seenAt = now()
    if (sample.timestamp !== undefined && Number.isSafeInteger(sample.timestamp))
      learn(sample.number, sample.timestamp)
    if (source === 'read') readHead = Math.max(readHead, sample.number)
    if (head && sample.number <= head.number) {
      if (head.timestamp === undefined && sample.number === head.number && sample.timestamp !== undefined)
        head = { ...head, timestamp: sample.timestamp }
      return
    }
    head = { number: sample.number, timestamp: sample.timestamp, seenAt }
    for (const s of subscribers) s.onBlock?.(head)
    if (
      blockTimeMs === undefined &&
      sample.timestamp !== undefined &&
      options.timestampOf &&
      askedPrevious < 0
    ) {
      askedPrevious = sample.number - 1
      void options.timestampOf(sample.number - 1).then(
        (ts) => ts !== undefined && learn(sample.number - 1, ts),
        () => undefined,
      )
    }
    if (source === 'socket' || source === 'poll' || source === 'probe') {
      if (hasReads() && sample.number > readHead) runNow()
    }
  }

  const hasReads = () => [...subscribers].some((s) => s.perBlock)

  /** One look for a new block: the per-block reads (which carry the head), or a head poll. */
  const tick = async () => {
    const before = head?.number ?? -1
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
    if (head && head.number > before) {
      // The edge is in LOCAL time: the user's clock may be seconds or minutes off the chain's timestamps, and a
      // node may make blocks readable long after their timestamp, so it is neither capped nor kept positive.
      if (head.timestamp !== undefined && before >= 0) {
        const bt = blockTimeMs ?? 12_000
        const step = stepOf(bt)
        // Only an empty look within the last interval, and not from before this block's slot (a chain that skipped
        // a slot), says when THIS block became readable.
        const empty =
          emptyLookAt !== undefined &&
          lookedAt - emptyLookAt <= bt &&
          emptyLookAt >= head.timestamp * 1000 + offsetMs - bt / 2
            ? emptyLookAt
            : undefined
        const seen = empty === undefined ? undefined : Math.min(lookedAt, empty + 2 * step)
        // What was found was readable when this look started.
        const upper = lookedAt - head.timestamp * 1000
        if (head.number === before + 1 && misses > 0 && seen !== undefined) {
          // After a miss, the block became readable between the empty look's start and this one's: look that
          // late next time (at most two steps after the empty look, so a late timer cannot teach a late edge).
          offsetMs = seen - head.timestamp * 1000
          slackMs = 0
        } else if (upper < offsetMs - EARLY_MS) {
          // Found well before it was due (timestamps ahead of the local clock, or a block skipped): due at most then,
          // and maybe earlier by as much again. A look a few ms early (a timer firing early, the wall clock stepping
          // back) says nothing of the kind: taken as a skew, it sent the next look half a block early.
          slackMs = Math.min(bt, offsetMs - upper)
          offsetMs = upper
        } else if (misses === 0) {
          // Found when due: look earlier next time, halving what is still unknown, then by a little, until a
          // miss shows where the edge is.
          const by = slackMs > 2 * step ? slackMs / 2 : 25
          offsetMs -= by
          slackMs = Math.max(0, slackMs - by)
        }
      }
      misses = 0
      emptyLookAt = undefined
    } else {
      misses++
      if (ok) emptyLookAt = lookedAt
    }
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
      const behind = hasReads() && (head?.number ?? -1) > readHead
      if (again && behind) {
        again = false
        runNow()
      } else {
        again = false
        schedule()
      }
    })
  }

  /** When to look next: at the expected time of the next block, then in short steps while it is late. */
  const delay = (): number => {
    if (!blockTimeMs || head?.timestamp === undefined) return failing ? 2 * initialPollMs : initialPollMs
    const step = stepOf(blockTimeMs)
    if (failing) return Math.min(blockTimeMs, step * 2 ** Math.min(misses, 4))
    const expected = head.timestamp * 1000 + blockTimeMs + offsetMs
    // A regular chain has made the next block one interval after this one was seen, whatever the timestamps
    // say: never wait longer than that (a clock behind the chain, or an absurd timestamp, cannot stop the looks).
    const wait = Math.min(expected, head.seenAt + blockTimeMs + step) - now()
    if (wait > 0) return wait
    // Late: a few quick looks, then slower ones (a stalled chain should not cost a request every step). Once half a
    // block late, look at each next slot instead (a chain that skipped a slot makes its block one interval later),
    // if the timestamps agree with when blocks were seen (not while a skewed clock's edge is still being learned).
    if (misses < 4) return step
    const backoff = Math.min(blockTimeMs, step * 2 ** (misses - 3))
    const late = -wait
    const onSlots = Math.abs(expected - (head.seenAt + blockTimeMs)) <= blockTimeMs / 2
    return !onSlots || late + backoff <= blockTimeMs / 2 ? backoff : blockTimeMs - (late % blockTimeMs)
  }

  const schedule = () => {
    if (!running || timer) return
    const needed = subscribers.size > 0 && (!live || !blockTimeMs)
    // While live, the WebSocket pushes heads; a watchdog looks once if it has been quiet for 3 blocks.
    const wait = needed
      ? delay()
      : live && blockTimeMs && subscribers.size > 0
        ? Math.max(blockTimeMs * 3 - (now() - (head?.seenAt ?? now())), blockTimeMs)
        : undefined
    if (wait === undefined) return
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
      if (head) subscriber.onBlock?.(head)
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
    head: () => head,
    blockTimeMs: () => blockTimeMs,
    failing: () => failing,
    /** Runs the per-block reads (or a poll) now, e.g. after a WebSocket reconnect. */
    refresh: runNow,
  }
}

export type BlockClock = ReturnType<typeof createBlockClock>
