import { type Client, createTransport, type EIP1193RequestFn, type Transport } from 'viem'
import type { EndpointPool } from './pool'

/**
 * A viem transport whose every request goes through the pool. viem's own retries are off: the pool already
 * retries transient failures, and a second layer would multiply requests and latency. The pool rides along as
 * the transport's `value`, so code holding only a viem client can still ask for reads on one endpoint.
 */
export function poolTransport(pool: EndpointPool): Transport {
  return () =>
    createTransport(
      {
        key: 'hush-pool',
        name: 'Hush endpoint pool',
        type: 'custom',
        request: (({ method, params }) => pool.request({ method, params })) as EIP1193RequestFn,
        retryCount: 0,
      },
      { pool },
    )
}

/** The endpoint pool behind a client made with `poolTransport`, if it is one (viem spreads `value` into it). */
export function poolOf(client: Client | undefined): EndpointPool | undefined {
  const transport = client?.transport as { key?: string; pool?: EndpointPool } | undefined
  return transport?.key === 'hush-pool' ? transport.pool : undefined
}
