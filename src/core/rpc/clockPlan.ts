/**
 * What the block clock does next, as pure functions over its model (clockLearning.ts): the timer wrapper in
 * blockClock.ts only carries these decisions out.
 */
import { type ClockModel, nextDelay, watchdogDelay } from './clockLearning'

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
