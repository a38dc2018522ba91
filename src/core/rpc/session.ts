import { type Client, createClient, custom } from 'viem'
import { isTransient } from '../errors/category'
import type { ClassifiedError } from '../errors/classify'
import { overEndpoints, type Turn } from './endpointLoop'
import { type AttemptFailure, acceptHead, type Slot } from './endpointState'
import { assertChain, assertCurrent, checkedAttempt, type FailoverOptions } from './failover'
import { sleep } from './http'
import type { PoolState } from './poolState'
import type { RequestArgs } from './types'

/**
 * Several reads on ONE endpoint, so their answers agree with each other (same node, same view of the chain).
 * Handed to the function given to `pool.withEndpoint`.
 */
export type EndpointSession = {
  endpointId: string
  endpointName: string
  /** One JSON-RPC request to this endpoint only: no failover inside a session. */
  request: (args: RequestArgs) => Promise<unknown>
  /** A viem client whose every request goes to this endpoint only (use it with viem actions). */
  client: Client
  /**
   * This endpoint's head, read once per session (`eth_blockNumber`). Pass it as `blockNumber` to the session's
   * reads so they are all answered at ONE block. Throws (and the session moves to another endpoint) when the
   * head is more than 1 block behind the best head the pool knows.
   */
  head: () => Promise<bigint>
  /**
   * Reports the block a read was answered at (e.g. a multicall's `getBlockNumber`, with its timestamp in
   * seconds when known). Throws, and the session moves to another endpoint, when that block is more than 1
   * block behind the best head the pool knows, or goes backwards.
   */
  checkBlock: (blockNumber: bigint, timestamp?: bigint) => void
  /**
   * Reports the chain id a read was answered on (e.g. a multicall's `getChainId`): it proves the endpoint's chain
   * as `eth_chainId` does, so no re-check rides beside the next reads. Throws, and the endpoint is never used
   * again, when it is another chain.
   */
  checkChain: (chainId: bigint) => void
}

export type SessionOptions = {
  /** Endpoint ids not to use: pass the id of a first answer to have it confirmed by a different endpoint. */
  exclude?: readonly string[]
  /** Only endpoints whose status is healthy now (for confirmations): no degraded or last-resort endpoint. */
  healthyOnly?: boolean
}

export type SessionResult<T> = { value: T; endpointId: string; endpointName: string }

/**
 * Runs `fn` on the best endpoint; if that endpoint fails transiently (or answers behind the head) while `fn`
 * runs, `fn` starts again from scratch on the next one. Any other error (a revert…) is `fn`'s answer and is
 * thrown as it is. When every endpoint fails: one `AllEndpointsFailedError`.
 */
export async function runSession<T>(
  state: PoolState,
  options: FailoverOptions & { isHealthy: (slot: Slot) => boolean },
  fn: (session: EndpointSession) => Promise<T>,
  sessionOptions: SessionOptions = {},
): Promise<SessionResult<T>> {
  const exclude = new Set(sessionOptions.exclude ?? [])
  const keep = (s: Slot) =>
    !exclude.has(s.endpoint.id) && (!sessionOptions.healthyOnly || options.isHealthy(s))
  // The method last asked (on any endpoint), to name it when every endpoint fails.
  const asked = { method: 'session' }
  const turn = async (slot: Slot, last: boolean): Promise<Turn<T>> => {
    // A lone leading head reported by the previous endpoint is judged before this one is.
    await state.witnessesSettled()
    const { session, failure } = openSession(state, options, slot, last, asked)
    try {
      return { ok: true, value: await fn(session) }
    } catch (error) {
      const failed = failure()
      if (!failed) throw error
      return { ok: false, error: failed }
    }
  }
  // One round: a session that failed transiently is not retried on the same endpoints.
  const options1 = { ...options, retries: 0, keep, deferThrottled: false }
  const { value, slot } = await overEndpoints(state, options1, turn, () => asked.method)
  return { value, endpointId: slot.endpoint.id, endpointName: slot.endpoint.name }
}

/**
 * The session on one endpoint for one turn of `runSession`, and the transient failure (if any) that ends the
 * turn and moves it to the next endpoint. `asked` keeps the method last asked, shared by the turns.
 */
function openSession(
  state: PoolState,
  options: FailoverOptions,
  slot: Slot,
  last: boolean,
  asked: { method: string },
): { session: EndpointSession; failure: () => ClassifiedError | undefined } {
  let failed: ClassifiedError | undefined
  const fail = (wrapped: unknown): never => {
    const { classified, original } = wrapped as AttemptFailure
    if (isTransient(classified.category) || classified.category === 'unsupported') failed ??= classified
    throw original
  }
  const request = async (args: RequestArgs) => {
    asked.method = args.method
    const wait = slot.bucket.waitMs()
    if (wait > options.maxWaitMs) throw new Error('rate limit: no token in time')
    if (wait > 0) await sleep(wait)
    slot.bucket.tryTake()
    try {
      return await checkedAttempt(state, slot, args, last, { ...options, withHead: false })
    } catch (wrapped) {
      return fail(wrapped)
    }
  }
  const checkBlock = (blockNumber: bigint, timestamp?: bigint) => {
    try {
      const seconds = timestamp !== undefined && timestamp < 2n ** 40n ? Number(timestamp) : undefined
      const refused = acceptHead(state, slot, `0x${blockNumber.toString(16)}`, asked.method, seconds)
      if (refused) throw refused
      assertCurrent(state, slot, asked.method)
    } catch (wrapped) {
      fail(wrapped)
    }
  }
  const checkChain = (chainId: bigint) => {
    try {
      assertChain(state, slot, `0x${chainId.toString(16)}`, asked.method)
    } catch (wrapped) {
      fail(wrapped)
    }
  }
  let head: Promise<bigint> | undefined
  const session: EndpointSession = {
    endpointId: slot.endpoint.id,
    endpointName: slot.endpoint.name,
    request,
    client: createClient({
      transport: custom({ request: ({ method, params }) => request({ method, params }) }, { retryCount: 0 }),
      cacheTime: 0,
    }),
    head: () => {
      head ??= request({ method: 'eth_blockNumber' }).then(async (value) => {
        // attempt() has accepted it (or refused it and thrown): a safe, non-negative integer.
        const n = BigInt(value as string)
        await state.witnessesSettled()
        try {
          assertCurrent(state, slot, 'eth_blockNumber')
        } catch (wrapped) {
          fail(wrapped)
        }
        return n
      })
      return head
    },
    checkBlock,
    checkChain,
  }
  return { session, failure: () => failed }
}
