import { attempt, type Slot } from './endpointState'
import { aheadOf, confirmedSource, leadOver, timestampFits } from './headWitness'
import type { HeadSample } from './health'
import { quantity } from './http'
import type { PoolState } from './poolState'

/** Block `n`'s timestamp (s) on one endpoint; undefined when it has no such block or answers another one. */
async function blockTimestamp(state: PoolState, slot: Slot, n: number): Promise<number | undefined> {
  try {
    const block = (await attempt(
      state,
      slot,
      { method: 'eth_getBlockByNumber', params: [`0x${n.toString(16)}`, false] },
      false,
    )) as { number?: unknown; timestamp?: unknown } | null
    if (!block || quantity(block.number) !== n) return undefined
    return quantity(block.timestamp)
  } catch {
    return undefined
  }
}

/**
 * Whether a head alone in the lead is confirmed by its block's timestamp (see `timestampFits`), judged against
 * the best head that counts without it. Asks for a block only where a timestamp is not known yet: this costs
 * requests only while endpoints disagree by more than a block, never when they agree.
 */
async function witnessed(
  state: PoolState,
  head: HeadSample,
  claimedTimestamp: () => Promise<number | undefined>,
  except: Slot | undefined,
): Promise<boolean> {
  const base = confirmedSource(state, except)
  if (!base) return false
  const [claimed, baseTimestamp] = await Promise.all([
    head.timestamp ?? claimedTimestamp(),
    base.sample.timestamp ??
      (base.slot ? blockTimestamp(state, base.slot, base.sample.number) : Promise.resolve(undefined)),
  ])
  if (claimed === undefined || baseTimestamp === undefined) return false
  return timestampFits(
    state,
    { number: head.number, timestamp: claimed },
    { number: base.sample.number, timestamp: baseTimestamp },
  )
}

/** Starts a timestamp check for each head alone in the lead that has not had one (endpoints and WebSocket). */
export function checkLeaders(state: PoolState): void {
  for (const slot of state.slots()) {
    const head = slot.health.head
    if (!head || slot.witnessTried === head.number || aheadOf(state, slot) === undefined) continue
    slot.witnessTried = head.number
    state.trackWitness(
      witnessed(state, head, () => blockTimestamp(state, slot, head.number), slot).then((ok) => {
        if (!ok) return
        slot.health.witnessed = { ...head, at: state.now() }
        state.changed()
      }),
    )
  }
  const external = state.externalHead()
  if (external && leadOver(state, external) && state.claimExternalWitness(external.number)) {
    state.trackWitness(
      witnessed(state, external, () => Promise.resolve(undefined), undefined).then((ok) => {
        if (ok && state.confirmExternal(external)) state.changed()
      }),
    )
  }
}
