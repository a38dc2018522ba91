import { createPublicClient, http, type PublicClient, parseEther } from 'viem'
import { afterEach, describe, expect, inject, it, vi } from 'vitest'
import { readBalances } from '../../../src/core/balances/readBalances'
import { parseRuntimeConfig } from '../../../src/core/config/load'
import { createRpcManager } from '../../../src/core/rpc/manager'
import { createEndpointPool, type EndpointPool } from '../../../src/core/rpc/pool'
import { poolTransport } from '../../../src/core/rpc/transport'
import { devAccount } from '../../../tools/devnet/accounts'
import { devChain } from '../../../tools/devnet/deploy'
import { rpc } from '../../../tools/devnet/devnet'
import { type FaultProxy, startFaultProxy } from '../../harness/faultProxy'
import { localEndpoint } from '../../support/builders/readPool'

/**
 * The read races of issue 11, reproduced on purpose: the fault proxy decides which endpoint answers first and
 * which head stands still, so each test fails every time on a pool that lets a behind endpoint serve. Account 13.
 */
const devnet = inject('devnet')
const chain = devChain(devnet.url)
const direct = createPublicClient({ chain, transport: http(devnet.url, { retryCount: 0 }) })
const watched = devAccount(13).address
const open: Array<{ stop: () => unknown }> = []
const OTHER_CHAIN = 31_338

const endpoint = (url: string, name: string) => localEndpoint(url, url, { name, batch: true })

afterEach(async () => {
  for (const item of open.splice(0)) await item.stop()
})

async function proxies() {
  const first = await startFaultProxy({ upstream: devnet.url })
  const second = await startFaultProxy({ upstream: devnet.url })
  open.push(first, second)
  return { first, second }
}

/** A pool over [first, second] whose probes never run on their own during the test (one round at start). */
function poolOver(
  first: FaultProxy,
  second: FaultProxy,
  options: { probeMs?: number; now?: () => number } = {},
) {
  const pool = createEndpointPool({
    chainId: devnet.chainId,
    endpoints: [endpoint(first.url, 'first'), endpoint(second.url, 'second')],
    probeIntervalMs: options.probeMs ?? 60_000,
    standbyProbeMs: options.probeMs ?? 60_000,
    ...(options.now ? { now: options.now } : {}),
  })
  open.push(pool)
  return { pool, client: createPublicClient({ chain, transport: poolTransport(pool) }) }
}

/** A new balance for the watched account in a new block: an answer from behind the head shows the old one. */
async function newBalance(): Promise<bigint> {
  const value = parseEther(String(1000 + Math.floor(Math.random() * 100_000)))
  await rpc(devnet.url, 'anvil_setBalance', [watched, `0x${value.toString(16)}`])
  await rpc(devnet.url, 'anvil_mine', ['0x1'])
  return value
}

const viewOf = (pool: EndpointPool, name: string) => pool.getSnapshot().endpoints.find((e) => e.name === name)

/** Lets a held endpoint answer again: new requests pass, and the answers it held go out in arrival order. */
async function releaseAll(proxy: FaultProxy) {
  proxy.setControls({})
  await proxy.release()
}

/**
 * One balance read while `held` keeps its answers back until `until()` is true (by default: until it has been
 * asked), or until the read was answered without it, so the other endpoints' answers reach the pool first.
 * `beforeRead` runs right before the read.
 */
async function readWhileHeld(
  client: Pick<PublicClient, 'getBalance'>,
  held: FaultProxy,
  options: { beforeRead?: () => void; until?: () => boolean } = {},
) {
  const until = options.until ?? (() => held.held() > 0)
  held.setControls({ hold: true })
  options.beforeRead?.()
  const reading = client.getBalance({ address: watched })
  await Promise.race([
    reading.catch(() => undefined),
    vi.waitFor(() => expect(until()).toBe(true), { timeout: 5_000 }),
  ])
  await releaseAll(held)
  return await reading
}

/** The pool has taken an answer from this endpoint at or after `since` (a latency sample is its receipt). */
const answeredSince = (pool: EndpointPool, name: string, since: number) =>
  (viewOf(pool, name)?.latencies.at(-1)?.at ?? Number.NEGATIVE_INFINITY) >= since

const mine = (blocks: number) => rpc(devnet.url, 'anvil_mine', [`0x${blocks.toString(16)}`])

/** While the pool is stopped (or another chain is active), the first endpoint stands still and the chain moves on. */
async function freezeWhileAway(first: FaultProxy) {
  first.setControls({ frozenHead: await first.upstreamHead() })
  await mine(1)
  const expected = await newBalance()
  await mine(3)
  return expected
}

describe('reads are never behind', () => {
  it('at start: a lagging endpoint whose head answer arrives first does not serve the first read', async () => {
    const { first, second } = await proxies()
    await mine(6)
    const expected = await newBalance()
    await first.setMode('lagging', { lagBlocks: 5 })
    const { pool, client } = poolOver(first, second)
    let starting: Promise<void> | undefined
    // The good endpoint's answers wait until the pool has the lagging one's head (or the read was answered).
    const balance = await readWhileHeld(client, second, {
      beforeRead: () => {
        starting = pool.start()
      },
      until: () => viewOf(pool, 'first')?.head !== undefined,
    })
    await starting
    expect(balance).toBe(expected)
  })

  it('after a resume: an endpoint whose head stood still while paused does not serve the first read', async () => {
    const { first, second } = await proxies()
    const { pool, client } = poolOver(first, second)
    await pool.start()
    await newBalance()
    await client.getBalance({ address: watched })
    expect(pool.getSnapshot().endpoints[0]).toMatchObject({ name: 'first', inUse: true })
    pool.stop()
    // While the page is hidden, the first endpoint's head stops and the chain moves on.
    first.setControls({ frozenHead: await first.upstreamHead() })
    await mine(1)
    const expected = await newBalance()
    await mine(3)
    const resumedAt = Date.now()
    let starting: Promise<void> | undefined
    // The good endpoint's answers wait until the pool has taken one from the still head (or the read was answered).
    const balance = await readWhileHeld(client, second, {
      beforeRead: () => {
        starting = pool.start()
      },
      until: () => answeredSince(pool, 'first', resumedAt),
    })
    await starting
    expect(balance).toBe(expected)
  })

  it('mid-session: the endpoint in use falling behind never serves a stale answer, not even once', async () => {
    const { first, second } = await proxies()
    const { pool, client } = poolOver(first, second)
    await pool.start()
    for (let i = 0; i < 2; i++) {
      const expected = await newBalance()
      expect(await client.getBalance({ address: watched })).toBe(expected)
    }
    await first.setMode('lagging', { lagBlocks: 5 })
    for (let i = 0; i < 4; i++) {
      const expected = await newBalance()
      const got = await client.getBalance({ address: watched })
      expect(got).toBe(expected)
    }
    expect(pool.getSnapshot().endpoints.find((e) => e.name === 'first')?.inUse).toBe(false)
  })

  it('a balance snapshot two blocks behind the best known head is read again elsewhere', async () => {
    const { first, second } = await proxies()
    const { pool, client } = poolOver(first, second, { probeMs: 200 })
    await pool.start()
    const params = {
      chainId: devnet.chainId,
      owner: watched,
      tokens: devnet.contracts.tokens.map((t) => t.address),
      multicall3: devnet.contracts.multicall3,
    }
    await readBalances(client, params)
    // The endpoint in use stands still two blocks back; the probes have seen the second one's head.
    first.setControls({ frozenHead: await first.upstreamHead() })
    await mine(2)
    const head = await direct.getBlockNumber({ cacheTime: 0 })
    await vi.waitFor(() => expect(pool.getSnapshot().bestHead).toBe(Number(head)), { timeout: 5_000 })
    const snapshot = await readBalances(client, params)
    expect(snapshot.blockNumber).toBeGreaterThanOrEqual(head - 1n)
  })

  it('an endpoint added mid-session does not serve before its head is compared', async () => {
    const { first, second } = await proxies()
    const pool = createEndpointPool({
      chainId: devnet.chainId,
      endpoints: [endpoint(second.url, 'second')],
      probeIntervalMs: 60_000,
      standbyProbeMs: 60_000,
    })
    open.push(pool)
    const client = createPublicClient({ chain, transport: poolTransport(pool) })
    await pool.start()
    await mine(6)
    const expected = await newBalance()
    await client.getBalance({ address: watched })
    await first.setMode('lagging', { lagBlocks: 5 })
    // The good endpoint's answers wait until the added one has given its (lagging) head.
    second.setControls({ hold: true })
    // Added first in the user's order: it would be tried first.
    pool.setEndpoints([endpoint(first.url, 'first'), ...pool.endpoints()])
    await vi.waitFor(() => expect(viewOf(pool, 'first')?.head).toBeDefined(), { timeout: 5_000 })
    const reading = client.getBalance({ address: watched })
    await releaseAll(second)
    expect(await reading).toBe(expected)
  })
})

describe('reads are never behind across a chain switch', () => {
  it('on a pool stopped for longer than a head stays fresh, a read compares heads again', async () => {
    const { first, second } = await proxies()
    let skipped = 0
    const { pool, client } = poolOver(first, second, { now: () => Date.now() + skipped })
    await pool.start()
    await newBalance()
    await client.getBalance({ address: watched })
    pool.stop()
    // Reads go on while stopped (a transaction tracked on a chain not in use); the heads they compared age.
    await newBalance()
    await client.getBalance({ address: watched })
    // Longer than a head stays fresh (three probe intervals here).
    skipped += 3 * 60_000 + 1_000
    const expected = await freezeWhileAway(first)
    expect(await readWhileHeld(client, second)).toBe(expected)
  })

  /** Chain A is the devnet behind [first, second]; chain B another chain (a third proxy answering its id). */
  async function twoChains() {
    const { first, second } = await proxies()
    const other = await startFaultProxy({ upstream: devnet.url })
    open.push(other)
    await other.setMode('wrong-chain', { chainId: OTHER_CHAIN })
    const names = ['first', 'second']
    const chainConfig = (id: number, urls: string[]) => ({
      id,
      name: `Chain ${id}`,
      nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      rpc: urls.map((url, i) => ({ url, batch: true, label: id === devnet.chainId ? names[i] : 'other' })),
      protect: null,
    })
    const runtime = parseRuntimeConfig({
      defaultChainId: devnet.chainId,
      replaceDefaultChains: true,
      chains: [chainConfig(devnet.chainId, [first.url, second.url]), chainConfig(OTHER_CHAIN, [other.url])],
    })
    const manager = createRpcManager(runtime, { pool: { probeIntervalMs: 60_000, standbyProbeMs: 60_000 } })
    open.push({ stop: () => manager.dispose() })
    const pool = manager.pool(devnet.chainId)
    const client = createPublicClient({ chain, transport: manager.transport(devnet.chainId) })
    manager.setActiveChain(devnet.chainId)
    await pool.settled()
    await newBalance()
    await client.getBalance({ address: watched })
    expect(viewOf(pool, 'first')?.inUse).toBe(true)
    return { first, second, manager, pool, client }
  }

  it('switching back: an endpoint whose head stood still while another chain was active does not serve the first read', async () => {
    const { first, second, manager, client } = await twoChains()
    manager.setActiveChain(OTHER_CHAIN)
    const expected = await freezeWhileAway(first)
    expect(
      await readWhileHeld(client, second, { beforeRead: () => manager.setActiveChain(devnet.chainId) }),
    ).toBe(expected)
  })

  it('while another chain is active: a read on the stopped chain compares heads again before it is served', async () => {
    const { first, second, manager, client } = await twoChains()
    manager.setActiveChain(OTHER_CHAIN)
    const expected = await freezeWhileAway(first)
    // Tracking a transaction of chain A goes on while chain B is active: its reads meet a pool that is not running.
    expect(await readWhileHeld(client, second)).toBe(expected)
  })
})
