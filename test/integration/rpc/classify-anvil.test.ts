import { createPublicClient, createWalletClient, encodeFunctionData, http, parseAbi, parseEther } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, inject, it } from 'vitest'
import { classifyError } from '../../../src/core/errors/classify'
import {
  isNetwork,
  isRevert,
  isTransportFailure,
  isUnsupportedMethod,
} from '../../../src/core/errors/predicates'
import { devAccount, devPrivateKey } from '../../../tools/devnet/accounts'
import { devChain } from '../../../tools/devnet/deploy'

/** Real errors from Anvil through viem, classified. Account 10 only sends transactions that fail. */
const devnet = inject('devnet')
const chain = devChain(devnet.url)
const transport = http(devnet.url, { retryCount: 0 })
const publicClient = createPublicClient({ chain, transport })
const account = privateKeyToAccount(devPrivateKey(10))
const wallet = createWalletClient({ chain, account, transport })
const vaultAbi = parseAbi(['function withdraw(uint256)'])

async function caught(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run()
  } catch (error) {
    return error
  }
  throw new Error('expected a failure')
}

describe('classifier on real Anvil errors', () => {
  it('insufficient funds', async () => {
    const error = await caught(() =>
      wallet.sendTransaction({ to: devAccount(0).address, value: parseEther('100000000') }),
    )
    expect(classifyError(error).category).toBe('insufficient-funds')
  })

  it('nonce too low', async () => {
    const error = await caught(async () => {
      const nonce = await publicClient.getTransactionCount({ address: account.address })
      // A nonce one above the current is queued by Anvil; re-using an old one is "nonce too low".
      if (nonce === 0) await wallet.sendTransaction({ to: account.address, value: 0n, gas: 21_000n })
      await wallet.sendTransaction({ to: account.address, value: 0n, gas: 21_000n, nonce: 0 })
    })
    expect(classifyError(error).category).toBe('nonce')
  })

  it('fee below the base fee', async () => {
    const error = await caught(() =>
      wallet.sendTransaction({
        to: devAccount(0).address,
        value: 1n,
        gas: 21_000n,
        maxFeePerGas: 1n,
        maxPriorityFeePerGas: 1n,
      }),
    )
    expect(classifyError(error).category).toBe('fee-too-low')
  })

  it('a revert keeps its decoded reason, from simulate, call and estimateGas', async () => {
    const address = devnet.contracts.vault
    const data = encodeFunctionData({ abi: vaultAbi, functionName: 'withdraw', args: [5n] })
    const errors = [
      await caught(() =>
        publicClient.simulateContract({
          address,
          abi: vaultAbi,
          functionName: 'withdraw',
          args: [5n],
          account: account.address,
        }),
      ),
      await caught(() => publicClient.call({ to: address, data, account: account.address })),
      await caught(() => publicClient.estimateGas({ to: address, data, account: account.address })),
    ]
    for (const error of errors) {
      const result = classifyError(error)
      expect(result.category).toBe('reverted')
      expect(result.message).toBe('The transaction would revert: DemoVault: insufficient deposit.')
      expect(isRevert(error)).toBe(true)
      expect(isTransportFailure(error)).toBe(false)
    }
  })

  it('an unknown method', async () => {
    const error = await caught(() => publicClient.request({ method: 'eth_notAMethod' } as never))
    const result = classifyError(error, { method: 'eth_notAMethod', endpoint: devnet.url })
    expect(result.category).toBe('unsupported')
    expect(isUnsupportedMethod(error)).toBe(true)
    expect(result.message).not.toContain('http://')
  })

  it('a refused connection is a network error, never a revert', async () => {
    const dead = createPublicClient({
      chain,
      transport: http('http://127.0.0.1:9/key/SECRET', { retryCount: 0 }),
    })
    const error = await caught(() => dead.call({ to: devnet.contracts.vault, data: '0x' }))
    const result = classifyError(error)
    expect(result.category).toBe('network')
    expect(result.message).toBe('Could not reach the RPC provider 127.0.0.1:9.')
    expect(isNetwork(error) && isTransportFailure(error) && !isRevert(error)).toBe(true)
  })
})
