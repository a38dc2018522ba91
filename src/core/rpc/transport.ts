import { custom, type Transport } from 'viem'
import type { EndpointPool } from './pool'

/**
 * A viem transport whose every request goes through the pool. viem's own retries are off: the pool already
 * retries transient failures, and a second layer would multiply requests and latency.
 */
export function poolTransport(pool: EndpointPool): Transport {
  return custom(
    { request: ({ method, params }) => pool.request({ method, params }) },
    { key: 'hush-pool', name: 'Hush endpoint pool', retryCount: 0 },
  )
}
