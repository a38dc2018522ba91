import { HttpRequestError } from 'viem'
import { describe, expect, it } from 'vitest'
import { createEndpointPool } from '../../../../src/core/rpc/pool'
import { testEndpoint } from '../../../support/builders/readPool'

/** Pool logic with in-process endpoints: each answers like a node for chain 1 at head 0x10. */
const endpoint = (id: string, perSecond: number, burst: number) =>
  testEndpoint(id, { rateLimit: { perSecond, burst } })

function fakeNode(log: string[], id: string, fail?: () => unknown) {
  return async ({ method }: { method: string }) => {
    log.push(`${id}:${method}`)
    if (method === 'eth_chainId') return '0x1'
    if (method === 'eth_blockNumber') return '0x10'
    const error = fail?.()
    if (error) throw error
    return `${id}-answer`
  }
}

describe('pool rate limits and Retry-After', () => {
  it('sends to the next endpoint when a bucket is empty, and waits instead of failing when all are', async () => {
    const log: string[] = []
    const pool = createEndpointPool({
      chainId: 1,
      endpoints: [endpoint('a', 0.5, 2), endpoint('b', 0.5, 2)],
      sendFor: (e) => fakeNode(log, e.id),
    })
    const answers: unknown[] = []
    // Two tokens each, one more every 2 s: two reads go to a, the next two to b, the fifth waits for a refill.
    for (let i = 0; i < 5; i++)
      answers.push(await pool.request({ method: 'eth_getBalance', params: [String(i)] }))
    expect(answers).toEqual(['a-answer', 'a-answer', 'b-answer', 'b-answer', 'a-answer'])
    expect(log.filter((l) => l.endsWith('eth_getBalance'))).toHaveLength(5)
  })

  it('honours Retry-After from a 429 by skipping that endpoint until then', async () => {
    const log: string[] = []
    const limited = new HttpRequestError({
      url: 'https://a.example/key',
      status: 429,
      details: 'Too Many Requests',
      headers: new Headers({ 'retry-after': '60' }),
    })
    const pool = createEndpointPool({
      chainId: 1,
      endpoints: [endpoint('a', 100, 100), endpoint('b', 100, 100)],
      sendFor: (e) => fakeNode(log, e.id, e.id === 'a' ? () => limited : undefined),
    })
    expect(await pool.request({ method: 'eth_getBalance', params: ['1'] })).toBe('b-answer')
    expect(await pool.request({ method: 'eth_getBalance', params: ['2'] })).toBe('b-answer')
    expect(log.filter((l) => l === 'a:eth_getBalance')).toHaveLength(1)
    const a = pool.getSnapshot().endpoints.find((e) => e.id === 'a')
    expect(a).toMatchObject({ status: 'degraded', statusReason: 'rate-limited by the provider' })
    expect(a?.errorsByCategory).toEqual({ 'rate-limited': 1 })
  })

  it('retries transient failures with backoff, but never a user rejection', async () => {
    let calls = 0
    const flaky = createEndpointPool({
      chainId: 1,
      endpoints: [endpoint('a', 100, 100)],
      retryBaseMs: 1,
      sendFor: (e) =>
        fakeNode([], e.id, () =>
          ++calls < 3 ? new HttpRequestError({ url: 'https://a.example', status: 503 }) : undefined,
        ),
    })
    expect(await flaky.request({ method: 'eth_getBalance', params: [] })).toBe('a-answer')
    expect(calls).toBe(3)

    let rejections = 0
    const rejecting = createEndpointPool({
      chainId: 1,
      endpoints: [endpoint('a', 100, 100), endpoint('b', 100, 100)],
      sendFor: (e) =>
        fakeNode([], e.id, () => {
          rejections++
          return Object.assign(new Error('User rejected the request.'), { code: 4001 })
        }),
    })
    await expect(rejecting.request({ method: 'eth_getBalance', params: [] })).rejects.toMatchObject({
      code: 4001,
    })
    expect(rejections).toBe(1)
  })
})
