import { HttpRequestError } from 'viem'
import { getBalance } from 'viem/actions'
import { describe, expect, it } from 'vitest'
import { classifyError } from '../../../../src/core/errors/classify'
import { createEndpointPool } from '../../../../src/core/rpc/pool'
import { testEndpoint } from '../../../support/builders/readPool'

const endpoint = (id: string) => testEndpoint(id)

type Node = { head: number; fail?: (method: string) => unknown }

/** In-process nodes for chain 1; each logs `id:method` and answers eth_getBalance with its own id. */
function pool(nodes: Record<string, Node>, log: string[] = []) {
  return createEndpointPool({
    chainId: 1,
    endpoints: Object.keys(nodes).map(endpoint),
    retryBaseMs: 1,
    sendFor:
      (e) =>
      async ({ method }) => {
        const node = nodes[e.id] as Node
        log.push(`${e.id}:${method}`)
        if (method === 'eth_chainId') return '0x1'
        const error = node.fail?.(method)
        if (error) throw error
        if (method === 'eth_blockNumber') return `0x${node.head.toString(16)}`
        if (method === 'eth_getBalance') return `0x${Buffer.from(e.id).toString('hex')}`
        if (method === 'eth_call') throw Object.assign(new Error('execution reverted: nope'), { code: 3 })
        return null
      },
  })
}

const down = () => new HttpRequestError({ url: 'https://x.example', status: 503 })

describe('pool.withEndpoint: several reads on one endpoint', () => {
  it('sends every read of the session to the same endpoint, at the head it read once', async () => {
    const log: string[] = []
    const p = pool({ a: { head: 16 }, b: { head: 16 } }, log)
    await p.start()
    log.length = 0
    const result = await p.withEndpoint(async (s) => {
      const head = await s.head()
      const [x, y] = await Promise.all([
        s.request({ method: 'eth_getBalance', params: ['0x1', `0x${head.toString(16)}`] }),
        getBalance(s.client, { address: '0x0000000000000000000000000000000000000002', blockNumber: head }),
      ])
      await s.head()
      return { head, x, y }
    })
    expect(result).toMatchObject({
      endpointId: 'a',
      endpointName: 'a',
      value: { head: 16n, x: '0x61', y: 0x61n },
    })
    expect(log).toEqual(['a:eth_blockNumber', 'a:eth_getBalance', 'a:eth_getBalance'])
    p.stop()
  })

  it('starts over on the next endpoint when one fails mid-session; a revert is the answer', async () => {
    const log: string[] = []
    const p = pool(
      { a: { head: 16, fail: (m) => (m === 'eth_getBalance' ? down() : undefined) }, b: { head: 16 } },
      log,
    )
    await p.start()
    log.length = 0
    const result = await p.withEndpoint(async (s) => {
      await s.head()
      return await s.request({ method: 'eth_getBalance', params: [] })
    })
    expect(result).toMatchObject({ endpointId: 'b', value: '0x62' })
    expect(log).toEqual(['a:eth_blockNumber', 'a:eth_getBalance', 'b:eth_blockNumber', 'b:eth_getBalance'])

    log.length = 0
    const error = await p.withEndpoint((s) => s.request({ method: 'eth_call', params: [] })).catch((e) => e)
    expect(classifyError(error).category).toBe('reverted')
    expect(log.filter((l) => l.endsWith('eth_call'))).toHaveLength(1)
    p.stop()
  })

  it('moves on when a read answers more than one block behind the best known head', async () => {
    // c agrees with b: 16 is the chain's head, not one endpoint alone in the lead.
    const p = pool({ a: { head: 15 }, b: { head: 16 }, c: { head: 16 } })
    await p.start()
    const seen: string[] = []
    const result = await p.withEndpoint(async (s) => {
      seen.push(s.endpointId)
      // a's multicall was answered at block 14 while b has said 16: not a current snapshot.
      s.checkBlock(s.endpointId === 'a' ? 14n : 16n)
      return s.endpointId
    })
    expect(result.value).toBe('b')
    expect(seen).toEqual(['a', 'b'])
    // One block behind is a refresh in flight, not a stale endpoint.
    const again = await p.withEndpoint(async (s) => {
      s.checkBlock(15n)
      return s.endpointId
    })
    expect(again.value).toBe('b')
    p.stop()
  })

  it('refuses a block that goes backwards on the same endpoint and logs it', async () => {
    const p = pool({ a: { head: 16 }, b: { head: 16 } })
    await p.start()
    const result = await p.withEndpoint(async (s) => {
      s.checkBlock(s.endpointId === 'a' ? 10n : 16n)
      return s.endpointId
    })
    expect(result.value).toBe('b')
    const snapshot = p.getSnapshot()
    expect(snapshot.endpoints[0]).toMatchObject({ name: 'a', status: 'down', head: 16 })
    expect(snapshot.events.find((e) => e.kind === 'bad-answer')).toMatchObject({
      endpoint: 'a',
      reason:
        'The RPC provider a.example gave an unusable answer: its head went back from block 16 to block 10.',
    })
    p.stop()
  })

  it('a chain id read inside the session (a multicall’s getChainId) that is another chain: the answer is refused and the endpoint never used again', async () => {
    const log: string[] = []
    const p = pool({ a: { head: 16 }, b: { head: 16 } }, log)
    await p.start()
    const error = await p
      .withEndpoint(async (s) => {
        s.checkChain(s.endpointId === 'a' ? 5n : 1n)
        return s.endpointId
      })
      .catch((e: unknown) => e)
    expect(classifyError(error).category).toBe('wrong-chain')
    expect(p.getSnapshot().endpoints[0]).toMatchObject({ name: 'a', status: 'wrong-chain' })
    log.length = 0
    const next = await p.withEndpoint(async (s) => {
      s.checkChain(1n)
      return s.endpointId
    })
    expect(next.value).toBe('b')
    expect(log.some((l) => l.startsWith('a:'))).toBe(false)
    p.stop()
  })

  it('confirms on a different healthy endpoint, and says so when there is none', async () => {
    const p = pool({ a: { head: 16 }, b: { head: 16 } })
    await p.start()
    expect(p.healthyEndpoints().map((e) => e.id)).toEqual(['a', 'b'])
    const first = await p.withEndpoint(async (s) => s.endpointId)
    const second = await p.withEndpoint(async (s) => s.endpointId, {
      exclude: [first.endpointId],
      healthyOnly: true,
    })
    expect([first.value, second.value]).toEqual(['a', 'b'])
    const none = await p
      .withEndpoint(async (s) => s.endpointId, { exclude: ['a', 'b'], healthyOnly: true })
      .catch((e: Error) => e)
    expect(none).toBeInstanceOf(Error)
    expect((none as Error).name).toBe('AllEndpointsFailedError')
    p.stop()
  })
})
