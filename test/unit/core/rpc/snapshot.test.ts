import { HttpRequestError } from 'viem'
import { describe, expect, it } from 'vitest'
import { createEndpointPool } from '../../../../src/core/rpc/pool'
import { type EndpointView, headline } from '../../../../src/core/rpc/snapshot'
import { testEndpoint } from '../../../support/builders/readPool'

const endpoint = (id: string) => testEndpoint(id)

const view = (patch: Partial<EndpointView>): EndpointView => ({
  id: 'a',
  name: 'a',
  host: 'a.example',
  source: 'config',
  enabled: true,
  batch: false,
  status: 'healthy',
  errorsByCategory: {},
  requestsSent: 0,
  byMethod: {},
  inUse: false,
  latencies: [],
  ...patch,
})

describe('the Network page headline says where reads go now and why', () => {
  it('names the endpoint in use, and why it is not the preferred one', () => {
    expect(headline([view({ id: 'a', name: 'A', inUse: true }), view({ id: 'b', name: 'B' })])).toBe(
      'Reads go through A, the first endpoint in your order.',
    )
    expect(
      headline([
        view({
          id: 'a',
          name: 'A',
          status: 'down',
          statusReason: 'Could not reach a.example.',
          retryInMs: 11_200,
        }),
        view({ id: 'b', name: 'B', inUse: true }),
      ]),
    ).toBe(
      'Reads go through B because A is down: Could not reach a.example. A is checked again in 12 s; reads move back to it once it answers.',
    )
    expect(
      headline([
        view({ id: 'a', name: 'A', status: 'degraded', statusReason: '3 blocks behind' }),
        view({ id: 'b', name: 'B', inUse: true }),
      ]),
    ).toBe(
      'Reads go through B because A is degraded: 3 blocks behind. Reads move back to it once it is healthy.',
    )
    expect(
      headline([
        view({ id: 'a', name: 'A', enabled: false, status: 'disabled' }),
        view({ id: 'b', name: 'B', inUse: true }),
      ]),
    ).toBe('Reads go through B, the first endpoint in your order.')
  })

  it('says so when no endpoint can serve, with when each is tried again', () => {
    expect(
      headline([
        view({ id: 'a', name: 'A', status: 'down', statusReason: 'HTTP 500', retryInMs: 4_000 }),
        view({ id: 'b', name: 'B', status: 'wrong-chain', statusReason: 'answers chain 5' }),
      ]).replace(/\s+/g, ' '),
    ).toBe(
      'No endpoint can serve reads now: A is down: HTTP 500; B is on another chain (answers chain 5). Checking again: A in 4 s.',
    )
  })
})

describe('status changes seen by health checks are dated events', () => {
  it('logs down and recovered from probes alone, with the reason as it is now', async () => {
    let failing: 'timeout' | '500' | undefined
    const pool = createEndpointPool({
      chainId: 1,
      endpoints: [endpoint('a'), endpoint('b')],
      sendFor:
        (e) =>
        async ({ method }) => {
          if (e.id === 'b' && failing === '500') throw new HttpRequestError({ url: e.url, status: 500 })
          if (method === 'eth_chainId') return '0x1'
          return '0x10'
        },
    })
    await pool.start()
    expect(pool.getSnapshot().headline).toBe('Reads go through a, the first endpoint in your order.')
    failing = '500'
    pool.stop()
    await pool.start()
    const down = pool.getSnapshot()
    expect(down.endpoints[1]).toMatchObject({
      status: 'down',
      statusReason: 'Could not reach the RPC provider b.example.',
    })
    expect(down.events.map((e) => [e.kind, e.endpoint])).toEqual([['down', 'b']])
    failing = undefined
    pool.stop()
    await pool.start()
    const events = pool.getSnapshot().events
    expect(events.map((e) => [e.kind, e.endpoint, e.reason])).toEqual([
      ['down', 'b', 'Could not reach the RPC provider b.example.'],
      ['recovered', 'b', 'answers again'],
    ])
    pool.stop()
  })
})
