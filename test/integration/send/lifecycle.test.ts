import { type Address, createPublicClient, erc20Abi, http, parseEther, parseUnits } from 'viem'
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { fetchFeePresets } from '../../../src/core/fees/presets'
import { walletRoute } from '../../../src/core/protect/route'
import type { EndpointPool } from '../../../src/core/rpc/pool'
import { RecordStore, type TxRecord } from '../../../src/core/tx/records/records'
import { type PipelineDeps, sendThroughPipeline, type TxIntent } from '../../../src/core/tx/send/pipeline'
import { simulateCall, transferCall } from '../../../src/core/tx/send/prepare'
import { cancelIntent, rebuildOriginal, speedUpIntent } from '../../../src/core/tx/send/replace'
import { storageLeases } from '../../../src/core/tx/send/tabLocks'
import { readProof } from '../../../src/core/tx/track/observations'
import { privacyVerdictText } from '../../../src/core/tx/track/privacy'
import { type TrackDeps, trackUntilFinal } from '../../../src/core/tx/track/track'
import { devAccount } from '../../../tools/devnet/accounts'
import { devChain } from '../../../tools/devnet/deploy'
import { mineInBackground, rpc } from '../../../tools/devnet/devnet'
import { type ProtectStandIn, startProtectStandIn } from '../../../tools/protect/standin'
import { TestWallet } from '../../harness/wallet/testWallet'
import { startReadPool } from '../../support/builders/readPool'
import { freshStore } from '../../support/builders/records'

const devnet = inject('devnet')
const chain = devChain(devnet.url, devnet.chainId)
const reader = createPublicClient({ chain, transport: http(devnet.url) })
const dusd = devnet.contracts.tokens[0]!

let standIn: ProtectStandIn
let pool: EndpointPool
let store: RecordStore

/** The wallet: the test wallet (dev key), broadcasting through the URL it was given (here, the stand-in). */
function walletFor(index: number, url: string): TestWallet {
  const wallet = new TestWallet({
    accounts: [index],
    chains: { [devnet.chainId]: url },
    chainId: devnet.chainId,
  })
  wallet.connected = true
  return wallet
}

function deps(wallet: TestWallet): PipelineDeps {
  return {
    wallet: ({ method, params }) => wallet.handle(method, params ?? []),
    reader,
    store,
    locks: storageLeases({ storage: () => globalThis.localStorage, pollMs: 20 }),
    chainHasProtect: true,
    knownDelegates: [],
  }
}

function trackDeps(over: Partial<TrackDeps> = {}): TrackDeps {
  return { reads: pool, statusUrl: standIn.statusUrl, store, ...over }
}

async function transferInput(index: number, to: Address, value: bigint): Promise<TxIntent> {
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
    asset: { symbol: 'ETH', decimals: 18 },
    amount: value,
    recipient: to,
    consentToPublic: false,
  }
}

async function sent(deps: PipelineDeps, intent: TxIntent) {
  const result = await sendThroughPipeline(deps, intent)
  if (result.kind !== 'sent')
    throw new Error(`not sent: ${result.kind} ${'message' in result ? result.message : ''}`)
  return result.record
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
  store = freshStore('send.test.activity')
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

  it('sends privately through the pipeline and tracks it to INCLUDED; the stand-in received it', async () => {
    const to = devAccount(2).address
    const before = await reader.getBalance({ address: to })
    const record = await sent(deps(walletFor(16, standIn.rpcUrl)), await transferInput(16, to, 12345n))
    expect(record).toMatchObject({ status: 'PENDING', protected: true, privacy: 'checking' })
    const final = await trackUntilFinal(trackDeps(), record.id, { intervalMs: 100, maxPolls: 200 })
    // No WebSocket stream watched it: looks by hash alone make it "likely private" (issue 22).
    expect(final).toMatchObject({ status: 'INCLUDED', privacy: 'likely-private' })
    expect(final?.receipt?.success).toBe(true)
    expect(BigInt(final?.receipt?.fee ?? 0)).toBe(
      BigInt(final?.receipt?.gasUsed ?? 0) * BigInt(final?.receipt?.effectiveGasPrice ?? 0),
    )
    expect(standIn.received()).toContain(record.hash)
    expect((await reader.getBalance({ address: to })) - before).toBe(12345n)
  })

  it('a wallet on plain Anvil is stopped at the gate; with the choice it sends publicly, recorded as such', async () => {
    const wallet = walletFor(16, devnet.url)
    const intent = await transferInput(16, devAccount(2).address, 11n)
    expect(await sendThroughPipeline(deps(wallet), intent)).toMatchObject({
      kind: 'gate',
      state: 'not-protected',
    })
    expect(wallet.count('eth_sendTransaction')).toBe(0)
    const record = await sent(deps(wallet), { ...intent, consentToPublic: true, consentFor: 'not-protected' })
    expect(record).toMatchObject({ protected: false, privacy: 'unprotected' })
    expect((await trackUntilFinal(trackDeps(), record.id, { intervalMs: 100, maxPolls: 200 }))?.status).toBe(
      'INCLUDED',
    )
  })

  it('a WalletConnect session is "route unknown": its probe is answered by the dApp\'s RPC map (Protect) while the wallet app sends publicly (issue 22)', async () => {
    // The wallet app broadcasts through plain Anvil; WalletConnect answers eth_call from Hush's own RPC map,
    // which here is the Protect stand-in, so the probe alone would say "protected".
    const wallet = walletFor(16, devnet.url)
    const dappRpc = createPublicClient({ chain, transport: http(standIn.rpcUrl) })
    const session: PipelineDeps['wallet'] = ({ method, params }) =>
      method === 'eth_call'
        ? dappRpc.request({ method: 'eth_call', params: params as never })
        : wallet.handle(method, params ?? [])
    const walletConnect: PipelineDeps = {
      ...deps(wallet),
      wallet: session,
      route: walletRoute({ type: 'walletConnect' }),
    }
    const intent = await transferInput(16, devAccount(2).address, 13n)
    expect(await sendThroughPipeline(walletConnect, intent)).toMatchObject({
      kind: 'gate',
      state: 'route-unknown',
    })
    expect(wallet.count('eth_sendTransaction')).toBe(0)
    const record = await sent(walletConnect, {
      ...intent,
      consentToPublic: true,
      consentFor: 'route-unknown',
    })
    expect(record).toMatchObject({ protected: false, privacy: 'unprotected' })
    expect(standIn.received()).not.toContain(record.hash)
  })

  it('gives two quick sends consecutive nonces from its own records and refuses a parallel submission', async () => {
    const to = devAccount(2).address
    const wallet = walletFor(16, standIn.rpcUrl)
    const startNonce = await reader.getTransactionCount({
      address: devAccount(16).address,
      blockTag: 'pending',
    })
    const inputA = await transferInput(16, to, 1n)
    const inputB = await transferInput(16, to, 2n)
    const pipeline = deps(wallet)
    const [first, parallel] = await Promise.all([
      sendThroughPipeline(pipeline, inputA),
      sendThroughPipeline(pipeline, inputB),
    ])
    expect(parallel.kind).toBe('busy')
    const second = await sendThroughPipeline(pipeline, inputB)
    if (first.kind !== 'sent' || second.kind !== 'sent') throw new Error('not sent')
    expect(first.record.nonce).toBe(startNonce)
    expect(second.record.nonce).toBe(startNonce + 1)
    for (const r of [first.record, second.record])
      expect(await trackUntilFinal(trackDeps(), r.id, { intervalMs: 100, maxPolls: 200 })).toMatchObject({
        status: 'INCLUDED',
      })
  })

  it('resumes tracking after a reload from the persisted record', async () => {
    const record = await sent(
      deps(walletFor(16, standIn.rpcUrl)),
      await transferInput(16, devAccount(2).address, 3n),
    )
    const reloaded = new RecordStore('send.test.activity')
    expect(reloaded.get(record.id)?.hash).toBe(record.hash)
    const final = await trackUntilFinal(trackDeps({ store: reloaded }), record.id, {
      intervalMs: 100,
      maxPolls: 200,
    })
    expect(final?.status).toBe('INCLUDED')
  })

  it('with the status API unreachable: never "failed", still sees inclusion, and the verdict rests on the own watch, labelled so', async () => {
    const record = await sent(
      deps(walletFor(16, standIn.rpcUrl)),
      await transferInput(16, devAccount(2).address, 4n),
    )
    const final = await trackUntilFinal(trackDeps({ statusUrl: 'http://127.0.0.1:9/tx/' }), record.id, {
      intervalMs: 100,
      maxPolls: 200,
    })
    expect(final).toMatchObject({ status: 'INCLUDED', privacy: 'likely-private' })
    const proof = readProof(final as TxRecord)
    expect(proof.api).toMatchObject({
      answered: false,
      unavailable: expect.stringMatching(/could not be reached/),
    })
    expect(proof.watch?.asked).toEqual(['a'])
    expect(privacyVerdictText(final as TxRecord, proof)).toMatch(
      /^Likely private: Protect's status API could not be reached; your own watch: one endpoint not known to serve pending transactions, \d+ looks?, \d+ s of \d+ s pending, never seen pending\.$/,
    )
  })

  it('reports a send that bypassed Protect as gone public (UNKNOWN to Protect)', async () => {
    // The wallet answers the probe as Protect but broadcasts to the plain node (a lying or switched RPC).
    const wallet = walletFor(16, devnet.url)
    wallet.extend((_, method) =>
      method === 'eth_call' ? Promise.resolve(`0x${'0'.repeat(63)}1`) : undefined,
    )
    const record = await sent(deps(wallet), await transferInput(16, devAccount(2).address, 5n))
    const later = () => record.createdAt + 60_000
    const final = await trackUntilFinal(trackDeps({ now: later }), record.id, {
      intervalMs: 100,
      maxPolls: 200,
    })
    expect(final).toMatchObject({ status: 'INCLUDED', privacy: 'went-public' })
    expect(standIn.received()).not.toContain(record.hash)
  })

  it('cancels a pending private transaction with a same-nonce zero-value self-transfer rebuilt from the record', async () => {
    const input = { ...(await transferInput(17, devAccount(2).address, 6n)), fees: await stuckFees() }
    const wallet = walletFor(17, standIn.rpcUrl)
    const pipeline = deps(wallet)
    const original = await sent(pipeline, input)
    const pending = await trackUntilFinal(trackDeps(), original.id, { intervalMs: 100, maxPolls: 3 })
    expect(pending?.status).toBe('PENDING')
    // Private and pending: no public node has it, so the record's own fields are the source.
    const rebuilt = await rebuildOriginal({ reader }, store.get(original.id)!)
    expect(rebuilt).toMatchObject({ source: 'record', nonce: original.nonce })
    if (typeof rebuilt === 'string') throw new Error(rebuilt)
    const { presets } = await fetchFeePresets(reader)
    const cancel = cancelIntent(store.get(original.id)!, rebuilt, presets.normal, { consentToPublic: false })
    expect(cancel.call).toEqual({ to: devAccount(17).address, value: 0n })
    const cancelled = await sent(pipeline, cancel)
    expect(cancelled.nonce).toBe(original.nonce)
    const final = await trackUntilFinal(trackDeps(), original.id, { intervalMs: 100, maxPolls: 100 })
    expect(final?.status).toBe('CANCELLED')
    expect(final?.replacedBy).toBe(cancelled.id)
  })

  it('speeds up a pending transaction: same nonce, higher fees; the original is replaced', async () => {
    const to = devAccount(2).address
    const before = await reader.getBalance({ address: to })
    const input = { ...(await transferInput(17, to, 7n)), fees: await stuckFees() }
    const pipeline = deps(walletFor(17, standIn.rpcUrl))
    const original = await sent(pipeline, input)
    const rebuilt = await rebuildOriginal({ reader }, store.get(original.id)!)
    if (typeof rebuilt === 'string') throw new Error(rebuilt)
    const { presets } = await fetchFeePresets(reader)
    const speedUp = speedUpIntent(store.get(original.id)!, rebuilt, presets.fast, { consentToPublic: false })
    expect(speedUp.fees.maxFeePerGas).toBeGreaterThan(input.fees.maxFeePerGas)
    const faster = await sent(pipeline, speedUp)
    expect(faster.nonce).toBe(original.nonce)
    const included = await trackUntilFinal(trackDeps(), faster.id, { intervalMs: 100, maxPolls: 200 })
    expect(included).toMatchObject({ status: 'INCLUDED', privacy: 'likely-private', nonce: original.nonce })
    // "Replaced" holds for a few blocks (nonce used, no receipt of ours) before it is final.
    const replaced = await trackUntilFinal(trackDeps(), original.id, {
      intervalMs: 100,
      maxPolls: 50,
      onUpdate: () => mineInBackground(devnet.url),
    })
    expect(replaced?.status).toBe('REPLACED')
    expect((await reader.getBalance({ address: to })) - before).toBe(7n)
    // Once included, the chain has it: a rebuild now comes from eth_getTransactionByHash.
    expect(await rebuildOriginal({ reader }, store.get(faster.id)!)).toMatchObject({ source: 'chain' })
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
      const record = await sent(deps(walletFor(17, shortWindow.rpcUrl)), input)
      for (let i = 0; i < 4; i++) await rpc(devnet.url, 'evm_mine')
      const final = await trackUntilFinal(trackDeps({ statusUrl: shortWindow.statusUrl }), record.id, {
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
