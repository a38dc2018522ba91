import {
  type Address,
  createPublicClient,
  createWalletClient,
  erc20Abi,
  http,
  parseEther,
  parseUnits,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { fetchFeePresets } from '../../../src/core/fees/presets'
import type { EndpointPool } from '../../../src/core/rpc/pool'
import { SendLock } from '../../../src/core/tx/lock'
import { simulateCall, transferCall } from '../../../src/core/tx/prepare'
import { privacyVerdictText } from '../../../src/core/tx/privacy'
import { readProof } from '../../../src/core/tx/proof'
import { type ActivityRecord, ActivityStore } from '../../../src/core/tx/records'
import { cancelInput, speedUpInput } from '../../../src/core/tx/replace'
import { type SubmitDeps, type SubmitInput, submitTransaction } from '../../../src/core/tx/submit'
import { type TrackDeps, trackUntilFinal } from '../../../src/core/tx/track'
import { startReadPool } from '../../support/builders/readPool'
import { devAccount, devPrivateKey } from '../../support/devnet/accounts'
import { devChain } from '../../support/devnet/deploy'
import { rpc } from '../../support/devnet/devnet'
import { type ProtectStandIn, startProtectStandIn } from '../../support/protect/standin'

const devnet = inject('devnet')
const chain = devChain(devnet.url, devnet.chainId)
const reader = createPublicClient({ chain, transport: http(devnet.url) })
const dusd = devnet.contracts.tokens[0]!

class MemoryStorage {
  private map = new Map<string, string>()
  getItem = (k: string) => this.map.get(k) ?? null
  setItem = (k: string, v: string) => void this.map.set(k, v)
  removeItem = (k: string) => void this.map.delete(k)
}

let standIn: ProtectStandIn
let pool: EndpointPool
let store: ActivityStore
const lock = new SendLock()

/** The wallet: signs with a dev key and broadcasts through the URL it was given (here, the stand-in). */
function walletFor(index: number, url: string): SubmitDeps['send'] {
  const account = privateKeyToAccount(devPrivateKey(index))
  const wallet = createWalletClient({ chain, account, transport: http(url, { retryCount: 0 }) })
  return (tx) =>
    wallet.sendTransaction({
      to: tx.to,
      value: tx.value,
      data: tx.data,
      gas: tx.gas,
      nonce: tx.nonce,
      maxFeePerGas: tx.maxFeePerGas,
      maxPriorityFeePerGas: tx.maxPriorityFeePerGas,
    })
}

function deps(send: SubmitDeps['send']): SubmitDeps {
  return {
    send,
    pendingCount: (from) => reader.getTransactionCount({ address: from, blockTag: 'pending' }),
    store,
    lock,
  }
}

function trackDeps(over: Partial<TrackDeps> = {}): TrackDeps {
  return { reads: pool, statusUrl: standIn.statusUrl, store, ...over }
}

async function transferInput(index: number, to: Address, value: bigint): Promise<SubmitInput> {
  const from = devAccount(index).address
  const call = transferCall({ symbol: 'ETH', decimals: 18 }, to, value)
  const sim = await simulateCall(reader, from, call)
  if (!sim.ok) throw new Error(sim.message)
  const { presets } = await fetchFeePresets(reader)
  return {
    kind: 'transfer',
    chainId: devnet.chainId,
    from,
    call,
    gas: sim.gas,
    fees: presets.normal,
    protected: true,
    asset: { symbol: 'ETH', decimals: 18 },
    amount: value,
    recipient: to,
  }
}

/** Fees under the next base fee: Protect keeps it PENDING (SimErrorMaxFeePerGasTooLow) until the window. */
async function stuckFees() {
  const block = await reader.getBlock({ blockTag: 'pending' })
  expect(block.baseFeePerGas ?? 0n).toBeGreaterThan(1n)
  return { maxFeePerGas: 1n, maxPriorityFeePerGas: 1n }
}

beforeAll(async () => {
  standIn = await startProtectStandIn({ upstreamUrl: devnet.url, chainId: devnet.chainId, pollMs: 50 })
  pool = await startReadPool(devnet.chainId, [devnet.url])
})
afterAll(async () => {
  pool.stop()
  await standIn.stop()
})
beforeEach(() => {
  ;(globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage()
  store = new ActivityStore('send.test.activity')
})

describe('the send lifecycle against Anvil and the Protect stand-in', () => {
  it('simulates a token transfer that would revert and reports the decoded reason', async () => {
    const from = devAccount(16).address
    const balance = await reader.readContract({
      address: dusd.address,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [from],
    })
    const call = transferCall(dusd, devAccount(2).address, balance + 1n)
    const sim = await simulateCall(reader, from, call)
    expect(sim.ok).toBe(false)
    if (!sim.ok) {
      expect(sim.kind).toBe('reverted')
      expect(sim.message).toMatch(/revert/i)
    }
    const ok = await simulateCall(reader, from, transferCall(dusd, devAccount(2).address, parseUnits('1', 6)))
    expect(ok.ok).toBe(true)
  })

  it('sends privately and tracks it to INCLUDED with the receipt summary; the stand-in received it', async () => {
    const to = devAccount(2).address
    const before = await reader.getBalance({ address: to })
    const result = await submitTransaction(
      deps(walletFor(16, standIn.rpcUrl)),
      await transferInput(16, to, 12345n),
    )
    expect(result.kind).toBe('sent')
    if (result.kind !== 'sent') return
    expect(store.list()[0]?.status).toBe('PENDING')
    const final = await trackUntilFinal(trackDeps(), result.record.id, { intervalMs: 100, maxPolls: 200 })
    expect(final).toMatchObject({ status: 'INCLUDED', privacy: 'private' })
    expect(final?.receipt?.success).toBe(true)
    expect(BigInt(final?.receipt?.fee ?? 0)).toBe(
      BigInt(final?.receipt?.gasUsed ?? 0) * BigInt(final?.receipt?.effectiveGasPrice ?? 0),
    )
    expect(standIn.received()).toContain(result.record.hash)
    expect((await reader.getBalance({ address: to })) - before).toBe(12345n)
  })

  it('gives two quick sends consecutive nonces from its own records and refuses a parallel submission', async () => {
    const to = devAccount(2).address
    const send = walletFor(16, standIn.rpcUrl)
    const startNonce = await reader.getTransactionCount({
      address: devAccount(16).address,
      blockTag: 'pending',
    })
    const inputA = await transferInput(16, to, 1n)
    const inputB = await transferInput(16, to, 2n)
    const [first, parallel] = await Promise.all([
      submitTransaction(deps(send), inputA),
      submitTransaction(deps(send), inputB),
    ])
    expect(parallel.kind).toBe('busy')
    const second = await submitTransaction(deps(send), inputB)
    if (first.kind !== 'sent' || second.kind !== 'sent') throw new Error('not sent')
    expect(first.record.nonce).toBe(startNonce)
    expect(second.record.nonce).toBe(startNonce + 1)
    for (const r of [first.record, second.record])
      expect(await trackUntilFinal(trackDeps(), r.id, { intervalMs: 100, maxPolls: 200 })).toMatchObject({
        status: 'INCLUDED',
      })
  })

  it('resumes tracking after a reload from the persisted record', async () => {
    const result = await submitTransaction(
      deps(walletFor(16, standIn.rpcUrl)),
      await transferInput(16, devAccount(2).address, 3n),
    )
    if (result.kind !== 'sent') throw new Error('not sent')
    const reloaded = new ActivityStore('send.test.activity')
    expect(reloaded.get(result.record.id)?.hash).toBe(result.record.hash)
    const final = await trackUntilFinal(trackDeps({ store: reloaded }), result.record.id, {
      intervalMs: 100,
      maxPolls: 200,
    })
    expect(final?.status).toBe('INCLUDED')
  })

  it('with the status API unreachable: never "failed", still sees inclusion, and the verdict rests on the own watch, labelled so', async () => {
    const result = await submitTransaction(
      deps(walletFor(16, standIn.rpcUrl)),
      await transferInput(16, devAccount(2).address, 4n),
    )
    if (result.kind !== 'sent') throw new Error('not sent')
    const final = await trackUntilFinal(
      trackDeps({ statusUrl: 'http://127.0.0.1:9/tx/' }),
      result.record.id,
      {
        intervalMs: 100,
        maxPolls: 200,
      },
    )
    expect(final).toMatchObject({ status: 'INCLUDED', privacy: 'private' })
    const proof = readProof(final as ActivityRecord)
    expect(proof.api).toMatchObject({
      answered: false,
      unavailable: expect.stringMatching(/could not be reached/),
    })
    expect(proof.watch?.asked).toEqual(['a'])
    expect(privacyVerdictText(final as ActivityRecord, proof)).toBe(
      "Private (own watch only: Protect's status API could not be reached). Your read endpoint did not see it pending.",
    )
  })

  it('reports a send that bypassed Protect as gone public (UNKNOWN to Protect)', async () => {
    const result = await submitTransaction(
      deps(walletFor(16, devnet.url)),
      await transferInput(16, devAccount(2).address, 5n),
    )
    if (result.kind !== 'sent') throw new Error('not sent')
    const later = () => result.record.createdAt + 60_000
    const final = await trackUntilFinal(trackDeps({ now: later }), result.record.id, {
      intervalMs: 100,
      maxPolls: 200,
    })
    expect(final).toMatchObject({ status: 'INCLUDED', privacy: 'went-public' })
    expect(standIn.received()).not.toContain(result.record.hash)
  })

  it('cancels a pending private transaction with a same-nonce zero-value self-transfer', async () => {
    const input = { ...(await transferInput(17, devAccount(2).address, 6n)), fees: await stuckFees() }
    const send = walletFor(17, standIn.rpcUrl)
    const sent = await submitTransaction(deps(send), input)
    if (sent.kind !== 'sent') throw new Error('not sent')
    const pending = await trackUntilFinal(trackDeps(), sent.record.id, { intervalMs: 100, maxPolls: 3 })
    expect(pending?.status).toBe('PENDING')
    const { presets } = await fetchFeePresets(reader)
    const cancel = cancelInput(store.get(sent.record.id)!, presets.normal, true)
    expect(cancel.call).toEqual({ to: devAccount(17).address, value: 0n })
    expect(cancel.nonce).toBe(sent.record.nonce)
    const cancelled = await submitTransaction(deps(send), cancel)
    expect(cancelled.kind).toBe('sent')
    const final = await trackUntilFinal(trackDeps(), sent.record.id, { intervalMs: 100, maxPolls: 100 })
    expect(final?.status).toBe('CANCELLED')
    expect(final?.replacedBy).toBe(cancelled.kind === 'sent' ? cancelled.record.id : undefined)
  })

  it('speeds up a pending transaction: same nonce, higher fees; the original is replaced', async () => {
    const to = devAccount(2).address
    const before = await reader.getBalance({ address: to })
    const input = { ...(await transferInput(17, to, 7n)), fees: await stuckFees() }
    const send = walletFor(17, standIn.rpcUrl)
    const sent = await submitTransaction(deps(send), input)
    if (sent.kind !== 'sent') throw new Error('not sent')
    const { presets } = await fetchFeePresets(reader)
    const speedUp = speedUpInput(store.get(sent.record.id)!, presets.fast, true)
    expect(speedUp?.nonce).toBe(sent.record.nonce)
    expect(speedUp!.fees.maxFeePerGas).toBeGreaterThan(input.fees.maxFeePerGas)
    const faster = await submitTransaction(deps(send), speedUp!)
    if (faster.kind !== 'sent') throw new Error('not sent')
    const included = await trackUntilFinal(trackDeps(), faster.record.id, { intervalMs: 100, maxPolls: 200 })
    expect(included).toMatchObject({ status: 'INCLUDED', privacy: 'private', nonce: sent.record.nonce })
    // "Replaced" holds for a few blocks (nonce used, no receipt of ours) before it is final.
    const original = await trackUntilFinal(trackDeps(), sent.record.id, {
      intervalMs: 100,
      maxPolls: 50,
      onUpdate: () => void rpc(devnet.url, 'evm_mine'),
    })
    expect(original?.status).toBe('REPLACED')
    expect((await reader.getBalance({ address: to })) - before).toBe(7n)
  })

  it('marks a transaction FAILED when the block window passes', async () => {
    const shortWindow = await startProtectStandIn({
      upstreamUrl: devnet.url,
      chainId: devnet.chainId,
      blockWindow: 2,
      pollMs: 50,
    })
    try {
      const input = { ...(await transferInput(17, devAccount(2).address, 8n)), fees: await stuckFees() }
      const sent = await submitTransaction(deps(walletFor(17, shortWindow.rpcUrl)), input)
      if (sent.kind !== 'sent') throw new Error('not sent')
      for (let i = 0; i < 4; i++) await rpc(devnet.url, 'evm_mine')
      const final = await trackUntilFinal(trackDeps({ statusUrl: shortWindow.statusUrl }), sent.record.id, {
        intervalMs: 100,
        maxPolls: 100,
      })
      expect(final?.status).toBe('FAILED')
      expect(final?.detail).toMatch(/send it again/)
    } finally {
      await shortWindow.stop()
    }
  })
})

describe('fee presets on the devnet', () => {
  it('come from eth_feeHistory and are ordered', async () => {
    const { baseFee, presets } = await fetchFeePresets(reader)
    expect(baseFee).toBeGreaterThan(0n)
    expect(presets.slow.maxPriorityFeePerGas).toBeLessThanOrEqual(presets.normal.maxPriorityFeePerGas)
    expect(presets.normal.maxPriorityFeePerGas).toBeLessThanOrEqual(presets.fast.maxPriorityFeePerGas)
    expect(presets.fast.maxFeePerGas).toBeGreaterThanOrEqual(baseFee)
    expect(parseEther('1')).toBeGreaterThan(0n)
  })
})
