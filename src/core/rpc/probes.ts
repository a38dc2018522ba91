import { classifyError } from '../errors/classify'
import { WrongChainError } from '../errors/errors'
import { recordFailure } from './health'
import { quantity } from './http'
import { attempt, observeHead, type PoolState, type Slot } from './slot'

/** eth_chainId (and the head) before first use; an endpoint on another chain is never used. */
export function ensureVerified(state: PoolState, slot: Slot, patient = false): Promise<boolean> {
  const h = slot.health
  if (h.chain.state === 'ok') return Promise.resolve(true)
  if (h.chain.state === 'wrong') return Promise.resolve(false)
  return verify(state, slot, patient)
}

/** Asks chain id and head together (one HTTP request where batching is allowed). */
export function verify(state: PoolState, slot: Slot, patient = false): Promise<boolean> {
  const h = slot.health
  if (slot.verifying) return slot.verifying
  const verifying = (async () => {
    try {
      const [id, head] = await Promise.all([
        attempt(state, slot, { method: 'eth_chainId' }, patient),
        attempt(state, slot, { method: 'eth_blockNumber' }, patient),
      ])
      const actual = typeof id === 'number' ? id : (quantity(id) ?? Number.NaN)
      if (actual !== state.chainId) {
        h.chain = { state: 'wrong', actual }
        const error = new WrongChainError(state.chainId, actual, slot.endpoint.url)
        recordFailure(h, 'wrong-chain', classifyError(error).message, state.now())
        state.changed()
        return false
      }
      h.chain = { state: 'ok' }
      observeHead(state, slot, head)
      state.changed()
      return true
    } catch {
      return false
    } finally {
      slot.verifying = undefined
    }
  })()
  slot.verifying = verifying
  return verifying
}

/**
 * One probe round: chain id and head of every enabled endpoint (an endpoint can be re-pointed to another
 * chain mid-session), giving demoted ones a chance back once their cooldown is over.
 */
export async function probeOnce(state: PoolState): Promise<void> {
  await Promise.all(
    state.slots.map(async (slot) => {
      const h = slot.health
      if (!slot.endpoint.enabled || h.chain.state === 'wrong') return
      if (h.demotedUntil > state.now()) return
      if (!slot.bucket.tryTake()) return
      await verify(state, slot)
    }),
  )
}

/** The probe loop: an immediate round on start, then one every `intervalMs` until stopped. */
export function createProbeLoop(state: PoolState, intervalMs: number) {
  let running = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let probing: Promise<void> | undefined

  const schedule = () => {
    if (!running) return
    timer = setTimeout(async () => {
      timer = undefined
      probing = probeOnce(state)
      await probing
      probing = undefined
      schedule()
    }, intervalMs)
  }

  return {
    isRunning: () => running,
    /** Starts the loop with an immediate round; resolves when that round is done. */
    async start(): Promise<void> {
      if (running) return
      running = true
      state.changed()
      probing = probeOnce(state)
      await probing
      probing = undefined
      if (running && !timer) schedule()
    },
    stop(): void {
      running = false
      if (timer) clearTimeout(timer)
      timer = undefined
      state.changed()
    },
    /** Waits for a probe round in progress. */
    settled: async (): Promise<void> => {
      await probing
    },
  }
}
