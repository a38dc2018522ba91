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
import { describe, expect, inject, it } from 'vitest'
import {
  runSequentialBatch,
  sendAtomicBatch,
  viemSequentialSteps,
  waitForAtomicBatch,
} from '../../../src/core/batch/execute'
import { chooseBatchPath } from '../../../src/core/batch/path'
import { simulateBatch } from '../../../src/core/batch/simulate'
import type { BatchCall } from '../../../src/core/batch/validate'
import { devChain } from '../../support/devnet/deploy'
import { installAtomicBatches } from '../../support/wallet/atomic'
import { TestWallet } from '../../support/wallet/test-wallet'

const devnet = inject('devnet')
const chain = devChain(devnet.url, devnet.chainId)
const reader = createPublicClient({ chain, transport: http(devnet.url) })
const dusd = devnet.contracts.tokens[0]!
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
  return { wallet, client }
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
    const { wallet, client } = walletFor(18, true)
    const sender = wallet.address
    const recipient = privateKeyToAccount(generatePrivateKey()).address
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
    const id = await sendAtomicBatch(client, { account: sender, chainId: devnet.chainId, calls })
    const outcome = await waitForAtomicBatch(client, id, 30_000, 100)
    expect(outcome.status).toBe('success')
    expect(outcome.statusCode).toBe(200)
    expect(outcome.transactionHashes).toHaveLength(1)
    const receipt = await reader.getTransactionReceipt({ hash: outcome.transactionHashes[0]! })
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
    const { wallet, client } = walletFor(19, true)
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
    const id = await sendAtomicBatch(client, { account: sender, chainId: devnet.chainId, calls })
    const outcome = await waitForAtomicBatch(client, id, 30_000, 100)
    expect(outcome.statusCode).toBe(500)
    expect(outcome.status).toBe('failure')
    const receipt = await reader.getTransactionReceipt({ hash: outcome.transactionHashes[0]! })
    expect(receipt.status).toBe('reverted')
    const fee = receipt.gasUsed * receipt.effectiveGasPrice

    expect(await reader.getBalance({ address: recipient })).toBe(0n)
    expect(await tokenBalance(recipient)).toBe(0n)
    expect(await tokenBalance(sender)).toBe(tokenBefore)
    expect(await reader.getBalance({ address: sender })).toBe(ethBefore - fee)
  })
})

describe('the sequential fallback with a wallet without EIP-5792', () => {
  it('is chosen from the plain wallet, stops at a failing middle step, and resumes from it', async () => {
    const { wallet, client } = walletFor(18, false)
    const sender = wallet.address
    let capabilityError: unknown
    await getCapabilities(client, { account: sender, chainId: devnet.chainId }).catch((e: unknown) => {
      capabilityError = e
    })
    expect(capabilityError).toBeDefined()
    expect(chooseBatchPath(undefined, capabilityError).kind).toBe('sequential')

    const recipient = privateKeyToAccount(generatePrivateKey()).address
    const calls = threeActions(recipient, ping)
    const steps = viemSequentialSteps(client, reader, sender)
    const log: string[] = []
    const runner = {
      ...steps,
      send: async (call: BatchCall, index: number) => {
        wallet.policy = index === 1 && log.every((l) => l !== 'resumed') ? 'reject' : 'approve'
        return await steps.send(call)
      },
      describeError: (e: unknown) => (e instanceof Error ? e.message.split('\n')[0]! : String(e)),
      onStep: (i: number, s: { status: string }) => log.push(`${i}:${s.status}`),
    }
    const first = await runSequentialBatch(calls, 0, runner)
    expect(first).toEqual({ completed: false, failedIndex: 1 })
    expect(log).toEqual(['0:signing', '0:pending', '0:success', '1:signing', '1:failed'])
    expect(await reader.getBalance({ address: recipient })).toBe(parseEther('1.25'))
    expect(await tokenBalance(recipient)).toBe(0n)

    log.push('resumed')
    const second = await runSequentialBatch(calls, first.completed ? 0 : first.failedIndex, runner)
    expect(second).toEqual({ completed: true })
    expect(log.slice(log.indexOf('resumed') + 1)).toEqual([
      '1:signing',
      '1:pending',
      '1:success',
      '2:signing',
      '2:pending',
      '2:success',
    ])
    expect(await reader.getBalance({ address: recipient })).toBe(parseEther('1.25'))
    expect(await tokenBalance(recipient)).toBe(parseUnits('42', 6))
  })
})
