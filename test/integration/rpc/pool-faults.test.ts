import { createPublicClient, http, parseEther } from 'viem'
import { afterEach, describe, expect, inject, it, vi } from 'vitest'
import { createEndpointPool, type EndpointPool } from '../../../src/core/rpc/pool'
import { poolTransport } from '../../../src/core/rpc/transport'
import { devAccount } from '../../../tools/devnet/accounts'
import { devChain } from '../../../tools/devnet/deploy'
import { rpc } from '../../../tools/devnet/devnet'
import { type FaultMode, type FaultOptions, type FaultProxy, startFaultProxy } from '../../harness/faultProxy'
import { localEndpoint } from '../../support/builders/readPool'

/** Each fault mode on the first of two endpoints; the second passes through to the same Anvil. Account 11. */
const devnet = inject('devnet')
const chain = devChain(devnet.url)
const direct = createPublicClient({ chain, transport: http(devnet.url, { retryCount: 0 }) })
const watched = devAccount(11).address
const open: Array<FaultProxy | EndpointPool> = []

const endpoint = (url: string, name: string) => localEndpoint(url, url, { name, batch: true })

async function setup(mode: FaultMode, options?: FaultOptions) {
  const faulty = await startFaultProxy({ upstream: devnet.url })
  const good = await startFaultProxy({ upstream: devnet.url })
  open.push(faulty, good)
  await faulty.setMode(mode, options)
  const pool = createEndpointPool({
    chainId: devnet.chainId,
    endpoints: [endpoint(faulty.url, 'faulty'), endpoint(good.url, 'good')],
    probeIntervalMs: 1_000,
    standbyProbeMs: 1_000,
  })
  open.push(pool)
  await pool.start()
  const client = createPublicClient({ chain, transport: poolTransport(pool) })
  return { faulty, good, pool, client }
}

/** One endpoint named `name` behind the fault proxy in `mode`, alone in a pool with one retry: no failover. */
async function alone(name: string, mode: FaultMode, options?: FaultOptions) {
  const proxy = await startFaultProxy({ upstream: devnet.url })
  open.push(proxy)
  await proxy.setMode(mode, options)
  const pool = createEndpointPool({
    chainId: devnet.chainId,
    endpoints: [endpoint(proxy.url, name)],
    retries: 1,
  })
  open.push(pool)
  return createPublicClient({ chain, transport: poolTransport(pool) })
}

/** Gives the watched account a new balance in a new block, so a lagging endpoint would answer the old one. */
async function newBalance(): Promise<bigint> {
  const value = parseEther(String(1000 + Math.floor(Math.random() * 1000)))
  await rpc(devnet.url, 'anvil_setBalance', [watched, `0x${value.toString(16)}`])
  await rpc(devnet.url, 'anvil_mine', ['0x1'])
  return value
}

async function expectReadsMatchAnvil(client: ReturnType<typeof createPublicClient>) {
  const expected = await newBalance()
  for (let i = 0; i < 3; i++) {
    const [balance, block] = await Promise.all([
      client.getBalance({ address: watched }),
      client.getBlockNumber({ cacheTime: 0 }),
    ])
    expect(balance).toBe(expected)
    expect(block).toBe(await direct.getBlockNumber({ cacheTime: 0 }))
  }
}

const statusOf = (pool: EndpointPool, name: string) =>
  pool.getSnapshot().endpoints.find((e) => e.name === name)

afterEach(async () => {
  for (const item of open.splice(0)) await item.stop()
})

describe('endpoint pool against real Anvil behind the fault proxy', () => {
  it('pass: reads come from the first endpoint, both healthy', async () => {
    const { client, pool } = await setup('pass')
    await expectReadsMatchAnvil(client)
    expect(statusOf(pool, 'faulty')).toMatchObject({ status: 'healthy', inUse: true })
    expect(statusOf(pool, 'good')?.status).toBe('healthy')
  })

  const cases: Array<[FaultMode, FaultOptions | undefined, string]> = [
    ['refuse', undefined, 'down'],
    ['hang', { hangMs: 10_000 }, 'down'],
    ['http500', undefined, 'down'],
    ['429', { retryAfterSeconds: 30 }, 'degraded'],
    ['malformed', undefined, 'down'],
    ['wrong-chain', { chainId: 5 }, 'wrong-chain'],
    ['lagging', { lagBlocks: 5 }, 'degraded'],
    ['slow', { minDelayMs: 1_600, maxDelayMs: 3_000 }, 'down'],
    ['drop', { dropRate: 1 }, 'down'],
  ]
  for (const [mode, options, status] of cases) {
    it(`${mode}: reads return what Anvil holds, the faulty endpoint is ${status}`, async () => {
      const { client, pool } = await setup(mode, options)
      await expectReadsMatchAnvil(client)
      const faulty = statusOf(pool, 'faulty')
      expect(faulty?.status).toBe(status)
      expect(faulty?.inUse).toBe(false)
      expect(statusOf(pool, 'good')).toMatchObject({ status: 'healthy', inUse: true })
      if (mode === 'wrong-chain') expect(faulty?.statusReason).toBe('answers chain 5')
      if (mode === 'lagging') expect(faulty?.lag).toBeGreaterThanOrEqual(5)
    })
  }

  it('after a mid-session kill, reads fail over and the failover is logged', async () => {
    const { client, pool, faulty } = await setup('pass')
    await expectReadsMatchAnvil(client)
    await faulty.setMode('refuse')
    await expectReadsMatchAnvil(client)
    const events = pool.getSnapshot().events
    expect(events.map((e) => [e.kind, e.endpoint, e.to])).toEqual([
      ['down', 'faulty', undefined],
      ['failover', 'faulty', 'good'],
    ])
    for (const event of events)
      expect(event.reason).toMatch(/^Could not reach the RPC provider 127\.0\.0\.1:\d+\.$/)
  })

  it('a slow endpoint alone still answers, with last-resort patience', async () => {
    const client = await alone('slow', 'slow', { minDelayMs: 1_600, maxDelayMs: 2_000 })
    expect(await client.getChainId()).toBe(devnet.chainId)
  })

  it('when every endpoint fails, one classified error comes back', async () => {
    const client = await alone('dead', 'http500')
    const error = await client.getBalance({ address: watched }).catch((e: unknown) => e)
    const { classifyError } = await import('../../../src/core/errors/classify')
    const classified = classifyError(error)
    expect(classified.category).toBe('network')
    expect(classified.message).toMatch(/^Could not reach the RPC provider 127\.0\.0\.1:\d+\.$/)
  })

  it('when every endpoint fails, the error says so and names each one with its own reason', async () => {
    const { client, faulty, good } = await setup('pass')
    await faulty.setMode('http500')
    await good.setMode('refuse')
    const error = await client.getBalance({ address: watched }).catch((e: unknown) => e)
    const { classifyError } = await import('../../../src/core/errors/classify')
    expect(classifyError(error).message).toMatch(
      /^Every read endpoint failed \(faulty: Could not reach the RPC provider 127\.0\.0\.1:\d+; good: Could not reach the RPC provider 127\.0\.0\.1:\d+\)\.$/,
    )
  })

  it('a revert is neither retried nor failed over', async () => {
    const { client, faulty, good } = await setup('pass')
    faulty.resetStats()
    good.resetStats()
    const error = await client
      .call({
        to: devnet.contracts.vault,
        data: '0x2e1a7d4d0000000000000000000000000000000000000000000000000000000000000005',
        account: watched,
      })
      .catch((e: unknown) => e)
    const { classifyError } = await import('../../../src/core/errors/classify')
    expect(classifyError(error).category).toBe('reverted')
    expect(faulty.stats.byMethod.eth_call).toBe(1)
    expect(good.stats.byMethod.eth_call).toBeUndefined()
  })

  it('identical concurrent reads are sent once', async () => {
    const { client, faulty } = await setup('pass')
    faulty.resetStats()
    await Promise.all([1, 2, 3, 4].map(() => client.getBalance({ address: watched })))
    expect(faulty.stats.byMethod.eth_getBalance).toBe(1)
  })

  it('an endpoint re-pointed to another chain mid-session is caught by the next probe', async () => {
    const { client, pool, faulty } = await setup('pass')
    await expectReadsMatchAnvil(client)
    await faulty.setMode('wrong-chain', { chainId: 5 })
    await vi.waitFor(() => expect(statusOf(pool, 'faulty')?.status).toBe('wrong-chain'), { timeout: 10_000 })
    await expectReadsMatchAnvil(client)
    expect(statusOf(pool, 'good')?.inUse).toBe(true)
  })
})

describe('the probe loop', () => {
  it('stops with stop(), restarts on endpoint changes only if it ran, and leaves nothing behind', async () => {
    const { pool, faulty, good } = await setup('pass')
    expect(pool.isRunning()).toBe(true)
    await vi.waitFor(() => expect(faulty.stats.byMethod.eth_blockNumber ?? 0).toBeGreaterThan(2), {
      timeout: 10_000,
    })
    pool.stop()
    await pool.settled()
    faulty.resetStats()
    good.resetStats()
    await new Promise((resolve) => setTimeout(resolve, 2_500))
    expect(faulty.stats.httpRequests + good.stats.httpRequests).toBe(0)
    pool.setEndpoints(pool.endpoints())
    expect(pool.isRunning()).toBe(false)
    await pool.start()
    pool.setEndpoints(pool.endpoints().slice(1))
    expect(pool.isRunning()).toBe(true)
    expect(pool.getSnapshot().endpoints.map((e) => e.name)).toEqual(['good'])
  })
})
