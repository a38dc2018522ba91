import { HttpRequestError } from 'viem'
import { describe, expect, it } from 'vitest'
import { createEndpointPool } from '../../../../src/core/rpc/pool'
import { localEndpoint } from '../../../support/builders/readPool'

/**
 * Tracking asks a second endpoint to confirm a receipt whenever the pool counts two or more. An endpoint found on
 * another chain is never read again, so counting it left every receipt "confirmed by one endpoint only" for
 * good (the chaos run's batch step waited for it). A down endpoint still counts: it comes back.
 */
describe('readEndpointCount: the endpoints that can give a second opinion', () => {
  it('counts an endpoint that is down, not one on another chain nor one disabled', async () => {
    const pool = createEndpointPool({
      chainId: 1,
      endpoints: [
        localEndpoint('a', 'https://a.example'),
        localEndpoint('b', 'https://b.example'),
        localEndpoint('c', 'https://c.example'),
        { ...localEndpoint('d', 'https://d.example'), enabled: false },
      ],
      sendFor:
        (e) =>
        async ({ method }) => {
          if (e.id === 'c') throw new HttpRequestError({ url: e.url, status: 500 })
          if (method === 'eth_chainId') return e.id === 'b' ? '0x5' : '0x1'
          return '0x10'
        },
    })
    expect(pool.readEndpointCount()).toBe(3)
    await pool.start()
    pool.stop()
    expect(pool.getSnapshot().endpoints.map((e) => [e.id, e.status])).toEqual([
      ['a', 'healthy'],
      ['b', 'wrong-chain'],
      ['c', 'down'],
      ['d', 'disabled'],
    ])
    expect(pool.readEndpointCount()).toBe(2)
  })
})
