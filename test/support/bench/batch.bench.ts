import {
  createPublicClient,
  createWalletClient,
  custom,
  encodeFunctionData,
  erc20Abi,
  http,
  parseUnits,
} from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { sendAtomicBatch, viemSequentialSteps, waitForAtomicBatch } from '../../../src/core/batch/execute'
import type { BatchCall } from '../../../src/core/batch/validate'
import { devChain } from '../devnet/deploy'
import { startDevnet } from '../devnet/devnet'
import { installAtomicBatches } from '../wallet/atomic'
import { TestWallet } from '../wallet/test-wallet'
import type { BenchTable } from './table'

/** Gas used by five DUSD transfers: one atomic EIP-7702 batch vs five separate transactions, from receipts. */
export async function run(): Promise<BenchTable[]> {
  const devnet = await startDevnet()
  try {
    const chain = devChain(devnet.url, devnet.chainId)
    const reader = createPublicClient({ chain, transport: http(devnet.url) })
    const dusd = devnet.contracts.tokens[0]!
    const transfers = (): BatchCall[] =>
      Array.from({ length: 5 }, () => ({
        to: dusd.address,
        value: 0n,
        data: encodeFunctionData({
          abi: erc20Abi,
          functionName: 'transfer',
          args: [privateKeyToAccount(generatePrivateKey()).address, parseUnits('1', 6)],
        }),
      }))
    const walletFor = (account: number, atomic: boolean) => {
      const wallet = new TestWallet({
        accounts: [account],
        chains: { [devnet.chainId]: devnet.url },
        chainId: devnet.chainId,
      })
      wallet.connected = true
      if (atomic) installAtomicBatches(wallet, devnet.contracts.batchExecutor)
      const client = createWalletClient({
        chain,
        transport: custom({
          request: ({ method, params }) => wallet.handle(method, (params as unknown[]) ?? []),
        }),
      })
      return { wallet, client }
    }
    const atomicGas = async (account: number) => {
      const { wallet, client } = walletFor(account, true)
      const id = await sendAtomicBatch(client, {
        account: wallet.address,
        chainId: devnet.chainId,
        calls: transfers(),
      })
      const outcome = await waitForAtomicBatch(client, id, 30_000, 50)
      if (outcome.status !== 'success') throw new Error('atomic batch failed')
      let gas = 0n
      for (const hash of outcome.transactionHashes)
        gas += (await reader.getTransactionReceipt({ hash })).gasUsed
      return gas
    }
    const separateGas = async (account: number) => {
      const { wallet, client } = walletFor(account, false)
      const steps = viemSequentialSteps(client, reader, wallet.address)
      let gas = 0n
      for (const call of transfers()) {
        const hash = await steps.send(call)
        const receipt = await reader.waitForTransactionReceipt({ hash, pollingInterval: 50 })
        if (receipt.status !== 'success') throw new Error('transfer failed')
        gas += receipt.gasUsed
      }
      return gas
    }
    // Recipients are fresh each time (the first transfer to an empty balance costs the same in both paths).
    const firstAtomic = await atomicGas(18) // includes the one-off EIP-7702 authorization
    const laterAtomic = await atomicGas(18) // already delegated: no authorization
    const separate = await separateGas(19)
    const row = (label: string, gas: bigint) => [
      label,
      gas.toString(),
      `${gas - separate >= 0n ? '+' : ''}${(gas - separate).toString()}`,
      `${((Number(gas) / Number(separate)) * 100).toFixed(1)} %`,
    ]
    return [
      {
        title:
          'Gas: 5 DUSD transfers, atomic batch vs 5 separate transactions (Anvil, prague, from receipts)',
        columns: ['path', 'gas used', 'vs separate', 'relative'],
        rows: [
          ['5 separate transfers', separate.toString(), '0', '100.0 %'],
          row('atomic batch, first (with 7702 authorization)', firstAtomic),
          row('atomic batch, already delegated', laterAtomic),
        ],
        notes: [
          'Atomic = one type-4 transaction from the account to itself calling BatchExecutor.execute (test wallet, like MetaMask).',
        ],
      },
    ]
  } finally {
    await devnet.stop()
  }
}
