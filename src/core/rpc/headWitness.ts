import type { Slot } from './endpointState'
import { type HeadSample, MAX_LAG_BLOCKS, MIN_BLOCK_TIME_MS } from './health'
import type { PoolState } from './poolState'

/**
 * Heads need a second witness (issue 22). One endpoint claiming a head ahead of all others would otherwise make
 * every honest endpoint look behind, refuse their reads and take every read over. A head counts toward the best
 * head only when another source (endpoint or WebSocket) is within a block of it, or when its block's own
 * timestamp fits the chain's slot time (`timestampFits`). An endpoint alone in the lead is "ahead, unconfirmed":
 * it demotes no one, and serves no read until it is confirmed.
 */

type Source = { slot?: Slot; sample: HeadSample; witnessed?: HeadSample }

/** Fresh heads of every enabled, verified endpoint (but `except`) and of the WebSocket. */
function sources(state: PoolState, except?: Slot): Source[] {
  const now = state.now()
  const fresh = (s: HeadSample | undefined): s is HeadSample => s !== undefined && now - s.at <= state.freshMs
  const out: Source[] = []
  for (const slot of state.slots()) {
    // A failing endpoint's last head is no witness, and must not hold back the ones that answer.
    const h = slot.health
    if (slot === except || !slot.endpoint.enabled || h.chain.state !== 'ok' || h.failingSince !== undefined)
      continue
    if (fresh(slot.health.head))
      out.push({ slot, sample: slot.health.head, witnessed: slot.health.witnessed })
  }
  // Nor is the WebSocket's once its stream dropped (the pool forgets it, `dropExternalHead`): on a chain that made
  // more blocks since than its block time allows, it left the one endpoint answering "ahead, unconfirmed".
  const external = state.externalHead()
  if (fresh(external)) out.push({ sample: external, witnessed: state.externalWitnessed() })
  return out
}

/**
 * Blocks the chain may have made between two times: the allowance `lagOf` gives an older sample (the fastest
 * rhythm in use until the chain's is learned), so a head that counts never makes an agreeing endpoint look behind.
 */
function madeBetween(state: PoolState, from: number, to: number): number {
  return Math.floor(Math.max(0, to - from) / (state.blockTimeMs() ?? MIN_BLOCK_TIME_MS))
}

function counts(state: PoolState, source: Source, all: Source[]): boolean {
  const n = source.sample.number
  const others = all.filter((o) => o !== source)
  if (others.length === 0) return true
  const agreed = others.some(
    (o) => o.sample.number + MAX_LAG_BLOCKS + madeBetween(state, o.sample.at, source.sample.at) >= n,
  )
  if (agreed) return true
  const w = source.witnessed
  return w !== undefined && n <= w.number + MAX_LAG_BLOCKS + madeBetween(state, w.at, state.now())
}

/** The best head that counts (see above), with the endpoint that reported it (none for the WebSocket's). */
export function confirmedSource(state: PoolState, except?: Slot): Source | undefined {
  const all = sources(state, except)
  let best: Source | undefined
  for (const s of all) {
    if (!counts(state, s, all)) continue
    const b = best?.sample
    if (!b || s.sample.number > b.number || (s.sample.number === b.number && s.sample.at > b.at)) best = s
  }
  return best
}

export const confirmedHead = (state: PoolState, except?: Slot): HeadSample | undefined =>
  confirmedSource(state, except)?.sample

/** How many blocks a head is above the confirmed head, when more than MAX_LAG_BLOCKS: "ahead, unconfirmed". */
export function leadOver(state: PoolState, sample: HeadSample | undefined): number | undefined {
  if (!sample || state.now() - sample.at > state.freshMs) return undefined
  const best = confirmedHead(state)
  const lead = best ? sample.number - best.number : 0
  return lead > MAX_LAG_BLOCKS ? lead : undefined
}

export const aheadOf = (state: PoolState, slot: Slot): number | undefined =>
  slot.endpoint.enabled && slot.health.chain.state === 'ok' ? leadOver(state, slot.health.head) : undefined

/** A block claiming a time this far past the local clock is from the future (clock skew allowance). */
export const FUTURE_SLACK_S = 5

/**
 * Whether block `claimed` (number, timestamp in seconds) can exist now, next to `base` (a head that counts, with
 * its timestamp): not from the future by the local clock, and the blocks between them fit in the seconds between
 * them at the chain's slot time (one block of rounding allowed). Until that time is learned only the order is
 * checked: a devnet mines many blocks in one second, so no spacing can be assumed.
 */
export function timestampFits(
  state: PoolState,
  claimed: { number: number; timestamp: number },
  base: { number: number; timestamp: number } | undefined,
): boolean {
  if (claimed.timestamp > state.now() / 1000 + FUTURE_SLACK_S) return false
  if (!base) return false
  const perBlockS = (state.blockTimeMs() ?? 0) / 1000
  const between = claimed.number - base.number - 1
  return claimed.timestamp >= base.timestamp && between * perBlockS <= claimed.timestamp - base.timestamp
}
