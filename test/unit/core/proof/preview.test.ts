import { type Address, numberToHex, pad } from 'viem'
import { describe, expect, it } from 'vitest'
import { nativeLogAddress, transferTopic } from '../../../../src/core/proof/flows'
import { previewOutcome } from '../../../../src/core/proof/preview'
import { createSimulationSupportMemory } from '../../../../src/core/proof/simulationSupport'
import type { EndpointSession } from '../../../../src/core/rpc/pool'

const me: Address = '0x1000000000000000000000000000000000000001'
const bob: Address = '0x2000000000000000000000000000000000000002'

const simulatedBlock = [
  {
    number: '0x6',
    hash: `0x${'11'.repeat(32)}`,
    timestamp: '0x1',
    gasLimit: '0x1c9c380',
    gasUsed: '0x5208',
    baseFeePerGas: '0x1',
    calls: [
      {
        status: '0x1',
        returnData: '0x',
        gasUsed: '0x5208',
        // eth_simulateV1's traceTransfers: a value transfer appears as a Transfer log of 0xeeee…eeee.
        logs: [
          {
            address: nativeLogAddress,
            topics: [transferTopic, pad(me), pad(bob)],
            data: pad(numberToHex(7n)),
            blockNumber: '0x6',
            logIndex: '0x0',
            transactionIndex: '0x0',
            transactionHash: `0x${'22'.repeat(32)}`,
            blockHash: `0x${'11'.repeat(32)}`,
            removed: false,
          },
        ],
      },
      // viem's simulateCalls appends one call of its own and drops its result.
      { status: '0x1', returnData: '0x', gasUsed: '0x0', logs: [] },
    ],
  },
]

/** Endpoints that either simulate, refuse the method (-32601), or fail the read; every request is logged. */
function fakePool(kinds: Record<string, 'simulates' | 'no-method' | 'fails'>) {
  const requests: string[] = []
  const pool = {
    chainId: 1,
    endpoints: () => Object.keys(kinds).map((id) => ({ id, enabled: true })) as never,
    withEndpoint: async <T>(fn: (s: EndpointSession) => Promise<T>, options?: { exclude?: string[] }) => {
      const id = Object.keys(kinds).find((k) => !options?.exclude?.includes(k))
      if (!id) throw new Error('no endpoint left')
      const client = {
        request: async ({ method }: { method: string }) => {
          requests.push(`${id} ${method}`)
          if (kinds[id] === 'fails') throw new Error('fetch failed')
          if (method === 'eth_simulateV1') {
            if (kinds[id] === 'no-method')
              throw Object.assign(new Error('the method eth_simulateV1 does not exist'), { code: -32601 })
            return simulatedBlock
          }
          throw new Error(`unexpected ${method}`)
        },
      }
      const session = {
        client,
        endpointName: `node ${id}`,
        head: async () => 5n,
      } as unknown as EndpointSession
      return { value: await fn(session), endpointId: id, endpointName: `node ${id}` }
    },
  }
  return { pool, requests }
}

const input = { account: me, calls: [{ to: bob, value: 7n }], knownTokens: [] }

describe('previewOutcome and simulation support per endpoint', () => {
  it('learns that an endpoint cannot simulate from its first answer, and does not ask it again', async () => {
    const { pool, requests } = fakePool({ a: 'no-method', b: 'simulates' })
    const support = createSimulationSupportMemory()
    const first = await previewOutcome({ pool, support, now: () => 1 }, input)
    expect(first).toMatchObject({ method: 'simulated', endpoint: 'node b', block: '5', ok: true })
    expect(first.receives).toEqual([{ to: bob, asset: 'native', amount: '7' }])
    expect(support.get(1, 'a')).toBe('unsupported')
    expect(support.get(1, 'b')).toBe('supported')
    expect(requests.filter((r) => r.endsWith('eth_simulateV1'))).toEqual([
      'a eth_simulateV1',
      'b eth_simulateV1',
    ])

    requests.length = 0
    await previewOutcome({ pool, support }, input)
    expect(requests.filter((r) => r.endsWith('eth_simulateV1'))).toEqual(['b eth_simulateV1'])
  })

  it('a failed read is an error, never an empty preview, and teaches nothing about support', async () => {
    const { pool } = fakePool({ a: 'fails' })
    const support = createSimulationSupportMemory()
    await expect(previewOutcome({ pool, support }, input)).rejects.toThrow()
    expect(support.get(1, 'a')).toBeUndefined()
  })
})
