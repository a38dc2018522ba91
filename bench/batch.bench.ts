import { createPublicClient, encodeFunctionData, erc20Abi, http, parseUnits } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import type { BatchCall } from '../src/core/batch/validate'
import { fetchFeePresets } from '../src/core/fees/presets'
import { RecordStore } from '../src/core/tx/records/records'
import { followAtomicBatch, sendAtomicBatch } from '../src/core/tx/send/batchPipeline'
import { type PipelineDeps, sendThroughPipeline } from '../src/core/tx/send/pipeline'
import { storageLeases } from '../src/core/tx/send/tabLocks'
import { installAtomicBatches } from '../test/harness/wallet/atomic'
import { TestWallet } from '../test/harness/wallet/testWallet'
import { memoryStorage } from '../test/support/builders/memoryStorage'
import { devPrivateKey as devPrivateKeyOf } from '../tools/devnet/accounts'
import { devChain } from '../tools/devnet/deploy'
import { startDevnet } from '../tools/devnet/devnet'
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
    ;(globalThis as { localStorage?: unknown }).localStorage = memoryStorage()
    /** The same path the app takes: the test wallet behind the send pipeline. */
    const pipelineFor = (account: number, atomic: boolean): PipelineDeps => {
      const wallet = new TestWallet({
        accounts: [account],
        chains: { [devnet.chainId]: devnet.url },
        chainId: devnet.chainId,
      })
      wallet.connected = true
      if (atomic) installAtomicBatches(wallet, devnet.contracts.batchExecutor)
      return {
        wallet: ({ method, params }) => wallet.handle(method, params ?? []),
        reader,
        store: new RecordStore('bench.batch'),
        locks: storageLeases({ storage: () => globalThis.localStorage, pollMs: 10 }),
        chainHasProtect: false,
        // The test wallet's atomic batches delegate the account to the devnet's BatchExecutor.
        knownDelegates: [devnet.contracts.batchExecutor],
      }
    }
    const atomicGas = async (account: number) => {
      const deps = pipelineFor(account, true)
      const from = privateKeyToAccount(devPrivateKeyOf(account)).address
      const steps = transfers().map((call, i) => ({ call, label: `transfer ${i + 1}` }))
      const result = await sendAtomicBatch(deps, {
        chainId: devnet.chainId,
        from,
        steps,
        consentToPublic: false,
      })
      if (result.kind !== 'sent') throw new Error(`atomic batch not sent: ${result.kind}`)
      const named = await followAtomicBatch(deps.wallet, deps.store, result.record.id, { intervalMs: 50 })
      if (!named?.hash) throw new Error('the wallet never named the atomic transaction')
      const receipt = await reader.waitForTransactionReceipt({ hash: named.hash, pollingInterval: 50 })
      if (receipt.status !== 'success') throw new Error('atomic batch failed')
      return receipt.gasUsed
    }
    const separateGas = async (account: number) => {
      const deps = pipelineFor(account, false)
      const from = privateKeyToAccount(devPrivateKeyOf(account)).address
      let gas = 0n
      for (const call of transfers()) {
        const estimate = await reader.estimateGas({ account: from, ...call })
        const fees = (await fetchFeePresets(reader)).presets.normal
        const result = await sendThroughPipeline(deps, {
          kind: 'call',
          chainId: devnet.chainId,
          from,
          call,
          gas: (estimate * 12n) / 10n,
          fees,
          consentToPublic: false,
        })
        if (result.kind !== 'sent' || !result.record.hash)
          throw new Error(`transfer not sent: ${result.kind}`)
        const receipt = await reader.waitForTransactionReceipt({
          hash: result.record.hash,
          pollingInterval: 50,
        })
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
          'Both paths go through the app’s send pipeline (src/core/tx), with the test wallet behind it.',
        ],
      },
    ]
  } finally {
    await devnet.stop()
  }
}
