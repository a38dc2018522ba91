import { HttpRequestError } from 'viem'
import type { Endpoint } from '../../../src/core/rpc/endpoints'
import { createEndpointPool, type EndpointPool } from '../../../src/core/rpc/pool'
import { defaultLocalRateLimit } from '../../../src/core/rpc/rateLimiter'
import type { PoolOptions } from '../../../src/core/rpc/types'

/** A config endpoint at a local URL, with the local rate limit; `batch` for JSON-RPC batches. */
export function localEndpoint(
  id: string,
  url: string,
  options: { name?: string; batch?: boolean } = {},
): Endpoint {
  return {
    id,
    url,
    name: options.name ?? id,
    batch: options.batch ?? false,
    rateLimit: defaultLocalRateLimit,
    source: 'config',
    enabled: true,
  }
}

/**
 * An enabled config endpoint `https://<id>.example/key` (named `id`) for in-process pools, its rate limit high
 * enough that no test meets it unless `overrides` sets one.
 */
export function testEndpoint(id: string, overrides: Partial<Endpoint> = {}): Endpoint {
  return {
    id,
    url: `https://${id}.example/key`,
    name: id,
    batch: false,
    rateLimit: { perSecond: 1_000, burst: 1_000 },
    source: 'config',
    enabled: true,
    ...overrides,
  }
}

/** The app's read side (an endpoint pool, probes running) over local URLs; stop it when done. */
export async function startReadPool(
  chainId: number,
  urls: string[],
  options: Partial<PoolOptions> = {},
): Promise<EndpointPool> {
  const pool = createEndpointPool({
    chainId,
    endpoints: urls.map((url, i) => localEndpoint(String.fromCharCode(97 + i), url)),
    ...options,
  })
  await pool.start()
  return pool
}

/**
 * A pool of endpoints `a` and `b` on a clock the test moves (each request takes 20 ms of it), where `a` answers
 * every request with HTTP 500 and `b` answers chain id 1 and head 0x10. Probes every `probeMs`.
 */
export function poolWithDownFirst(probeMs: number) {
  let t = 1_000_000
  const pool = createEndpointPool({
    chainId: 1,
    endpoints: [localEndpoint('a', 'https://a.example/key'), localEndpoint('b', 'https://b.example/key')],
    now: () => t,
    probeIntervalMs: probeMs,
    standbyProbeMs: probeMs,
    sendFor:
      (e) =>
      async ({ method }) => {
        t += 20
        if (e.id === 'a') throw new HttpRequestError({ url: e.url, status: 500 })
        return method === 'eth_chainId' ? '0x1' : '0x10'
      },
  })
  const advance = (ms: number) => {
    t += ms
  }
  return { pool, advance }
}
