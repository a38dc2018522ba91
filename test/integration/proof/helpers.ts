import {
  type Address,
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  erc20Abi,
  type Hex,
  http,
  parseAbi,
  parseEther,
} from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll } from 'vitest'
import { checkOutcome } from '../../../src/core/proof/check'
import type { Preview, TokenInfo } from '../../../src/core/proof/outcome'
import { previewOutcome } from '../../../src/core/proof/preview'
import { createSimulationSupportMemory } from '../../../src/core/proof/simulationSupport'
import { createEndpointPool, type EndpointPool } from '../../../src/core/rpc/pool'
import { devChain } from '../../../tools/devnet/deploy'
import { type Devnet, rpc, startDevnet } from '../../../tools/devnet/devnet'
import { localEndpoint } from '../../support/builders/readPool'

export type Call = { to: Address; value: bigint; data?: Hex }

export const mintAbi = parseAbi(['function mint(address to, uint256 value)'])
export const vaultAbi = parseAbi([
  'function deposit(uint256 amount)',
  'function withdraw(uint256 amount)',
  'function ping()',
])
export const dripAbi = parseAbi(['function claim(uint256 amount)'])

export const transfer = (token: Address, to: Address, amount: bigint): Call => ({
  to: token,
  value: 0n,
  data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, amount] }),
})
export const approve = (token: Address, spender: Address, amount: bigint): Call => ({
  to: token,
  value: 0n,
  data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [spender, amount] }),
})

/** Preview → send (local key, the exact calls, one transaction each) → check, all through a real pool. */
export function proofHarness(
  devnet: Pick<Devnet, 'url' | 'chainId' | 'contracts'>,
  urls: string[] = [devnet.url],
) {
  const chain = devChain(devnet.url, devnet.chainId)
  const reader = createPublicClient({ chain, transport: http(devnet.url) })
  const pool: EndpointPool = createEndpointPool({
    chainId: devnet.chainId,
    endpoints: urls.map((u, i) => localEndpoint(u, u, { name: `endpoint ${i + 1}`, batch: true })),
  })
  const support = createSimulationSupportMemory()
  const known: TokenInfo[] = devnet.contracts.tokens.map((t) => ({
    address: t.address,
    symbol: t.symbol,
    decimals: t.decimals,
  }))

  /** A fresh account with 100 ETH, 1,000 DUSD (6 decimals) and 1,000 FEE. */
  async function freshAccount() {
    const account = privateKeyToAccount(generatePrivateKey())
    await rpc(devnet.url, 'anvil_setBalance', [account.address, `0x${parseEther('100').toString(16)}`])
    const funder = createWalletClient({ chain, transport: http(devnet.url), account: account })
    for (const token of [devnet.contracts.tokens[0]!.address, devnet.contracts.feeToken.address]) {
      const hash = await funder.writeContract({
        address: token,
        abi: mintAbi,
        functionName: 'mint',
        args: [account.address, token === devnet.contracts.feeToken.address ? parseEther('1000') : 10n ** 9n],
      })
      await reader.waitForTransactionReceipt({ hash, pollingInterval: 50 })
    }
    return account
  }

  /** Gas and fees fixed before the preview, as the review does, so the preview's maximum is the real one. */
  async function prepare(from: Address, calls: readonly Call[]) {
    const fees = await reader.estimateFeesPerGas()
    const gas = await Promise.all(calls.map((c) => reader.estimateGas({ account: from, ...c })))
    const maxGasFee = gas.reduce((s, g) => s + g * fees.maxFeePerGas, 0n)
    return { fees, gas, maxGasFee }
  }

  async function preview(from: Address, calls: readonly Call[], maxGasFee?: bigint) {
    return await previewOutcome({ pool, support }, { account: from, calls, maxGasFee, knownTokens: known })
  }

  async function send(
    account: ReturnType<typeof privateKeyToAccount>,
    calls: readonly Call[],
    prepared: Awaited<ReturnType<typeof prepare>>,
    options: { wait?: boolean } = {},
  ): Promise<Hex[]> {
    const wallet = createWalletClient({ chain, transport: http(devnet.url), account })
    const hashes: Hex[] = []
    for (const [i, c] of calls.entries()) {
      hashes.push(
        await wallet.sendTransaction({
          ...c,
          gas: prepared.gas[i]!,
          maxFeePerGas: prepared.fees.maxFeePerGas,
          maxPriorityFeePerGas: prepared.fees.maxPriorityFeePerGas,
        }),
      )
    }
    if (options.wait !== false)
      for (const hash of hashes) await reader.waitForTransactionReceipt({ hash, pollingInterval: 50 })
    return hashes
  }

  async function check(from: Address, hashes: readonly Hex[], calls: readonly Call[], p?: Preview) {
    const { value } = await pool.withEndpoint((s) =>
      checkOutcome(s.client, { account: from, hashes, calls, preview: p, knownTokens: known }),
    )
    return value
  }

  /** Sends the calls as prepared, waits for them, and checks them against the preview. */
  async function sendAndCheck(
    account: ReturnType<typeof privateKeyToAccount>,
    calls: readonly Call[],
    prepared: Awaited<ReturnType<typeof prepare>>,
    p: Preview,
  ) {
    return await check(account.address, await send(account, calls, prepared), calls, p)
  }

  return { chain, reader, pool, support, known, freshAccount, prepare, preview, send, check, sendAndCheck }
}

/**
 * A test file's own devnet (a test may turn automine off or place code) and a proof harness over it, its pool
 * started: ready in the file's hooks and tests, stopped after them.
 */
export function ownProofDevnet() {
  const own = {} as { devnet: Devnet; h: ReturnType<typeof proofHarness> }
  beforeAll(async () => {
    own.devnet = await startDevnet()
    own.h = proofHarness(own.devnet)
    await own.h.pool.start()
  })
  afterAll(async () => {
    own.h?.pool.stop()
    await own.devnet?.stop()
  })
  return own
}
