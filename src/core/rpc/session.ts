import { type Client, createClient, custom } from 'viem'
import { isTransient } from '../errors/category'
import { type ClassifiedError, classifyError } from '../errors/classify'
import { MalformedResponseError, StaleEndpointError } from '../errors/errors'
import { allEndpointsFailed, type FailoverOptions, noteServedBy, ranked, unverifiedFailure } from './failover'
import { quantity, sleep } from './http'
import { ensureVerified } from './probes'
import { type AttemptFailure, attempt, observeHead, type PoolState, type Slot } from './slot'
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
   * Reports the block a read was answered at (e.g. a multicall's `getBlockNumber`). Throws, and the session
   * moves to another endpoint, when that block is more than 1 block behind the best head the pool knows.
   */
  checkBlock: (blockNumber: bigint) => void
}

export type SessionOptions = {
  /** Endpoint ids not to use: pass the id of a first answer to have it confirmed by a different endpoint. */
  exclude?: readonly string[]
  /** Only endpoints whose status is healthy now (for confirmations): no degraded or last-resort endpoint. */
  healthyOnly?: boolean
}

export type SessionResult<T> = { value: T; endpointId: string; endpointName: string }

/** How far behind the best known head a read's block may be: one block is a refresh in flight. */
export const MAX_READ_LAG_BLOCKS = 1

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
  const candidates = ranked(state).filter(
    (s) => !exclude.has(s.endpoint.id) && (!sessionOptions.healthyOnly || options.isHealthy(s)),
  )
  const failures: ClassifiedError[] = []
  let method = 'session'
  for (let i = 0; i < candidates.length; i++) {
    const slot = candidates[i] as Slot
    const last = i === candidates.length - 1
    if (!(await ensureVerified(state, slot, last))) {
      const failure = unverifiedFailure(state, slot)
      if (failure) failures.push(failure)
      continue
    }
    let failed: ClassifiedError | undefined
    const request = async (args: RequestArgs) => {
      method = args.method
      const wait = slot.bucket.waitMs()
      if (wait > options.maxWaitMs) throw new Error('rate limit: no token in time')
      if (wait > 0) await sleep(wait)
      slot.bucket.tryTake()
      try {
        return await attempt(state, slot, args, last)
      } catch (wrapped) {
        const { classified, original } = wrapped as AttemptFailure
        if (isTransient(classified.category) || classified.category === 'unsupported') failed ??= classified
        throw original
      }
    }
    const checkBlock = (blockNumber: bigint) => {
      if (blockNumber <= BigInt(Number.MAX_SAFE_INTEGER))
        observeHead(state, slot, `0x${blockNumber.toString(16)}`)
      const best = state.bestHead()
      if (best !== undefined && BigInt(best) - blockNumber > BigInt(MAX_READ_LAG_BLOCKS)) {
        const error = new StaleEndpointError(
          `it answered at block ${blockNumber}, but the chain is at block ${best} or later`,
        )
        failed ??= classifyError(error, { endpoint: slot.endpoint.url, chainId: state.chainId })
        throw error
      }
    }
    let head: Promise<bigint> | undefined
    const session: EndpointSession = {
      endpointId: slot.endpoint.id,
      endpointName: slot.endpoint.name,
      request,
      client: createClient({
        transport: custom(
          { request: ({ method, params }) => request({ method, params }) },
          { retryCount: 0 },
        ),
        cacheTime: 0,
      }),
      head: () => {
        head ??= request({ method: 'eth_blockNumber' }).then((value) => {
          const n = quantity(value)
          if (n === undefined) {
            const error = new MalformedResponseError(`eth_blockNumber answered ${String(value).slice(0, 40)}`)
            failed ??= classifyError(error, { endpoint: slot.endpoint.url, chainId: state.chainId })
            throw error
          }
          checkBlock(BigInt(n))
          return BigInt(n)
        })
        return head
      },
      checkBlock,
    }
    try {
      const value = await fn(session)
      noteServedBy(state, slot)
      return { value, endpointId: slot.endpoint.id, endpointName: slot.endpoint.name }
    } catch (error) {
      if (!failed) throw error
      failures.push(failed)
    }
  }
  throw allEndpointsFailed(method, failures)
}
