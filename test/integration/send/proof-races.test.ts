import { createWalletClient, type Hex, HttpRequestError, http } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultSend } from '../../../src/core/rpc/http'
import { createEndpointPool, type EndpointPool } from '../../../src/core/rpc/pool'
import type { PoolOptions } from '../../../src/core/rpc/types'
import { newRecordId, type RecordStore, type TxRecord } from '../../../src/core/tx/records/records'
import { readProof } from '../../../src/core/tx/track/observations'
import { observeOnce, type TrackDeps, trackUntilFinal } from '../../../src/core/tx/track/track'
import { devAccount, devPrivateKey } from '../../../tools/devnet/accounts'
import { devChain } from '../../../tools/devnet/deploy'
import { rpc } from '../../../tools/devnet/devnet'
import { ownDevnetAndStandIn } from '../../support/builders/ownStack'
import { localEndpoint } from '../../support/builders/readPool'
import { freshStore } from '../../support/builders/records'
import { nodeClient } from '../protect/helpers'

/**
 * Issue 11 "statuses that need proof", reproduced on purpose against real Anvil, the real endpoint pool and
 * the Protect stand-in: each endpoint's answers for one method are controlled (fail, answer null, answer
 * something impossible) so the order of events is fixed, not left to luck. Its own devnet: blocks are mined
 * here at will.
 */
type Fault = 'pass' | 'fail' | 'null' | 'other-block' | 'other-hash' | 'low-count'
const own = ownDevnetAndStandIn()
let store: RecordStore
const faults = new Map<string, Fault>()

beforeEach(() => {
  store = freshStore('races.activity')
  faults.clear()
})

const endpoint = (id: string) => localEndpoint(id, own.devnet.url)

const otherHash = `0x${'ee'.repeat(32)}`

/** The real HTTP transport, with this test's fault for the transaction reads of one endpoint. */
const faultySend: NonNullable<PoolOptions['sendFor']> = (e, timeoutMs) => {
  const real = defaultSend(e, timeoutMs)
  return async (args) => {
    const fault = faults.get(e.id) ?? 'pass'
    const txRead = args.method === 'eth_getTransactionReceipt' || args.method === 'eth_getTransactionByHash'
    if (txRead && fault === 'fail')
      throw new HttpRequestError({ url: e.url, status: 500, details: 'Internal Server Error' })
    if (txRead && fault === 'null') return null
    const answer = (await real(args)) as Record<string, unknown> | null
    if (txRead && answer && fault === 'other-block') return { ...answer, blockHash: `0x${'ab'.repeat(32)}` }
    if (txRead && answer && fault === 'other-hash')
      return { ...answer, hash: otherHash, transactionHash: otherHash }
    if (args.method === 'eth_getTransactionCount' && fault === 'low-count') return '0x0'
    return answer
  }
}

const pools: EndpointPool[] = []
afterEach(() => {
  for (const p of pools.splice(0)) p.stop()
})

/** A running pool (its probes mark endpoints healthy, as in the app). */
async function pool(ids: string[]): Promise<EndpointPool> {
  const p = createEndpointPool({
    chainId: own.devnet.chainId,
    endpoints: ids.map(endpoint),
    sendFor: faultySend,
    retries: 0,
    retryBaseMs: 10,
  })
  pools.push(p)
  await p.start()
  return p
}

function trackDeps(p: EndpointPool): TrackDeps {
  return { reads: p, statusUrl: own.standIn.statusUrl, store }
}

const mine = (n = 1) => Promise.all(Array.from({ length: n }, () => rpc(own.devnet.url, 'evm_mine')))

/** Sends privately from `account` (sendPrivately) and waits until a block has it. */
async function sentAndMined(account: number): Promise<TxRecord> {
  const record = await sendPrivately(account)
  await waitMined(record.hash as Hex)
  return record
}

/** Signs and sends through the stand-in as the wallet would, and records it as the send pipeline does. */
async function sendPrivately(
  account: number,
  fees: { maxFeePerGas?: bigint; maxPriorityFeePerGas?: bigint } = {},
): Promise<TxRecord> {
  const signer = privateKeyToAccount(devPrivateKey(account))
  const wallet = createWalletClient({
    chain: devChain(own.standIn.rpcUrl, own.devnet.chainId),
    account: signer,
    transport: http(own.standIn.rpcUrl, { retryCount: 0 }),
  })
  const nonce = await nodeClient(own.devnet.url).getTransactionCount({
    address: signer.address,
    blockTag: 'pending',
  })
  const pendingOwn = store.list().filter((r) => r.from === signer.address && r.status === 'PENDING').length
  const hash: Hex = await wallet.sendTransaction({
    to: devAccount(2).address,
    value: 1000n,
    gas: 21_000n,
    nonce: nonce + pendingOwn,
    ...fees,
  })
  return store.add({
    id: newRecordId(),
    kind: 'transfer',
    chainId: own.devnet.chainId,
    from: signer.address,
    hash,
    nonce: nonce + pendingOwn,
    to: devAccount(2).address,
    asset: { symbol: 'ETH', decimals: 18 },
    amount: '1000',
    createdAt: Date.now(),
    protected: true,
    status: 'PENDING',
    privacy: 'checking',
  })
}

async function waitMined(hash: Hex) {
  await nodeClient(own.devnet.url).waitForTransactionReceipt({ hash, pollingInterval: 50 })
}

async function waitProtect(hash: Hex, status: string) {
  await expect
    .poll(
      async () =>
        ((await (await fetch(`${own.standIn.statusUrl}${hash}`)).json()) as { status: string }).status,
      {
        timeout: 10_000,
      },
    )
    .toBe(status)
}

describe('an included transaction is never shown as Replaced', () => {
  it('a failed receipt read concludes nothing, over several blocks', async () => {
    const p = await pool(['a'])
    const record = await sentAndMined(3)
    faults.set('a', 'fail')
    for (let i = 0; i < 5; i++) {
      await mine()
      const seen = await observeOnce(trackDeps(p), record.id)
      expect(seen?.status, `observation ${i}`).toBe('PENDING')
      expect(readProof(seen as TxRecord).provisional).toBeUndefined()
    }
    faults.set('a', 'pass')
    const final = await trackUntilFinal(trackDeps(p), record.id, { intervalMs: 50, maxPolls: 100 })
    expect(final).toMatchObject({ status: 'INCLUDED', privacy: 'likely-private' })
  })

  it('one endpoint without our receipt while its count shows the nonce used, Protect saying INCLUDED', async () => {
    const p = await pool(['a', 'b'])
    const record = await sentAndMined(4)
    await waitProtect(record.hash as Hex, 'INCLUDED')
    faults.set('a', 'null')
    for (let i = 0; i < 5; i++) {
      await mine()
      const seen = await observeOnce(trackDeps(p), record.id)
      expect(seen?.status, `observation ${i}`).toBe('PENDING')
    }
    faults.set('a', 'pass')
    const final = await trackUntilFinal(trackDeps(p), record.id, { intervalMs: 50, maxPolls: 100 })
    expect(final?.status).toBe('INCLUDED')
    expect(readProof(final as TxRecord).confirmedBy?.sort()).toEqual(['a', 'b'])
  })
})

describe('a final inclusion needs a receipt carrying our hash, confirmed by a second healthy endpoint', () => {
  it('a second endpoint that has it in another block keeps it pending until they agree', async () => {
    const p = await pool(['a', 'b'])
    const record = await sentAndMined(5)
    faults.set('b', 'other-block')
    await mine()
    const first = await observeOnce(trackDeps(p), record.id)
    expect(first?.status).toBe('PENDING')
    expect(first?.detail).toMatch(/disagree/)
    faults.set('b', 'pass')
    await mine()
    const final = await observeOnce(trackDeps(p), record.id)
    expect(final?.status).toBe('INCLUDED')
    expect(readProof(final as TxRecord).confirmedBy).toEqual(['a', 'b'])
  })

  it('a receipt for another hash is refused, logged, and never shown as data', async () => {
    const p = await pool(['a', 'b'])
    const record = await sentAndMined(6)
    faults.set('a', 'other-hash')
    await mine()
    const seen = await observeOnce(trackDeps(p), record.id)
    const proof = readProof(seen as TxRecord)
    expect(proof.log?.find((e) => e.source === 'refused')?.text).toMatch(/unusable answer/)
    // b answered instead; with a refusing a, nobody confirms: still pending, and a's answer is not the receipt.
    expect(seen?.status).toBe('PENDING')
    faults.set('a', 'pass')
    await mine()
    expect((await observeOnce(trackDeps(p), record.id))?.status).toBe('INCLUDED')
  })

  it('a count below a nonce known to be included is refused', async () => {
    const p = await pool(['a', 'b'])
    const included = await sendPrivately(7)
    await waitMined(included.hash as Hex)
    expect((await trackUntilFinal(trackDeps(p), included.id, { intervalMs: 50, maxPolls: 50 }))?.status).toBe(
      'INCLUDED',
    )
    const stuck = await sendPrivately(7, { maxFeePerGas: 1n, maxPriorityFeePerGas: 1n })
    faults.set('a', 'low-count')
    await mine()
    const seen = await observeOnce(trackDeps(p), stuck.id)
    const refused = readProof(seen as TxRecord).log?.filter((e) => e.source === 'refused') ?? []
    expect(refused.map((e) => e.text).join()).toMatch(/nonce \d+ was included at block/)
    expect(seen?.status).toBe('PENDING')
  })
})
