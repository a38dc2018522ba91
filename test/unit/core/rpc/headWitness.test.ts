import { HttpRequestError } from 'viem'
import { describe, expect, it } from 'vitest'
import { createEndpointPool } from '../../../../src/core/rpc/pool'
import { testEndpoint } from '../../../support/builders/readPool'

const endpoint = (id: string) => testEndpoint(id)

/** A node's head, and the blocks it can show (number → timestamp, seconds); a liar has none beyond the chain. */
type Node = { head: number; blocks?: Record<number, number>; down?: boolean }
const NOW_S = 1_800_000_000

/** In-process nodes for chain 1 on a clock moved by hand; logs `id:method`; eth_getBalance answers the node's id. */
function pool(nodes: Record<string, Node>, log: string[] = [], clock = { now: NOW_S * 1000 }) {
  return createEndpointPool({
    chainId: 1,
    endpoints: Object.keys(nodes).map(endpoint),
    retryBaseMs: 1,
    now: () => clock.now,
    sendFor:
      (e) =>
      async ({ method, params }) => {
        const node = nodes[e.id] as Node
        log.push(`${e.id}:${method}`)
        if (node.down) throw new HttpRequestError({ url: e.url, status: 503 })
        if (method === 'eth_chainId') return '0x1'
        if (method === 'eth_blockNumber') return `0x${node.head.toString(16)}`
        if (method === 'eth_getBalance') return `0x${Buffer.from(e.id).toString('hex')}`
        if (method === 'eth_getBlockByNumber') {
          const n = Number.parseInt((params as string[])[0] as string, 16)
          const t = node.blocks?.[n]
          return t === undefined ? null : { number: `0x${n.toString(16)}`, timestamp: `0x${t.toString(16)}` }
        }
        return null
      },
  })
}

/** Honest blocks every 12 s, the head's at NOW_S - 2. */
const chain = (head: number) =>
  Object.fromEntries(Array.from({ length: 10 }, (_, i) => [head - i, NOW_S - 2 - 12 * i]))

const view = (p: ReturnType<typeof pool>, id: string) => p.getSnapshot().endpoints.find((e) => e.id === id)

describe('heads need a second witness', () => {
  it('one endpoint alone in the lead is "ahead, unconfirmed": it demotes no one and serves no read', async () => {
    const p = pool({ a: { head: 100, blocks: chain(100) }, b: { head: 103, blocks: chain(100) } })
    await p.start()
    await p.settled()
    expect(p.getSnapshot().bestHead).toBe(100)
    expect(view(p, 'a')).toMatchObject({ status: 'healthy', inUse: true })
    expect(view(p, 'b')).toMatchObject({
      status: 'degraded',
      statusReason: 'ahead, unconfirmed: 3 blocks ahead of the other endpoints',
    })
    expect(p.healthyEndpoints().map((e) => e.id)).toEqual(['a'])
    // Reads go to a, which is not refused as behind.
    expect(await p.request({ method: 'eth_getBalance', params: ['0x1', 'latest'] })).toBe('0x61')
  })

  it('the same lead confirmed by a second endpoint counts: the one behind is behind', async () => {
    const p = pool({ a: { head: 100 }, b: { head: 103 }, c: { head: 103 } })
    await p.start()
    expect(p.getSnapshot().bestHead).toBe(103)
    expect(view(p, 'a')).toMatchObject({ status: 'degraded', statusReason: '3 blocks behind' })
    expect(await p.request({ method: 'eth_getBalance', params: ['0x1', 'latest'] })).toBe('0x62')
  })

  it("a lead confirmed by its block's own timestamp at the chain's slot time counts (the other one lags)", async () => {
    const log: string[] = []
    // a is 5 blocks behind: its head's block is a minute old.
    const p = pool({ a: { head: 100, blocks: chain(105) }, b: { head: 105, blocks: chain(105) } }, log)
    p.setBlockTime(12_000)
    await p.start()
    expect(await p.request({ method: 'eth_getBalance', params: ['0x1', 'latest'] })).toBe('0x62')
    expect(p.getSnapshot().bestHead).toBe(105)
    expect(view(p, 'a')?.statusReason).toBe('5 blocks behind')
    expect(log).toContain('b:eth_getBlockByNumber')
  })

  it('a lead whose block timestamps do not fit the slot time (or lie in the future) stays unconfirmed', async () => {
    // b claims 105 with made-up timestamps: 5 blocks in 5 seconds on a 12 s chain.
    const forged = { ...chain(100), 105: NOW_S - 1 }
    const future = { ...chain(100), 105: NOW_S + 60 }
    for (const blocks of [forged, future]) {
      const p = pool({ a: { head: 100, blocks: chain(100) }, b: { head: 105, blocks } })
      p.setBlockTime(12_000)
      await p.start()
      expect(await p.request({ method: 'eth_getBalance', params: ['0x1', 'latest'] })).toBe('0x61')
      expect(p.getSnapshot().bestHead).toBe(100)
      expect(view(p, 'b')?.statusReason).toMatch(/^ahead, unconfirmed/)
    }
  })

  it("a failing endpoint's last head is no witness: it does not hold back the one that answers", async () => {
    const nodes: Record<string, Node> = { a: { head: 100 }, b: { head: 100 } }
    const p = pool(nodes)
    await p.start()
    nodes.a = { head: 100, down: true }
    nodes.b = { head: 103 }
    // a fails (and is down); b's 103 then stands alone and counts.
    expect(await p.request({ method: 'eth_getBalance', params: ['0x1', 'latest'] })).toBe('0x62')
    expect(p.getSnapshot().bestHead).toBe(103)
    expect(view(p, 'b')?.status).toBe('healthy')
  })

  it('a WebSocket head is no witness once its stream dropped: it does not hold back the one that answers', async () => {
    // The chaos e2e run: the e2e devnet mines an extra block for each private inclusion, so the chain outruns its
    // block time and a head taken before the stream dropped falls behind by more than the time since allows.
    const clock = { now: NOW_S * 1000 }
    const nodes: Record<string, Node> = { a: { head: 80 }, b: { head: 80 } }
    const p = pool(nodes, [], clock)
    p.setBlockTime(1_000)
    await p.start()
    p.setLiveState('live')
    expect(p.noteExternalHead(80, NOW_S)).toBe(true)
    nodes.a = { head: 80, down: true }
    // a fails (and is down); b answers at 80.
    expect(await p.request({ method: 'eth_getBalance', params: ['0x1', 'latest'] })).toBe('0x62')
    // The stream drops; 2 s later b is at 89: nine blocks in two seconds, so no timestamp confirms it either.
    p.setLiveState('reconnecting')
    clock.now += 2_000
    nodes.b = { head: 89, blocks: { 80: NOW_S, 89: NOW_S + 2 } }
    expect(await p.request({ method: 'eth_getBalance', params: ['0x2', 'latest'] })).toBe('0x62')
    expect(p.getSnapshot().bestHead).toBe(89)
    expect(view(p, 'b')?.status).toBe('healthy')
  })

  it('agreeing endpoints cost no timestamp check (the happy path adds no request)', async () => {
    const log: string[] = []
    const p = pool({ a: { head: 100 }, b: { head: 101 } }, log)
    await p.start()
    await p.request({ method: 'eth_getBalance', params: ['0x1', 'latest'] })
    expect(log.filter((l) => l.endsWith('eth_getBlockByNumber'))).toEqual([])
  })

  it('a WebSocket head alone in the lead does not count; one within a block does', async () => {
    const p = pool({ a: { head: 100 } })
    await p.start()
    expect(p.noteExternalHead(150, NOW_S)).toBe(false)
    expect(p.getSnapshot().bestHead).toBe(100)
    expect(await p.request({ method: 'eth_getBalance', params: ['0x1', 'latest'] })).toBe('0x61')
    const q = pool({ a: { head: 100 } })
    await q.start()
    expect(q.noteExternalHead(101, NOW_S)).toBe(true)
    expect(q.getSnapshot().bestHead).toBe(101)
  })
})
