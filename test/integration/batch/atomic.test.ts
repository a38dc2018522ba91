import {
  createPublicClient,
  createWalletClient,
  custom,
  encodeFunctionData,
  erc20Abi,
  http,
  parseAbi,
  parseEther,
  parseUnits,
} from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { getCapabilities } from 'viem/actions'
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { askBatchPath, chooseBatchPath } from '../../../src/core/batch/path'
import { runSequentialSteps, waitForFinal } from '../../../src/core/batch/sequential'
import { simulateBatch } from '../../../src/core/batch/simulate'
import type { BatchCall } from '../../../src/core/batch/validate'
import { fetchFeePresets } from '../../../src/core/fees/presets'
import type { EndpointPool } from '../../../src/core/rpc/pool'
import { RecordStore } from '../../../src/core/tx/records/records'
import { followAtomicBatch, sendAtomicBatch } from '../../../src/core/tx/send/batchPipeline'
import { type PipelineDeps, sendThroughPipeline } from '../../../src/core/tx/send/pipeline'
import { gasWithHeadroom } from '../../../src/core/tx/send/prepare'
import { storageLeases } from '../../../src/core/tx/send/tabLocks'
import { resolveIntent } from '../../../src/core/tx/track/intents'
import { trackUntilFinal } from '../../../src/core/tx/track/track'
import { devChain } from '../../../tools/devnet/deploy'
import { installAtomicBatches } from '../../harness/wallet/atomic'
import { TestWallet } from '../../harness/wallet/testWallet'
import { memoryStorage } from '../../support/builders/memoryStorage'
import { startReadPool } from '../../support/builders/readPool'

const devnet = inject('devnet')
const chain = devChain(devnet.url, devnet.chainId)
const reader = createPublicClient({ chain, transport: http(devnet.url) })
const dusd = devnet.contracts.tokens[0]!
let pool: EndpointPool
beforeAll(async () => {
  pool = await startReadPool(devnet.chainId, [devnet.url])
})
afterAll(() => pool.stop())
const vaultAbi = parseAbi([
  'function ping()',
  'function pings() view returns (uint256)',
  'function withdraw(uint256 amount)',
  'function deposits(address) view returns (uint256)',
])

function walletFor(account: number, atomic: boolean) {
  const wallet = new TestWallet({
    accounts: [account],
    chains: { [devnet.chainId]: devnet.url },
    chainId: devnet.chainId,
  })
  wallet.connected = true
  if (atomic) installAtomicBatches(wallet, devnet.contracts.batchExecutor, { sendEvenIfEstimateFails: true })
  const client = createWalletClient({
    chain,
    transport: custom({
      request: ({ method, params }) => wallet.handle(method, (params as unknown[]) ?? []),
    }),
  })
  const deps: PipelineDeps = {
    wallet: ({ method, params }) => wallet.handle(method, params ?? []),
    reader,
    store: new RecordStore('batch.test'),
    locks: storageLeases({ storage: () => globalThis.localStorage, pollMs: 20 }),
    chainHasProtect: false,
    // The test wallet's atomic batches delegate the account to the devnet's BatchExecutor, which Hush knows.
    knownDelegates: [devnet.contracts.batchExecutor],
  }
  return { wallet, client, deps }
}

beforeEach(() => {
  ;(globalThis as { localStorage?: unknown }).localStorage = memoryStorage()
})

/** Through the pipeline: one wallet_sendCalls, then the wallet names the transaction and the receipt decides. */
async function atomic(deps: PipelineDeps, sender: `0x${string}`, calls: BatchCall[]) {
  const result = await sendAtomicBatch(deps, {
    chainId: devnet.chainId,
    from: sender,
    steps: calls.map((call, i) => ({ call, label: `call ${i + 1}` })),
    consentToPublic: false,
  })
  if (result.kind !== 'sent') throw new Error(result.kind)
  const named = await followAtomicBatch(deps.wallet, deps.store, result.record.id, {
    intervalMs: 100,
    timeoutMs: 30_000,
  })
  expect(named?.hash).toMatch(/^0x/)
  return await trackUntilFinal({ reads: pool, store: deps.store }, result.record.id, {
    intervalMs: 100,
    maxPolls: 200,
  })
}

const tokenBalance = (address: `0x${string}`) =>
  reader.readContract({ address: dusd.address, abi: erc20Abi, functionName: 'balanceOf', args: [address] })

function threeActions(recipient: `0x${string}`, last: BatchCall): BatchCall[] {
  return [
    { to: recipient, value: parseEther('1.25') },
    {
      to: dusd.address,
      value: 0n,
      data: encodeFunctionData({
        abi: erc20Abi,
        functionName: 'transfer',
        args: [recipient, parseUnits('42', 6)],
      }),
    },
    last,
  ]
}

const ping: BatchCall = {
  to: devnet.contracts.vault,
  value: 0n,
  data: encodeFunctionData({ abi: vaultAbi, functionName: 'ping' }),
}

describe('atomic batches through the EIP-7702 test wallet', () => {
  it('includes ETH transfer + token transfer + contract call in one transaction, every balance changed', async () => {
    const { wallet, client, deps } = walletFor(18, true)
    const sender = wallet.address
    const recipient = privateKeyToAccount(generatePrivateKey()).address
    expect(await askBatchPath(deps.wallet, sender, devnet.chainId)).toEqual({
      kind: 'atomic',
      status: 'supported',
    })
    const path = chooseBatchPath(await getCapabilities(client, { account: sender, chainId: devnet.chainId }))
    expect(path).toEqual({ kind: 'atomic', status: 'supported' })

    const calls = threeActions(recipient, ping)
    const simulation = await simulateBatch(reader, sender, calls)
    expect(simulation.ok).toBe(true)

    const [ethBefore, tokenBefore, pingsBefore] = await Promise.all([
      reader.getBalance({ address: sender }),
      tokenBalance(sender),
      reader.readContract({ address: devnet.contracts.vault, abi: vaultAbi, functionName: 'pings' }),
    ])
    const record = await atomic(deps, sender, calls)
    expect(record).toMatchObject({ kind: 'batch', status: 'INCLUDED', path: 'atomic' })
    const receipt = await reader.getTransactionReceipt({ hash: record!.hash! })
    expect(receipt.type).toBe('eip7702')
    expect(receipt.to?.toLowerCase()).toBe(sender.toLowerCase())
    const fee = receipt.gasUsed * receipt.effectiveGasPrice

    expect(await reader.getBalance({ address: recipient })).toBe(parseEther('1.25'))
    expect(await tokenBalance(recipient)).toBe(parseUnits('42', 6))
    expect(await reader.getBalance({ address: sender })).toBe(ethBefore - parseEther('1.25') - fee)
    expect(await tokenBalance(sender)).toBe(tokenBefore - parseUnits('42', 6))
    expect(
      await reader.readContract({ address: devnet.contracts.vault, abi: vaultAbi, functionName: 'pings' }),
    ).toBe(pingsBefore + 1n)
  })

  it('a batch whose last call reverts is simulated as failing there, and on-chain changes nothing', async () => {
    const { wallet, deps } = walletFor(19, true)
    const sender = wallet.address
    const recipient = privateKeyToAccount(generatePrivateKey()).address
    const withdraw: BatchCall = {
      to: devnet.contracts.vault,
      value: 0n,
      data: encodeFunctionData({ abi: vaultAbi, functionName: 'withdraw', args: [10n ** 30n] }),
    }
    const calls = threeActions(recipient, withdraw)
    const simulation = await simulateBatch(reader, sender, calls)
    expect(simulation).toMatchObject({ ok: false, failedIndex: 2, reason: 'DemoVault: insufficient deposit' })

    // Sent anyway (the test wallet is told to skip its own estimate), so the revert really happens on-chain.
    const [ethBefore, tokenBefore] = await Promise.all([
      reader.getBalance({ address: sender }),
      tokenBalance(sender),
    ])
    const record = await atomic(deps, sender, calls)
    expect(record?.status).toBe('REVERTED')
    const receipt = await reader.getTransactionReceipt({ hash: record!.hash! })
    expect(receipt.status).toBe('reverted')
    const fee = receipt.gasUsed * receipt.effectiveGasPrice

    expect(await reader.getBalance({ address: recipient })).toBe(0n)
    expect(await tokenBalance(recipient)).toBe(0n)
    expect(await tokenBalance(sender)).toBe(tokenBefore)
    expect(await reader.getBalance({ address: sender })).toBe(ethBefore - fee)
  })
})

describe('the sequential fallback with a wallet without EIP-5792', () => {
  it('is chosen from the plain wallet within 2 s, stops at a declined middle step, and resumes it with the same nonce', async () => {
    const { wallet, deps } = walletFor(18, false)
    const sender = wallet.address
    expect((await askBatchPath(deps.wallet, sender, devnet.chainId)).kind).toBe('sequential')

    const recipient = privateKeyToAccount(generatePrivateKey()).address
    const calls = threeActions(recipient, ping)
    const send = async (index: number, decline: boolean, resends?: string) => {
      wallet.policy = decline ? 'reject' : 'approve'
      const call = calls[index]!
      const gas = gasWithHeadroom(await reader.estimateGas({ account: sender, ...call }))
      const fees = (await fetchFeePresets(reader)).presets.normal
      return await sendThroughPipeline(deps, {
        kind: 'call',
        chainId: devnet.chainId,
        from: sender,
        call,
        gas,
        fees,
        label: `call ${index + 1}`,
        batch: { id: 'b', index },
        consentToPublic: false,
        ...(resends ? { reuse: { recordId: resends, mode: 'resend' as const } } : {}),
      })
    }
    const track = (id: string) => {
      void trackUntilFinal({ reads: pool, store: deps.store }, id, { intervalMs: 100, maxPolls: 300 })
      return waitForFinal(deps.store, id)
    }
    const fresh = async () => ({ kind: 'fresh' as const })
    const first = await runSequentialSteps(3, 0, {
      decide: fresh,
      send: (i) => send(i, i === 1),
      waitFinal: track,
    })
    expect(first).toMatchObject({ completed: false, index: 1 })
    expect(await reader.getBalance({ address: recipient })).toBe(parseEther('1.25'))
    expect(await tokenBalance(recipient)).toBe(0n)
    const declined = deps.store.list().find((r) => r.stepIndex === 1)!
    expect(declined).toMatchObject({ status: 'NOT_SENT' })

    const second = await runSequentialSteps(3, 1, {
      decide: fresh,
      send: (i) => send(i, false, i === 1 ? declined.id : undefined),
      waitFinal: track,
    })
    expect(second).toEqual({ completed: true })
    const resumed = deps.store.list().find((r) => r.resends === declined.id)!
    expect(resumed.nonce).toBe(declined.nonce)
    expect(await reader.getBalance({ address: recipient })).toBe(parseEther('1.25'))
    expect(await tokenBalance(recipient)).toBe(parseUnits('42', 6))
    // Four wallet requests: steps 1, 2 (declined), 2 again and 3; every one a record of its step.
    expect(
      deps.store
        .list()
        .map((r) => [r.stepIndex, r.status])
        .reverse(),
    ).toEqual([
      [0, 'INCLUDED'],
      [1, 'NOT_SENT'],
      [1, 'INCLUDED'],
      [2, 'INCLUDED'],
    ])
  })
})

describe('an atomic batch whose answer was lost (issue 21)', () => {
  it('is found by its calls at the nonce the wallet picked, though a plain transfer used the nonce Hush expected', async () => {
    const { wallet, deps } = walletFor(41, false)
    const { sent } = installAtomicBatches(wallet, devnet.contracts.batchExecutor)
    const sender = wallet.address
    const recipient = privateKeyToAccount(generatePrivateKey()).address
    const batchOf = (value: bigint) => ({
      chainId: devnet.chainId,
      from: sender,
      steps: [{ call: { to: recipient, value }, label: 'pay' }],
      consentToPublic: false,
    })
    // A first batch delegates the account (its authorization uses a nonce of its own); the next one uses one.
    const first = await sendAtomicBatch(deps, batchOf(1n))
    if (first.kind !== 'sent') throw new Error(first.kind)
    await reader.waitForTransactionReceipt({ hash: [...sent.values()][0]!.hash })
    const start = await reader.getTransactionCount({ address: sender })
    // Another page's prompt holds the next nonce, so Hush expects the batch one above it; that prompt is never sent.
    deps.store.add({
      id: 'held-prompt',
      kind: 'transfer',
      chainId: devnet.chainId,
      from: sender,
      nonce: start,
      createdAt: Date.now(),
      protected: false,
      status: 'AWAITING_WALLET',
      privacy: 'unprotected',
      call: { to: recipient, value: '7' },
    })
    // The wallet sends the batch at the nonce it picks, then its answer is lost (an error after broadcasting).
    const lossy: PipelineDeps['wallet'] = async (request) => {
      const answer = await deps.wallet(request)
      if (request.method === 'wallet_sendCalls')
        throw Object.assign(new Error('Internal JSON-RPC error.'), { code: -32603 })
      return answer
    }
    const lost = await sendAtomicBatch({ ...deps, wallet: lossy }, batchOf(2n))
    expect(lost.kind).toBe('failed')
    const record = deps.store.list().find((r) => r.kind === 'batch' && r.status === 'AWAITING_WALLET')
    expect(record).toMatchObject({ nonce: start + 1, sentUnknown: true })
    const batchHash = [...sent.values()][1]!.hash
    const batchTx = await reader.waitForTransactionReceipt({ hash: batchHash })
    expect((await reader.getTransaction({ hash: batchTx.transactionHash })).nonce).toBe(start)
    // A plain transfer from the wallet then uses the nonce Hush expected for the batch.
    const other = (await wallet.handle('eth_sendTransaction', [
      { from: sender, to: recipient, value: '0x3' },
    ])) as `0x${string}`
    await reader.waitForTransactionReceipt({ hash: other })
    expect((await reader.getTransaction({ hash: other })).nonce).toBe(start + 1)

    const found = await resolveIntent(
      { reader, store: deps.store, accountBusy: async () => false },
      record!.id,
    )
    expect(found).toMatchObject({ status: 'PENDING', hash: batchHash, nonce: start })
  })
})
