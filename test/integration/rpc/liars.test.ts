import { createRequire } from 'node:module'
import { type Address, createPublicClient, type Hex, parseEther } from 'viem'
import { afterEach, beforeEach, describe, expect, inject, it, vi } from 'vitest'
import { readBalancesChecked } from '../../../src/core/balances/queryOptions'
import { classifyError } from '../../../src/core/errors/classify'
import { fetchFeePresets } from '../../../src/core/fees/presets'
import { startHeadWatcher } from '../../../src/core/rpc/headWatcher'
import type { EndpointPool, LiveState } from '../../../src/core/rpc/pool'
import type { SocketFactory } from '../../../src/core/rpc/reconnectingSocket'
import { poolTransport } from '../../../src/core/rpc/transport'
import { RecordStore } from '../../../src/core/tx/records/records'
import { observeOnce } from '../../../src/core/tx/track/track'
import { devAccount } from '../../../tools/devnet/accounts'
import { devChain } from '../../../tools/devnet/deploy'
import { rpc } from '../../../tools/devnet/devnet'
import { type FaultMode, type FaultOptions, type FaultProxy, startFaultProxy } from '../../harness/faultProxy'
import { memoryStorage } from '../../support/builders/memoryStorage'
import { startReadPool } from '../../support/builders/readPool'

/**
 * One endpoint that lies (issue 22), the others honest, all in front of the shared Anvil: whatever the liar
 * says, Hush shows what Anvil holds or nothing final. Account 12 (balances) and 13 (a transfer to track).
 */
const devnet = inject('devnet')
const chain = devChain(devnet.url)
const watched = devAccount(12).address
const open: Array<FaultProxy | EndpointPool | { stop: () => void }> = []
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.stop()
})
beforeEach(() => {
  ;(globalThis as { localStorage?: unknown }).localStorage = memoryStorage()
})

/** Honest endpoints first (the user's order), the liar last unless `liarFirst`. */
async function poolWithLiar(
  mode: FaultMode,
  options: FaultOptions = {},
  { honest = 1, liarFirst = false } = {},
) {
  const proxies: FaultProxy[] = []
  for (let i = 0; i <= honest; i++) proxies.push(await startFaultProxy({ upstream: devnet.url }))
  open.push(...proxies)
  const liar = (liarFirst ? proxies[0] : proxies[honest]) as FaultProxy
  await liar.setMode(mode, options)
  const pool = await startReadPool(
    devnet.chainId,
    proxies.map((p) => p.url),
    { probeIntervalMs: 1_000, standbyProbeMs: 1_000 },
  )
  open.push(pool)
  const client = createPublicClient({ chain, transport: poolTransport(pool) })
  const liarName = String.fromCharCode(97 + proxies.indexOf(liar))
  return { pool, client, liar, liarName }
}

async function newBalance(): Promise<bigint> {
  const value = parseEther(String(1000 + Math.floor(Math.random() * 1000)))
  await rpc(devnet.url, 'anvil_setBalance', [watched, `0x${value.toString(16)}`])
  await rpc(devnet.url, 'anvil_mine', ['0x1'])
  return value
}

const balances = (client: ReturnType<typeof createPublicClient>) =>
  readBalancesChecked(client, {
    chainId: devnet.chainId,
    owner: watched,
    tokens: [],
    multicall3: devnet.contracts.multicall3,
  })

const statusOf = (pool: EndpointPool, name: string) =>
  pool.getSnapshot().endpoints.find((e) => e.name === name)

describe('an endpoint that claims a head ahead of the chain', () => {
  for (const liarFirst of [false, true])
    it(`does not stop reads or take them over (liar ${liarFirst ? 'first' : 'last'} in the order)`, async () => {
      const { client, pool, liarName } = await poolWithLiar('heads-ahead', { leadBlocks: 3 }, { liarFirst })
      for (let i = 0; i < 3; i++) {
        const expected = await newBalance()
        const snapshot = await balances(client)
        expect(snapshot.native).toBe(expected)
        // Judged after the first read: its sample then leads by 2 (3 ahead of a chain one block further on).
        if (i > 0) continue
        const liar = statusOf(pool, liarName)
        expect(liar?.inUse).toBe(false)
        expect(liar?.statusReason).toMatch(/ahead, unconfirmed/)
        const honest = pool.getSnapshot().endpoints.filter((e) => e.name !== liarName)
        for (const e of honest) expect(e.status).toBe('healthy')
      }
    })
})

describe('an endpoint that forges balances (a rewritten multicall result) and claims the lead', () => {
  it('never has its balance shown', async () => {
    const { client } = await poolWithLiar('forged-balance')
    for (let i = 0; i < 3; i++) {
      const expected = await newBalance()
      expect((await balances(client)).native).toBe(expected)
    }
  })
})

async function transferToTrack(store: RecordStore) {
  const from = devAccount(13).address
  const nonce = Number.parseInt(
    await rpc<string>(devnet.url, 'eth_getTransactionCount', [from, 'latest']),
    16,
  )
  const hash = await rpc<Hex>(devnet.url, 'eth_sendTransaction', [
    { from, to: devAccount(14).address as Address, value: '0x1' },
  ])
  // Anvil mines it on its own (automine): one new block.
  await vi.waitFor(async () =>
    expect(await rpc(devnet.url, 'eth_getTransactionReceipt', [hash])).not.toBeNull(),
  )
  return store.add({
    id: `liar-${hash.slice(2, 10)}`,
    kind: 'transfer',
    chainId: devnet.chainId,
    from,
    hash,
    nonce,
    createdAt: Date.now(),
    sentAt: Date.now(),
    protected: false,
    status: 'PENDING',
    privacy: 'unprotected',
  })
}

describe('an endpoint that forges receipts (Reverted for an included transfer) and claims the lead', () => {
  it('with two endpoints: never Reverted; "confirmed by one endpoint only" while the liar is the other', async () => {
    const { pool } = await poolWithLiar('forged-receipt')
    const store = new RecordStore('liars.activity')
    const record = await transferToTrack(store)
    const deps = { reads: { ...pool, readEndpointCount: () => 2 }, store }
    const seen = await observeOnce(deps, record.id)
    expect(seen?.status).toBe('PENDING')
    expect(seen?.detail).toMatch(/confirmed by one endpoint only/)
  })

  it('with a second honest endpoint: Included, and the stored receipt keeps its block hash', async () => {
    const { pool } = await poolWithLiar('forged-receipt', {}, { honest: 2 })
    const store = new RecordStore('liars.activity')
    const record = await transferToTrack(store)
    const seen = await observeOnce({ reads: { ...pool, readEndpointCount: () => 3 }, store }, record.id)
    expect(seen?.status).toBe('INCLUDED')
    const receipt = await rpc<{ blockHash: string }>(devnet.url, 'eth_getTransactionReceipt', [record.hash])
    expect(seen?.receipt?.blockHash).toBe(receipt.blockHash)
  })

  it('a second endpoint that is down: not final, "confirmed by one endpoint only"', async () => {
    const { pool } = await poolWithLiar('refuse', {}, { honest: 1 })
    const store = new RecordStore('liars.activity')
    const record = await transferToTrack(store)
    const seen = await observeOnce({ reads: { ...pool, readEndpointCount: () => 2 }, store }, record.id)
    expect(seen?.status).toBe('PENDING')
    expect(seen?.detail).toMatch(/confirmed by one endpoint only/)
  })
})

describe('an endpoint found on another chain', () => {
  it('is no second opinion: a receipt from the one left is final (chaos: a batch step waited forever)', async () => {
    const { pool, liarName } = await poolWithLiar('wrong-chain', { chainId: 1 })
    await pool.settled()
    expect(statusOf(pool, liarName)?.status).toBe('wrong-chain')
    const store = new RecordStore('liars.activity')
    const record = await transferToTrack(store)
    // The counts the app's tracking uses (TrackingHost), straight from the pool.
    const seen = await observeOnce({ reads: pool, store }, record.id)
    expect(seen?.detail ?? '').not.toMatch(/confirmed by one endpoint only/)
    expect(seen?.status).toBe('INCLUDED')
  })
})

describe('an endpoint that answers an absurd fee history', () => {
  it('with a second endpoint: the fee is bounded against it, never priced in', async () => {
    const { client } = await poolWithLiar('absurd-fees', {}, { liarFirst: true })
    const error = await fetchFeePresets(client).catch((e: unknown) => e)
    // Either the honest endpoint's fees, or a refusal naming the disagreement: never 90,000 gwei.
    if (error instanceof Error) expect(classifyError(error).message).toMatch(/fee/i)
    else expect((error as Awaited<ReturnType<typeof fetchFeePresets>>).baseFee).toBeLessThan(10n ** 12n)
  })
})

const require = createRequire(import.meta.url)
const NodeWebSocket = require('ws') as new (url: string) => ReturnType<SocketFactory>
const socket: SocketFactory = (url) => new NodeWebSocket(url)

describe('a WebSocket that answers for another chain', () => {
  it('its heads are never taken: reads go on', async () => {
    const { client, pool } = await poolWithLiar('pass', {}, { honest: 0 })
    const ws = await startFaultProxy({ upstream: devnet.url })
    open.push(ws)
    ws.setSocketLie({ chainId: 5, leadBlocks: 50 })
    const states: LiveState[] = []
    const heads: number[] = []
    const watcher = startHeadWatcher({
      url: ws.wsUrl,
      chainId: devnet.chainId,
      socket,
      baseDelayMs: 50,
      maxAttempts: 0,
      onState: (s) => states.push(s),
      onHead: (n, timestamp) => {
        heads.push(n)
        pool.noteExternalHead(n, timestamp)
      },
      onCatchUp: () => {},
    })
    open.push(watcher)
    // Today's code goes live and passes heads on; the fixed one refuses the socket (polling).
    await vi.waitFor(
      async () => {
        await rpc(devnet.url, 'anvil_mine', ['0x1'])
        expect(heads.length > 0 || states.includes('polling')).toBe(true)
      },
      { timeout: 10_000, interval: 200 },
    )
    const expected = await newBalance()
    expect((await balances(client)).native).toBe(expected)
    expect(heads).toEqual([])
  })
})
