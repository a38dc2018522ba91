// Over 250 lines: the whole of what the block clock learns (interval, edge, its spread, when to look), one model.
/**
 * What the block clock learns from the chain, as pure functions (the timers are in blockClock.ts):
 * - the block interval, from block timestamps (`learnBlockTime`);
 * - the edge: how long after its timestamp, by the local clock, a block is first readable (`learnEdge`);
 * - when to look next (`nextDelay`);
 * - and, gathering them, what a head seen (`seeHead`) or a look (`afterLook`) changes in the `ClockModel`.
 *
 * The edge is in LOCAL time: the user's clock may be seconds or minutes off the chain's timestamps, and a node may
 * make blocks readable long after their timestamp, so it is neither capped nor kept positive.
 */
export type ClockHead = { number: number; timestamp?: number; seenAt: number }
export type Stamp = { number: number; timestamp: number }

/** How many timestamped heads the interval is learned from. */
const RHYTHM_SAMPLES = 12
/** A block found less than this before its learned edge was found when due. */
const EARLY_MS = 50
/** The interval assumed before one is learned. */
const DEFAULT_BLOCK_MS = 12_000

/** The short step between looks while a block is late. */
export const stepOf = (blockTimeMs: number) => Math.min(500, Math.max(150, blockTimeMs / 16))

/**
 * Adds a timestamped head to the samples (newest last, at most 12) and gives the interval they show: the median
 * gap per block, at least 250 ms. `blockTimeMs` is undefined while no two samples make a gap.
 */
export function learnBlockTime(
  stamped: readonly Stamp[],
  sample: Stamp,
): { stamped: Stamp[]; blockTimeMs?: number } {
  if (stamped.some((s) => s.number === sample.number)) return { stamped: [...stamped] }
  const next = [...stamped, sample].sort((a, b) => a.number - b.number).slice(-RHYTHM_SAMPLES)
  const gaps: number[] = []
  for (const [i, b] of next.entries()) {
    const a = next[i - 1]
    if (a && b.number > a.number && b.timestamp >= a.timestamp)
      gaps.push(((b.timestamp - a.timestamp) * 1000) / (b.number - a.number))
  }
  if (gaps.length === 0) return { stamped: next }
  gaps.sort((x, y) => x - y)
  // Timestamps are whole seconds: a chain faster than a block a second shows as 0 or 1 s gaps.
  return { stamped: next, blockTimeMs: Math.max(250, gaps[Math.floor(gaps.length / 2)] as number) }
}

/** Where the next block is expected to be readable: `offsetMs` after its timestamp, maybe `slackMs` earlier. */
export type Edge = { offsetMs: number; slackMs: number }

/** A look that found a new block. */
export type Find = {
  /** The new block's timestamp (ms). */
  timestampMs: number
  /** When the look that found it started (local ms). */
  lookedAt: number
  /** When the latest look that found no new block started, if it was since the previous block. */
  emptyLookAt?: number
  /** Looks since the previous block that found nothing new. */
  misses: number
  /** Whether the block found is the one right after the previous head (none skipped). */
  next: boolean
  blockTimeMs?: number
}

/** What a find says about the edge. */
export function learnEdge(edge: Edge, find: Find): Edge {
  const bt = find.blockTimeMs ?? DEFAULT_BLOCK_MS
  const step = stepOf(bt)
  const { emptyLookAt, lookedAt, timestampMs } = find
  // Only an empty look within the last interval, and not from before this block's slot (a chain that skipped a
  // slot), says when THIS block became readable.
  const empty =
    emptyLookAt !== undefined &&
    lookedAt - emptyLookAt <= bt &&
    emptyLookAt >= timestampMs + edge.offsetMs - bt / 2
      ? emptyLookAt
      : undefined
  // What was found was readable when this look started.
  const upper = lookedAt - timestampMs
  if (find.next && find.misses > 0 && empty !== undefined) {
    // After a miss, the block became readable between the empty look's start and this one's: look that late next
    // time (at most two steps after the empty look, so a late timer cannot teach a late edge).
    return { offsetMs: Math.min(lookedAt, empty + 2 * step) - timestampMs, slackMs: 0 }
  }
  if (upper < edge.offsetMs - EARLY_MS) {
    // Found well before it was due (timestamps ahead of the local clock, or a block skipped): due at most then, and
    // maybe earlier by as much again. A look a few ms early (a timer firing early, the wall clock stepping back)
    // says nothing of the kind: taken as a skew, it sent the next look half a block early.
    return { offsetMs: upper, slackMs: Math.min(bt, edge.offsetMs - upper) }
  }
  if (find.misses === 0) {
    // Found when due: look earlier next time, halving what is still unknown, then by a little, until a miss shows
    // where the edge is.
    const by = edge.slackMs > 2 * step ? edge.slackMs / 2 : 25
    return { offsetMs: edge.offsetMs - by, slackMs: Math.max(0, edge.slackMs - by) }
  }
  return edge
}

/**
 * What one find says of its block's edge (ms after its timestamp): readable by `hi`, and not yet at `lo` when an
 * empty look came shortly before.
 */
export type EdgeBound = { hi: number; lo?: number }

/** How many recent finds the spread of edges is learned from (a late block is rare: it counts this long). */
const SPREAD_SAMPLES = 32
/** A slow chain's (this interval or more) edge is taken as spread until enough finds say otherwise. */
const SLOW_CHAIN_MS = 8_000

/**
 * The longest wait between looks while the edge is spread (a mainnet-like rhythm): a block found at the next look
 * is read at most this late. 1.4 s on a 12 s chain, leaving room for the read itself within a 1.5 s budget.
 */
export const gapOf = (blockTimeMs: number) => Math.min(1_400, blockTimeMs / 8)

/** After the second look on a spread edge, the short step (a block found then is read soon, its edge known well). */
export const spreadStepOf = (blockTimeMs: number) => stepOf(blockTimeMs) / 3

/** What a find says of its block's edge, or undefined when nothing (a block skipped, an empty look from before). */
export function boundOf(edge: Edge, find: Find): EdgeBound | undefined {
  if (!find.next) return undefined
  const bt = find.blockTimeMs ?? DEFAULT_BLOCK_MS
  const hi = find.lookedAt - find.timestampMs
  if (find.misses === 0) return { hi }
  const lo = find.emptyLookAt === undefined ? undefined : find.emptyLookAt - find.timestampMs
  // Only a find within a gap of an empty look says when the block came (not one after backed-off looks).
  if (lo === undefined || hi - lo > gapOf(bt) || lo < edge.offsetMs - bt / 2) return undefined
  return { hi, lo }
}

/** Adds a bound (newest last, at most 32). */
export const addBound = (bounds: readonly EdgeBound[], bound: EdgeBound | undefined) =>
  bound ? [...bounds, bound].slice(-SPREAD_SAMPLES) : [...bounds]

/**
 * Whether recent blocks became readable at varying times (more than two steps apart): then one learned edge makes
 * early blocks wait for a look timed for a late one (it shows no early block), and the looks follow the spread
 * (`spreadEdge`). A slow chain starts that way, so that early blocks are seen at all.
 */
export function isSpread(bounds: readonly EdgeBound[], blockTimeMs = DEFAULT_BLOCK_MS): boolean {
  if (bounds.length < 4) return bounds.length > 1 && blockTimeMs >= SLOW_CHAIN_MS
  const his = bounds.map((b) => b.hi)
  return Math.max(...his) - Math.min(...his) > 2 * stepOf(blockTimeMs) + 100
}

/**
 * On a spread edge, looks come at the edge, one gap later, then in short steps: the second look at the latest
 * edge seen recently, the first one gap before. The first look then catches about half the blocks (under 1.5
 * looks a block on mainnet's rhythm) and no block waits more than a gap, unless it came more than a gap before the
 * first look (not seen on mainnet's rhythm).
 */
export function spreadEdge(bounds: readonly EdgeBound[], blockTimeMs = DEFAULT_BLOCK_MS): Edge {
  const gap = gapOf(blockTimeMs)
  const near = 2 * spreadStepOf(blockTimeMs)
  // When each block came, at the latest: found within two short steps of an empty look, about midway; found at
  // a first look, maybe a gap before it. Found a gap after an empty look (at the second look), by then, less
  // 5 ms: so the second look eases earlier until a block comes after it and shows where the late end is now.
  const came = (b: EdgeBound) =>
    b.lo === undefined ? b.hi - gap : b.hi - b.lo <= near ? (b.lo + b.hi) / 2 : b.hi - 5
  return { offsetMs: Math.max(...bounds.map(came)) - gap, slackMs: 0 }
}

export type DelayInput = {
  blockTimeMs?: number
  head?: ClockHead
  edge: Edge
  misses: number
  failing: boolean
  now: number
  /** Until the interval is learned, the head is looked at this often. */
  initialPollMs: number
  /** Whether the edge is spread (`isSpread`): the second look comes a gap after the first. */
  spread?: boolean
}

/** When to look next (ms from now): at the expected time of the next block, then in short steps while it is late. */
export function nextDelay(input: DelayInput): number {
  const { blockTimeMs, head, misses, failing, now, initialPollMs } = input
  if (!blockTimeMs || head?.timestamp === undefined) return failing ? 2 * initialPollMs : initialPollMs
  const step = stepOf(blockTimeMs)
  if (failing) return Math.min(blockTimeMs, step * 2 ** Math.min(misses, 4))
  const expected = head.timestamp * 1000 + blockTimeMs + input.edge.offsetMs
  // A regular chain has made the next block one interval after this one was seen, whatever the timestamps say:
  // never wait longer than that (a clock behind the chain, or an absurd timestamp, cannot stop the looks).
  const wait = Math.min(expected, head.seenAt + blockTimeMs + step) - now
  if (wait > 0) return wait
  // Spread: one look a gap after the first catches nearly all blocks (see `trackSpread`).
  const gap = gapOf(blockTimeMs)
  if (input.spread && misses === 1 && now - expected < gap) return gap - (now - expected)
  if (input.spread && misses >= 2 && now - expected < 2 * gap) return spreadStepOf(blockTimeMs)
  // Late: a few quick looks, then slower ones (a stalled chain should not cost a request every step). Once half a
  // block late, look at each next slot instead (a chain that skipped a slot makes its block one interval later),
  // if the timestamps agree with when blocks were seen (not while a skewed clock's edge is still being learned).
  if (misses < 4) return step
  const backoff = Math.min(blockTimeMs, step * 2 ** (misses - 3))
  const late = -wait
  const onSlots = Math.abs(expected - (head.seenAt + blockTimeMs)) <= blockTimeMs / 2
  return !onSlots || late + backoff <= blockTimeMs / 2 ? backoff : blockTimeMs - (late % blockTimeMs)
}

/** While a WebSocket pushes heads: one look if it has been quiet for 3 blocks. */
export const watchdogDelay = (blockTimeMs: number, lastSeenAt: number, now: number) =>
  Math.max(blockTimeMs * 3 - (now - lastSeenAt), blockTimeMs)

/** All the clock knows about its chain. */
export type ClockModel = {
  head?: ClockHead
  /** Timestamped heads, newest last, for the interval. */
  stamped: Stamp[]
  blockTimeMs?: number
  edge: Edge
  /** Looks since the latest new block that found none. */
  misses: number
  /** When the latest look that answered without a new block started (the next block was not readable yet). */
  emptyLookAt?: number
  /** The head the per-block reads last caught up with. */
  readHead: number
  /** What recent finds said of their blocks' edges, newest last. */
  bounds: EdgeBound[]
  /** Whether those edges are spread (`isSpread`). */
  spread: boolean
}

export const emptyModel = (): ClockModel => ({
  stamped: [],
  edge: { offsetMs: 0, slackMs: 0 },
  misses: 0,
  readHead: -1,
  bounds: [],
  spread: false,
})

/** A timestamp learned (the first head's parent's, asked for to learn the interval without waiting). */
export function seeStamp(model: ClockModel, sample: Stamp): ClockModel {
  const learned = learnBlockTime(model.stamped, sample)
  return { ...model, stamped: learned.stamped, blockTimeMs: learned.blockTimeMs ?? model.blockTimeMs }
}

/** A head seen at `seenAt`, by a per-block read or otherwise. `fresh`: it is newer than the head before. */
export function seeHead(
  model: ClockModel,
  sample: { number: number; timestamp?: number },
  byRead: boolean,
  seenAt: number,
): { model: ClockModel; fresh: boolean } {
  const { number, timestamp } = sample
  let next =
    timestamp !== undefined && Number.isSafeInteger(timestamp)
      ? seeStamp(model, { number, timestamp })
      : model
  if (byRead) next = { ...next, readHead: Math.max(next.readHead, number) }
  const { head } = next
  if (head && number <= head.number) {
    if (head.timestamp === undefined && number === head.number && timestamp !== undefined)
      next = { ...next, head: { ...head, timestamp } }
    return { model: next, fresh: false }
  }
  return { model: { ...next, head: { number, timestamp, seenAt } }, fresh: true }
}

/** A look that started at `lookedAt` when the head was `before` (-1: none); `ok`: it got an answer. */
export function afterLook(model: ClockModel, before: number, lookedAt: number, ok: boolean): ClockModel {
  const { head } = model
  if (!head || head.number <= before)
    return { ...model, misses: model.misses + 1, emptyLookAt: ok ? lookedAt : model.emptyLookAt }
  if (head.timestamp === undefined || before < 0) return { ...model, misses: 0, emptyLookAt: undefined }
  const find: Find = {
    timestampMs: head.timestamp * 1000,
    lookedAt,
    emptyLookAt: model.emptyLookAt,
    misses: model.misses,
    next: head.number === before + 1,
    blockTimeMs: model.blockTimeMs,
  }
  return { ...model, ...learnFind(model, find), misses: 0, emptyLookAt: undefined }
}

/** What a find changes in the edge and its spread. */
function learnFind(model: ClockModel, find: Find): Pick<ClockModel, 'edge' | 'bounds' | 'spread'> {
  const bt = model.blockTimeMs
  // Found well before due: a skewed clock, not a spread edge; what was learned of the spread is void.
  const skewed = find.lookedAt - find.timestampMs < model.edge.offsetMs - EARLY_MS
  // While the edge is still being narrowed down (slack left), finds say where the looks were, not the edge.
  const bound = model.edge.slackMs > 0 ? undefined : boundOf(model.edge, find)
  const bounds = skewed ? [] : addBound(model.bounds, bound)
  const spread = bounds.length > 0 && isSpread(bounds, bt)
  if (spread) return { edge: spreadEdge(bounds, bt), bounds, spread }
  // Leaving the spread: one edge again, where the latest block came.
  if (model.spread && bound) return { edge: { offsetMs: bound.hi, slackMs: 0 }, bounds, spread }
  return { edge: learnEdge(model.edge, find), bounds, spread }
}
