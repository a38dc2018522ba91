/**
 * What the block clock does next, as pure functions over its model (clockLearning.ts): the timer wrapper in
 * blockClock.ts only carries these decisions out.
 */
import {
  afterLook,
  type ClockHead,
  type ClockModel,
  emptyModel,
  nextDelay,
  type Stamp,
  seeHead,
  seeStamp,
  watchdogDelay,
} from './clockLearning'

export type ClockSource = 'read' | 'poll' | 'socket' | 'probe'

/** The interval to tell the pool about after a change of the model: the new one, when it changed. */
export const newRhythm = (before: ClockModel, after: ClockModel): number | undefined =>
  after.blockTimeMs !== before.blockTimeMs ? after.blockTimeMs : undefined

/** Whether a head was seen that the per-block reads have not read yet. */
export const readsBehind = (model: ClockModel): boolean => (model.head?.number ?? -1) > model.readHead

/**
 * The block whose timestamp to ask for after a new head, to learn the interval from the first head without
 * waiting for a second: its parent, once, while the interval is unknown and the head has a timestamp.
 */
export function parentToAsk(model: ClockModel, askedBefore: boolean): number | undefined {
  const { head } = model
  if (askedBefore || model.blockTimeMs !== undefined || head?.timestamp === undefined) return undefined
  return head.number - 1
}

/** After a new head: run the per-block reads now, unless the head came from one of them (or they have it). */
export const readsDue = (model: ClockModel, source: ClockSource, hasReads: boolean): boolean =>
  source !== 'read' && hasReads && readsBehind(model)

/** After a look ends: look again at once only when a head came in during it that the reads did not get. */
export const lookAgain = (model: ClockModel, headCameDuringLook: boolean, hasReads: boolean): boolean =>
  headCameDuringLook && hasReads && readsBehind(model)

export type WaitInput = { live: boolean; failing: boolean; now: number; initialPollMs: number }

/**
 * How long until the next look. Polling: `nextDelay`. While live, the WebSocket pushes heads and a watchdog looks
 * once it has been quiet for 3 blocks (until the interval is known, polling goes on as usual).
 */
export function waitBeforeLook(model: ClockModel, input: WaitInput): number {
  const { blockTimeMs, head } = model
  if (!input.live || !blockTimeMs) return nextDelay({ ...model, ...input })
  return watchdogDelay(blockTimeMs, head?.seenAt ?? input.now, input.now)
}

/** Whether a look answered: every per-block read carried a block, or the poll did. */
export const lookAnswered = (results: readonly unknown[]): boolean => results.every((r) => r !== undefined)

/** What the timer wrapper keeps besides its timers: the model, and whether looks fail and the parent was asked. */
export type ClockState = { model: ClockModel; failing: boolean; askedParent: boolean }

export const initialState = (): ClockState => ({ model: emptyModel(), failing: false, askedParent: false })

/** What the wrapper does after a step, besides keeping its new state (in this order). */
export type Effects = {
  /** The learned interval changed: tell the pool (`onRhythm`). */
  rhythm?: number
  /** Whether looks fail changed: tell the subscribers. */
  failing?: boolean
  /** A new head: tell the subscribers. */
  block?: ClockHead
  /** Ask for this block's timestamp (see `parentToAsk`). */
  askParent?: number
  /** Run the per-block reads now (see `readsDue`). */
  readNow?: boolean
}

export type Step = { state: ClockState; effects: Effects }

const withModel = (state: ClockState, model: ClockModel, effects: Effects = {}): Step => ({
  state: { ...state, model },
  effects: { rhythm: newRhythm(state.model, model), ...effects },
})

/**
 * A head seen `at` (local ms), from a per-block read, a poll, the WebSocket or a probe. `can`: whether per-block
 * reads are registered, and whether a block's timestamp can be asked for.
 */
export function headStep(
  state: ClockState,
  sample: { number: number; timestamp?: number },
  source: ClockSource,
  at: number,
  can: { reads: boolean; askParent: boolean },
): Step {
  if (!Number.isSafeInteger(sample.number) || sample.number < 0) return { state, effects: {} }
  const seen = seeHead(state.model, sample, source === 'read', at)
  const { head } = seen.model
  if (!seen.fresh || !head) return withModel(state, seen.model)
  const parent = can.askParent ? parentToAsk(seen.model, state.askedParent) : undefined
  const step = withModel(state, seen.model, {
    block: head,
    askParent: parent,
    readNow: readsDue(seen.model, source, can.reads),
  })
  return { ...step, state: { ...step.state, askedParent: state.askedParent || parent !== undefined } }
}

/** A block's timestamp came back (the parent asked for). */
export const stampStep = (state: ClockState, stamp: Stamp): Step =>
  withModel(state, seeStamp(state.model, stamp))

/**
 * A look ended: it started at `lookedAt` when the head was `before` (-1: none); `results`: what the per-block
 * reads (or the poll) answered, undefined when the look threw. Its heads have been seen (`headStep`) already.
 */
export function lookStep(
  state: ClockState,
  look: { before: number; lookedAt: number },
  results: readonly unknown[] | undefined,
): Step {
  const ok = results !== undefined && lookAnswered(results)
  const step = withModel(state, afterLook(state.model, look.before, look.lookedAt, ok), {
    failing: state.failing === !ok ? undefined : !ok,
  })
  return { ...step, state: { ...step.state, failing: !ok } }
}
