import {
  createClient,
  createWalletClient,
  custom,
  encodeFunctionData,
  http,
  maxUint256,
  parseEther,
  parseUnits,
} from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { sendCalls, waitForCallsStatus } from 'viem/actions'
import { describe, expect, it } from 'vitest'
import { devAccount } from '../../../tools/devnet/accounts'
import { deploy, feeCollector } from '../../../tools/devnet/deploy'
import { rpc } from '../../../tools/devnet/devnet'
import { installAtomicBatches } from '../../harness/wallet/atomic'
import { TestWallet } from '../../harness/wallet/testWallet'
import { approve, type Call, dripAbi, mintAbi, ownProofDevnet, transfer, vaultAbi } from './helpers'

/**
 * The outcome preview (eth_simulateV1 through the read pool) and the outcome check (receipt logs and balances)
 * against real Anvil, for every kind of action. Its own Anvil: one test turns automine off to put several
 * transactions in one block.
 */
const own = ownProofDevnet()

const someone = () => privateKeyToAccount(generatePrivateKey()).address
const dusd = () => own.devnet.contracts.tokens[0]!
const hdt = () => own.devnet.contracts.tokens[1]!

async function previewSendCheck(calls: Call[]) {
  const account = await own.h.freshAccount()
  const prepared = await own.h.prepare(account.address, calls)
  const preview = await own.h.preview(account.address, calls, prepared.maxGasFee)
  const hashes = await own.h.send(account, calls, prepared)
  const check = await own.h.check(account.address, hashes, calls, preview)
  return { account, preview, check, prepared }
}

/** Sends the calls with automine off, then mines them all into one block. */
async function sendInOneBlock(...args: Parameters<typeof own.h.send>) {
  await rpc(own.devnet.url, 'evm_setAutomine', [false])
  try {
    const hashes = await own.h.send(args[0], args[1], args[2], { wait: false })
    await rpc(own.devnet.url, 'evm_mine', [])
    return hashes
  } finally {
    await rpc(own.devnet.url, 'evm_setAutomine', [true])
  }
}

describe('preview and check of single transactions', () => {
  it('an ETH transfer: the sender loses the value (the fee apart), the recipient gets it; as previewed', async () => {
    const bob = someone()
    const { preview, check, prepared } = await previewSendCheck([{ to: bob, value: parseEther('1.25') }])
    expect(preview).toMatchObject({
      method: 'simulated',
      ok: true,
      endpoint: 'endpoint 1',
      maxGasFee: prepared.maxGasFee.toString(),
      sender: [{ asset: 'native', amount: (-parseEther('1.25')).toString() }],
      receives: [{ to: bob, asset: 'native', amount: parseEther('1.25').toString() }],
      approvals: [],
      gaps: [],
    })
    expect(check.verdict).toBe('as-previewed')
    expect(check.differences).toEqual([])
    expect(check.sender).toEqual(preview.sender)
    expect(check.receives).toEqual(preview.receives)
    expect(BigInt(check.fee)).toBeGreaterThan(0n)
    expect(BigInt(check.fee)).toBeLessThanOrEqual(prepared.maxGasFee)
    expect(check.notes).toEqual([])
  })

  it('a token transfer: DUSD out of the sender, into the recipient, named with its symbol; as previewed', async () => {
    const bob = someone()
    const amount = parseUnits('42', 6)
    const { preview, check } = await previewSendCheck([transfer(dusd().address, bob, amount)])
    expect(preview.sender).toEqual([{ asset: dusd().address, amount: (-amount).toString() }])
    expect(preview.receives).toEqual([{ to: bob, asset: dusd().address, amount: amount.toString() }])
    expect(preview.tokens).toEqual([{ address: dusd().address, symbol: 'DUSD', decimals: 6, listed: true }])
    expect(check).toMatchObject({ verdict: 'as-previewed', success: true, differences: [] })
    expect(check.sender).toEqual(preview.sender)
  })

  it('an unlimited and an exact approval: spender and amount, as previewed', async () => {
    const spender = someone()
    for (const amount of [maxUint256, parseUnits('100', 18)]) {
      const { preview, check } = await previewSendCheck([approve(hdt().address, spender, amount)])
      expect(preview.approvals).toEqual([{ token: hdt().address, spender, amount: amount.toString() }])
      expect(preview.sender).toEqual([])
      expect(check.approvals).toEqual(preview.approvals)
      expect(check.verdict).toBe('as-previewed')
    }
  })

  it('a contract call (vault deposit) moves the tokens the simulation said; a failing one shows its reason', async () => {
    const account = await own.h.freshAccount()
    const vault = own.devnet.contracts.vault
    const amount = parseUnits('10', 6)
    const allow = [approve(dusd().address, vault, amount)]
    await own.h.send(account, allow, await own.h.prepare(account.address, allow))
    const deposit: Call[] = [
      {
        to: vault,
        value: 0n,
        data: encodeFunctionData({ abi: vaultAbi, functionName: 'deposit', args: [amount] }),
      },
    ]
    const prepared = await own.h.prepare(account.address, deposit)
    const preview = await own.h.preview(account.address, deposit, prepared.maxGasFee)
    expect(preview.sender).toEqual([{ asset: dusd().address, amount: (-amount).toString() }])
    expect(preview.receives).toEqual([{ to: vault, asset: dusd().address, amount: amount.toString() }])
    const check = await own.h.sendAndCheck(account, deposit, prepared, preview)
    expect(check.verdict).toBe('as-previewed')

    const withdraw: Call[] = [
      {
        to: vault,
        value: 0n,
        data: encodeFunctionData({ abi: vaultAbi, functionName: 'withdraw', args: [10n ** 30n] }),
      },
    ]
    const failing = await own.h.preview(account.address, withdraw)
    expect(failing).toMatchObject({
      ok: false,
      method: 'simulated',
      revert: { step: 0, reason: 'DemoVault: insufficient deposit', alone: false },
    })
  })
})

describe('batches: the whole batch previewed and checked', () => {
  const threeActions = (bob: `0x${string}`, carol: `0x${string}`): Call[] => [
    { to: bob, value: parseEther('0.5') },
    transfer(dusd().address, carol, parseUnits('7', 6)),
    approve(hdt().address, own.devnet.contracts.vault, maxUint256),
  ]

  it('3 actions one by one, all in ONE block: checked together, as previewed', async () => {
    const [bob, carol] = [someone(), someone()]
    const calls = threeActions(bob, carol)
    const account = await own.h.freshAccount()
    const prepared = await own.h.prepare(account.address, calls)
    const preview = await own.h.preview(account.address, calls, prepared.maxGasFee)
    expect(preview).toMatchObject({
      ok: true,
      calls: 3,
      sender: [
        { asset: 'native', amount: (-parseEther('0.5')).toString() },
        { asset: dusd().address, amount: (-parseUnits('7', 6)).toString() },
      ],
      approvals: [
        { token: hdt().address, spender: own.devnet.contracts.vault, amount: maxUint256.toString() },
      ],
    })
    const hashes = await sendInOneBlock(account, calls, prepared)
    const receipts = await Promise.all(hashes.map((hash) => own.h.reader.getTransactionReceipt({ hash })))
    expect(new Set(receipts.map((r) => r.blockNumber)).size).toBe(1)
    const check = await own.h.check(account.address, hashes, calls, preview)
    expect(check).toMatchObject({ verdict: 'as-previewed', differences: [], notes: [] })
    expect(check.hashes).toEqual(hashes)
    expect(BigInt(check.fee)).toBe(receipts.reduce((s, r) => s + r.gasUsed * r.effectiveGasPrice, 0n))
  })

  it('one step checked alone while the other steps share its block: their value and fee are taken out', async () => {
    const bob = someone()
    const calls: Call[] = [
      { to: bob, value: parseEther('0.25') },
      { to: someone(), value: parseEther('3') },
    ]
    const account = await own.h.freshAccount()
    const prepared = await own.h.prepare(account.address, calls)
    const preview = await own.h.preview(
      account.address,
      calls.slice(0, 1),
      prepared.gas[0]! * prepared.fees.maxFeePerGas,
    )
    const hashes = await sendInOneBlock(account, calls, prepared)
    const check = await own.h.check(account.address, hashes.slice(0, 1), calls.slice(0, 1), preview)
    expect(check.sender).toEqual([{ asset: 'native', amount: (-parseEther('0.25')).toString() }])
    expect(check.verdict).toBe('as-previewed')
    expect(check.notes).toEqual([
      `Block ${check.block}: 1 other transaction(s) of yours; their value and fee were taken out of your balance change.`,
    ])
  })

  it('an atomic batch (EIP-7702, one transaction) of 3 actions: as previewed', async () => {
    const [bob, carol] = [someone(), someone()]
    const calls = threeActions(bob, carol)
    const wallet = new TestWallet({
      accounts: [7],
      chains: { [own.devnet.chainId]: own.devnet.url },
      chainId: own.devnet.chainId,
    })
    wallet.connected = true
    installAtomicBatches(wallet, own.devnet.contracts.batchExecutor)
    const client = createClient({
      chain: own.h.chain,
      transport: custom({
        request: ({ method, params }) => wallet.handle(method, (params as unknown[]) ?? []),
      }),
    })
    const preview = await own.h.preview(wallet.address, calls)
    const { id } = await sendCalls(client, { account: wallet.address, calls })
    const status = await waitForCallsStatus(client, { id, pollingInterval: 100, timeout: 30_000 })
    expect(status.status).toBe('success')
    const hashes = status.receipts!.map((r) => r.transactionHash)
    expect(hashes).toHaveLength(1)
    const check = await own.h.check(wallet.address, hashes, calls, preview)
    expect(check.differences).toEqual([])
    expect(check.verdict).toBe('as-previewed')
    expect(check.receives).toEqual(preview.receives)
  })
})

describe('a token that keeps 1% of every transfer', () => {
  const fee = () => own.devnet.contracts.feeToken

  it('the simulated preview already shows the recipient gets 99 of 100; the check confirms it', async () => {
    const bob = someone()
    const calls = [transfer(fee().address, bob, parseEther('100'))]
    const { preview, check } = await previewSendCheck(calls)
    const gap = {
      to: bob,
      asset: fee().address,
      asked: parseEther('100').toString(),
      receives: parseEther('99').toString(),
    }
    expect(preview.gaps).toEqual([gap])
    // In log order: the recipient's Transfer, then the collector's.
    expect(preview.receives).toEqual([
      { to: bob, asset: fee().address, amount: parseEther('99').toString() },
      { to: feeCollector, asset: fee().address, amount: parseEther('1').toString() },
    ])
    expect(preview.tokens).toEqual([{ address: fee().address, symbol: 'FEE', decimals: 18 }])
    expect(check.gaps).toEqual([gap])
    expect(check.verdict).toBe('as-previewed')
  })

  it('after a limited preview (no endpoint simulates), the check shows the difference', async () => {
    const bob = someone()
    const calls = [transfer(fee().address, bob, parseEther('100'))]
    own.h.support.set(own.devnet.chainId, own.devnet.url, 'unsupported')
    let preview: Awaited<ReturnType<typeof own.h.preview>>
    const account = await own.h.freshAccount()
    const prepared = await own.h.prepare(account.address, calls)
    try {
      preview = await own.h.preview(account.address, calls, prepared.maxGasFee)
    } finally {
      own.h.support.clear()
    }
    expect(preview).toMatchObject({
      method: 'limited',
      ok: true,
      receives: [{ to: bob, asset: fee().address, amount: parseEther('100').toString() }],
      gaps: [],
    })
    const check = await own.h.sendAndCheck(account, calls, prepared, preview)
    expect(check.verdict).toBe('differs')
    expect(check.differences).toEqual(
      expect.arrayContaining([
        {
          kind: 'receives',
          asset: fee().address,
          who: bob,
          previewed: parseEther('100').toString(),
          actual: parseEther('99').toString(),
        },
        { kind: 'receives', asset: fee().address, who: feeCollector, actual: parseEther('1').toString() },
      ]),
    )
    expect(check.differences).toHaveLength(2)
  })
})

describe('a balance that changes between the preview and inclusion', () => {
  it('a payout drained by someone else first: the check shows exactly what differs', async () => {
    const deployer = createWalletClient({
      chain: own.h.chain,
      transport: http(own.devnet.url),
      account: devAccount(0),
    })
    const drip = await deploy(deployer, own.h.reader as never, 'DemoDrip', [dusd().address])
    const five = parseUnits('5', 6)
    await own.h.reader.waitForTransactionReceipt({
      hash: await deployer.writeContract({
        address: dusd().address,
        abi: mintAbi,
        functionName: 'mint',
        args: [drip, five],
      }),
      pollingInterval: 50,
    })
    const claim: Call[] = [
      {
        to: drip,
        value: 0n,
        data: encodeFunctionData({ abi: dripAbi, functionName: 'claim', args: [five] }),
      },
    ]
    const account = await own.h.freshAccount()
    const prepared = await own.h.prepare(account.address, claim)
    const preview = await own.h.preview(account.address, claim, prepared.maxGasFee)
    expect(preview.sender).toEqual([{ asset: dusd().address, amount: five.toString() }])

    const other = await own.h.freshAccount()
    const first: Call[] = [
      {
        to: drip,
        value: 0n,
        data: encodeFunctionData({ abi: dripAbi, functionName: 'claim', args: [parseUnits('3', 6)] }),
      },
    ]
    await own.h.send(other, first, await own.h.prepare(other.address, first))

    const check = await own.h.sendAndCheck(account, claim, prepared, preview)
    expect(check.verdict).toBe('differs')
    expect(check.differences).toEqual([
      {
        kind: 'sender',
        asset: dusd().address,
        previewed: five.toString(),
        actual: parseUnits('2', 6).toString(),
      },
    ])
  })
})
