import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createEndpointPool } from '../../../src/core/rpc/pool'
import { testEndpoint } from '../../support/builders/readPool'
import { hostileString, hostileValue } from './hostile'

/** A one-endpoint pool on chain 1 that fails fast; `answer` is the node (it may log each method). */
const poolAnswering = (answer: (method: string) => unknown) =>
  createEndpointPool({
    chainId: 1,
    endpoints: [testEndpoint('a', { rateLimit: { perSecond: 10_000, burst: 10_000 } })],
    retries: 0,
    timeoutMs: 200,
    lastResortTimeoutMs: 200,
    maxWaitMs: 0,
    sendFor:
      () =>
      async ({ method }) =>
        answer(method),
  })

describe('endpoint answers for chain id and head', () => {
  const headAnswer = fc.oneof(
    hostileValue,
    fc.constantFrom('-0x5', '0x', '0x12zz', '0x1fffffffffffffffff', '  0x10', '0X10', '1e3'),
    fc.nat().map((n) => `0x${n.toString(16)}`),
  )
  const chainAnswer = fc.oneof(fc.constant('0x1'), fc.constant('0x01'), fc.constant(1), hostileValue)

  it('a head shown for an endpoint is always a whole, non-negative, safe number', async () => {
    await fc.assert(
      fc.asyncProperty(chainAnswer, headAnswer, async (chainId, head) => {
        const pool = poolAnswering((method) => {
          if (method === 'eth_chainId') return chainId
          if (method === 'eth_blockNumber') return head
          return '0x0'
        })
        try {
          await pool.request({ method: 'eth_getBalance', params: ['0x0', 'latest'] }).catch(() => undefined)
          const snapshot = pool.getSnapshot()
          const heads = [snapshot.bestHead, ...snapshot.endpoints.map((e) => e.head)]
          for (const h of heads)
            if (h !== undefined)
              expect(Number.isSafeInteger(h) && h >= 0, `head ${h} from ${String(head)}`).toBe(true)
        } finally {
          pool.stop()
        }
      }),
      {
        numRuns: 150,
        examples: [
          ['0x1', '-0x5'],
          ['0x1', '0x1fffffffffffffffff'],
        ],
      },
    )
  })

  it('any chain-id answer other than this chain keeps the endpoint unused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileString, hostileValue), async (chainId) => {
        const calls: string[] = []
        const pool = poolAnswering((method) => {
          calls.push(method)
          if (method === 'eth_chainId') return chainId
          if (method === 'eth_blockNumber') return '0x10'
          return '0x0'
        })
        try {
          const answer = await pool.request({ method: 'eth_getBalance', params: ['0x0', 'latest'] }).then(
            () => 'answered',
            () => 'refused',
          )
          const isChainOne = chainId === 1 || (typeof chainId === 'string' && /^0x0*1$/i.test(chainId))
          if (answer === 'answered') expect(isChainOne || calls.includes('eth_getBalance')).toBe(true)
          if (!isChainOne) expect(calls).not.toContain('eth_getBalance')
        } finally {
          pool.stop()
        }
      }),
      { numRuns: 150 },
    )
  })
})
