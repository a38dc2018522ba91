import type { Endpoint } from '../../../src/core/rpc/endpoints'
import { createEndpointPool, type EndpointPool } from '../../../src/core/rpc/pool'
import { defaultLocalRateLimit } from '../../../src/core/rpc/rate-limiter'
import type { PoolOptions } from '../../../src/core/rpc/types'

export function localEndpoint(id: string, url: string): Endpoint {
  return {
    id,
    url,
    name: id,
    batch: false,
    rateLimit: defaultLocalRateLimit,
    source: 'config',
    enabled: true,
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
