import { encodeFunctionData, type Hex, parseAbi, parseEther } from 'viem'
import { beforeAll, describe, expect, it } from 'vitest'
import { devAccount } from '../../../tools/devnet/accounts'
import { hugeNonce } from '../../../tools/protect/behaviour'
import { standInControl } from '../../../tools/protect/control'
import { ownDevnetAndStandIn } from '../../support/builders/ownStack'
import { nodeClient, rpcAt, signStuckTransfer, signTransfer, statusOf } from './helpers'

// Its own automining devnet: these tests hold mining and mine blocks at will without touching other files.
const own = ownDevnetAndStandIn()
let client: ReturnType<typeof nodeClient>
const recipient = devAccount(2).address
const vaultAbi = parseAbi(['function withdraw(uint256)', 'function ping()'])

beforeAll(async () => {
  client = nodeClient(own.devnet.url)
})

const mine = async (blocks: number) => {
  for (let i = 0; i < blocks; i++) await rpcAt(own.devnet.url, 'evm_mine')
}
const send = async (raw: Hex, url = own.standIn.rpcUrl) => await rpcAt(url, 'eth_sendRawTransaction', [raw])
const status = (hash: Hex) => statusOf(own.standIn.statusUrl, hash)
const simErrorOf = async (hash: Hex) => (await status(hash)).simError
const receiptOf = (hash: Hex) => client.getTransactionReceipt({ hash }).catch(() => null)
/** The stand-in works block by block; under a loaded run a block's work can take a few seconds. */
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 10_000, interval: 50 })

describe('stand-in mode: the huge nonce after FAILED (rpc-endpoint MetaMask fix)', () => {
  it('answers 1,000,000,001 four times once a FAILED transaction’s receipt was asked for', async () => {
    const who = devAccount(3).address
    own.standIn.setBehaviour(who, { blockWindow: 2, hugeNonceAnswers: 4 })
    const stuck = await signStuckTransfer(own.devnet.url, 3, recipient, 1n)
    expect((await send(stuck.raw)).result).toBe(stuck.hash)
    await mine(3)
    await eventually(async () => (await status(stuck.hash)).status).toBe('FAILED')
    const count = async () =>
      Number((await rpcAt(own.standIn.rpcUrl, 'eth_getTransactionCount', [who, 'latest'])).result)
    // Not armed until a wallet polls the receipt, as the server does it.
    expect(await count()).toBe(stuck.nonce)
    expect((await rpcAt(own.standIn.rpcUrl, 'eth_getTransactionReceipt', [stuck.hash])).result).toBeNull()
    const answers = [await count(), await count(), await count(), await count(), await count()]
    expect(answers).toEqual([hugeNonce, hugeNonce, hugeNonce, hugeNonce, stuck.nonce])
    expect(own.standIn.stats(who).hugeNonceAnswered).toBe(4)
    // Anvil itself never says so.
    expect(await client.getTransactionCount({ address: who })).toBe(stuck.nonce)
  })

  it('leaves other senders alone (control)', async () => {
    const who = devAccount(4).address
    const stuck = await signStuckTransfer(own.devnet.url, 4, recipient, 1n)
    own.standIn.setBehaviour(who, { blockWindow: 1 })
    await send(stuck.raw)
    await mine(2)
    await eventually(async () => (await status(stuck.hash)).status).toBe('FAILED')
    await rpcAt(own.standIn.rpcUrl, 'eth_getTransactionReceipt', [stuck.hash])
    expect(Number((await rpcAt(own.standIn.rpcUrl, 'eth_getTransactionCount', [who, 'latest'])).result)).toBe(
      stuck.nonce,
    )
  })
})

describe('stand-in mode: FAILED, then included later (rpc-endpoint #95)', () => {
  it('holds a valid transaction for the window, reports FAILED, then includes it; the API keeps FAILED', async () => {
    own.standIn.setBehaviour(devAccount(5).address, { blockWindow: 2, includeAfterFailedBlocks: 2 })
    const tx = await signTransfer(own.devnet.url, 5, { to: recipient, value: 7n })
    await send(tx.raw)
    await mine(1)
    expect((await status(tx.hash)).status).toBe('PENDING')
    expect(await receiptOf(tx.hash)).toBeNull()
    await mine(2)
    await eventually(async () => (await status(tx.hash)).status).toBe('FAILED')
    expect(await receiptOf(tx.hash)).toBeNull()
    await mine(2)
    await eventually(async () => (await receiptOf(tx.hash))?.status).toBe('success')
    expect((await status(tx.hash)).status).toBe('FAILED')
  })
})

describe('stand-in: each simError from a real cause', () => {
  it('MaxFeePerGasTooLow: max fee below the base fee', async () => {
    const tx = await signStuckTransfer(own.devnet.url, 6, recipient, 1n)
    await send(tx.raw)
    await eventually(() => simErrorOf(tx.hash)).toBe('SimErrorMaxFeePerGasTooLow')
  })

  it('InsufficientFunds: value plus gas above the balance', async () => {
    const tx = await signTransfer(own.devnet.url, 7, { to: recipient, value: parseEther('100000000') })
    await send(tx.raw)
    await eventually(() => simErrorOf(tx.hash)).toBe('SimErrorInsufficientFunds')
  })

  it('NonceTooHigh: the nonce below it is still missing', async () => {
    const first = await signStuckTransfer(own.devnet.url, 8, recipient, 1n)
    const second = await signTransfer(own.devnet.url, 8, { to: recipient, value: 1n, nonce: first.nonce + 1 })
    await send(first.raw)
    expect((await send(second.raw)).result).toBe(second.hash)
    await eventually(() => simErrorOf(second.hash)).toBe('SimErrorNonceTooHigh')
    expect(await receiptOf(second.hash)).toBeNull()
  })

  it('NonceTooLow: a same-nonce replacement went in first', async () => {
    own.standIn.setBehaviour(devAccount(9).address, { inclusionDelayBlocks: 1 })
    const slow = await signTransfer(own.devnet.url, 9, { to: recipient, value: 1n })
    const fast = await signTransfer(own.devnet.url, 9, {
      to: recipient,
      value: 2n,
      nonce: slow.nonce,
      maxPriorityFeePerGas: parseEther('0.000000002'),
    })
    await send(slow.raw)
    await send(fast.raw)
    await mine(1)
    await eventually(async () => (await receiptOf(fast.hash))?.status).toBe('success')
    await eventually(() => simErrorOf(slow.hash)).toBe('SimErrorNonceTooLow')
  })

  it('ExecutionReverted with the decoded reason; canRevert=true includes it anyway', async () => {
    const data = encodeFunctionData({ abi: vaultAbi, functionName: 'withdraw', args: [5n] })
    const to = own.devnet.contracts.vault
    const tx = await signTransfer(own.devnet.url, 10, { to, value: 0n, data, gas: 100_000n })
    await send(tx.raw)
    await eventually(() => simErrorOf(tx.hash)).toBe('SimErrorExecutionReverted')
    expect((await status(tx.hash)).revertReason).toBe('DemoVault: insufficient deposit')
    expect(await receiptOf(tx.hash)).toBeNull()

    const allowed = await signTransfer(own.devnet.url, 11, { to, value: 0n, data, gas: 100_000n })
    await send(allowed.raw, `${own.standIn.rpcUrl}?canRevert=true`)
    await eventually(async () => (await receiptOf(allowed.hash))?.status).toBe('reverted')
  })

  it('OutOfGas: a gas limit below what the call needs', async () => {
    const data = encodeFunctionData({ abi: vaultAbi, functionName: 'ping' })
    const tx = await signTransfer(own.devnet.url, 12, {
      to: own.devnet.contracts.vault,
      value: 0n,
      data,
      gas: 22_000n,
    })
    await send(tx.raw)
    await eventually(() => simErrorOf(tx.hash)).toBe('SimErrorOutOfGas')
  })

  it('InvalidChainId: signed for another chain', async () => {
    const tx = await signTransfer(own.devnet.url, 13, { to: recipient, value: 1n, chainId: 1 })
    expect((await send(tx.raw)).result).toBe(tx.hash)
    await eventually(() => simErrorOf(tx.hash)).toBe('SimErrorInvalidChainId')
  })

  it('a forced simError holds a valid transaction until the window ends, then FAILED with it', async () => {
    own.standIn.setBehaviour(devAccount(14).address, { forceSimError: 'InvalidChainId', blockWindow: 2 })
    const tx = await signTransfer(own.devnet.url, 14, { to: recipient, value: 1n })
    await send(tx.raw)
    await eventually(() => simErrorOf(tx.hash)).toBe('SimErrorInvalidChainId')
    await mine(3)
    await eventually(async () => (await status(tx.hash)).status).toBe('FAILED')
    expect((await status(tx.hash)).simError).toBe('SimErrorInvalidChainId')
    expect(await receiptOf(tx.hash)).toBeNull()
  })
})

describe('stand-in mode: read limits', () => {
  it('answers limited reads with HTTP 429 and -32005 past the limit; other methods and senders pass', async () => {
    const who = devAccount(15).address
    own.standIn.setBehaviour(who, { readLimit: 2 })
    const balance = () =>
      fetch(own.standIn.rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'eth_getBalance', params: [who, 'latest'] }),
      })
    expect((await balance()).status).toBe(200)
    expect((await balance()).status).toBe(200)
    const limited = await balance()
    expect(limited.status).toBe(429)
    expect(await limited.json()).toEqual({
      jsonrpc: '2.0',
      id: 7,
      error: { code: -32005, message: 'rate limit exceeded' },
    })
    const sent = await signTransfer(own.devnet.url, 15, { to: recipient, value: 1n })
    await send(sent.raw)
    expect((await rpcAt(own.standIn.rpcUrl, 'eth_getTransactionReceipt', [sent.hash])).error?.code).toBe(
      -32005,
    )
    expect(
      (await rpcAt(own.standIn.rpcUrl, 'eth_getTransactionCount', [who, 'latest'])).error,
    ).toBeUndefined()
    expect((await rpcAt(own.standIn.rpcUrl, 'eth_blockNumber')).error).toBeUndefined()
    expect((await rpcAt(own.standIn.rpcUrl, 'eth_getBalance', [recipient, 'latest'])).error).toBeUndefined()
    expect(own.standIn.stats(who).rateLimited).toBe(2)
  })

  it('per URL path key: every limited method, including one with no address, behind /k/<key>/', async () => {
    own.standIn.setBehaviour('limited-ip', { readLimit: 0 })
    const url = `${own.standIn.rpcUrl}k/limited-ip/fast?originId=x`
    const byIndex = await rpcAt(url, 'eth_getTransactionByBlockNumberAndIndex', ['latest', '0x0'])
    expect(byIndex.error?.code).toBe(-32005)
    // isFlashRPC() is answered by the server itself, never limited.
    const probe = await rpcAt(url, 'eth_call', [
      { to: '0xf1a54b0759b58661cea17cff19dd37940a9b5f1a', data: '0xb9dc7766' },
      'latest',
    ])
    expect(probe.result).toBe(`0x${'0'.repeat(63)}1`)
    expect((await rpcAt(url, 'eth_chainId')).result).toBe('0x7a69')
  })
})

describe('stand-in mode: slow inclusion', () => {
  it('includes a valid transaction only N blocks after it arrived', async () => {
    own.standIn.setBehaviour(devAccount(16).address, { inclusionDelayBlocks: 4 })
    const tx = await signTransfer(own.devnet.url, 16, { to: recipient, value: 3n })
    const before = await client.getBlockNumber({ cacheTime: 0 })
    await send(tx.raw)
    await mine(1)
    await new Promise((r) => setTimeout(r, 300))
    expect(await receiptOf(tx.hash)).toBeNull()
    expect(await status(tx.hash)).toMatchObject({ status: 'PENDING', simError: '' })
    await mine(3)
    await eventually(async () => (await receiptOf(tx.hash))?.status).toBe('success')
    expect((await receiptOf(tx.hash))?.blockNumber).toBeGreaterThan(before + 4n)
    await eventually(async () => (await status(tx.hash)).status).toBe('INCLUDED')
  })
})

describe('stand-in mode: a status API without CORS headers', () => {
  it('answers that sender’s transactions without access-control headers; others keep them', async () => {
    own.standIn.setBehaviour(devAccount(17).address, { statusWithoutCors: true })
    const hidden = await signTransfer(own.devnet.url, 17, { to: recipient, value: 1n })
    const open = await signTransfer(own.devnet.url, 18, { to: recipient, value: 1n })
    await send(hidden.raw)
    await send(open.raw)
    const a = await fetch(`${own.standIn.statusUrl}${hidden.hash}`, {
      headers: { origin: 'http://127.0.0.1:1' },
    })
    const b = await fetch(`${own.standIn.statusUrl}${open.hash}`, {
      headers: { origin: 'http://127.0.0.1:1' },
    })
    expect(a.status).toBe(200)
    expect(a.headers.get('access-control-allow-origin')).toBeNull()
    expect(b.headers.get('access-control-allow-origin')).toBe('*')
  })
})

describe('stand-in mode: also in the public pool (a leaking relay)', () => {
  it('puts the transaction into Anvil’s pool while the status API says PENDING and private', async () => {
    own.standIn.setBehaviour(devAccount(19).address, { alsoPublic: true })
    await own.standIn.holdMining(true)
    try {
      const tx = await signTransfer(own.devnet.url, 19, { to: recipient, value: 4n })
      await send(tx.raw)
      const seen = (await rpcAt(own.devnet.url, 'eth_getTransactionByHash', [tx.hash])).result as {
        blockNumber: Hex | null
      } | null
      expect(seen?.blockNumber).toBeNull()
      expect(await status(tx.hash)).toMatchObject({ status: 'PENDING', seenInMempool: false })
      await own.standIn.holdMining(false)
      await eventually(async () => (await receiptOf(tx.hash))?.status).toBe('success')
      await mine(1)
      await eventually(async () => (await status(tx.hash)).status).toBe('INCLUDED')
      expect((await status(tx.hash)).seenInMempool).toBe(false)
    } finally {
      await own.standIn.holdMining(false)
    }
  })
})

describe('stand-in: cancellations as rpc-endpoint handles them', () => {
  it('a cancel with no private original goes to the public mempool and is mined', async () => {
    const who = devAccount(20).address
    const nonce = await client.getTransactionCount({ address: who })
    const cancel = await signTransfer(own.devnet.url, 20, { to: who, value: 0n, nonce })
    expect((await send(cancel.raw)).result).toBe(cancel.hash)
    await eventually(async () => (await receiptOf(cancel.hash))?.status).toBe('success')
    expect((await status(cancel.hash)).status).toBe('UNKNOWN')
  })

  it('fast mode: the original is CANCELLED and the cancel also goes to the mempool; after FAILED, "already expired"', async () => {
    const who = devAccount(21).address
    const stuck = await signStuckTransfer(own.devnet.url, 21, recipient, 1n)
    await send(stuck.raw, `${own.standIn.rpcUrl}fast`)
    const cancel = await signTransfer(own.devnet.url, 21, { to: who, value: 0n, nonce: stuck.nonce })
    expect((await send(cancel.raw, `${own.standIn.rpcUrl}fast`)).result).toBe(cancel.hash)
    expect((await status(stuck.hash)).status).toBe('CANCELLED')
    await eventually(async () => (await receiptOf(cancel.hash))?.status).toBe('success')

    own.standIn.setBehaviour(devAccount(22).address, { blockWindow: 1 })
    const failed = await signStuckTransfer(own.devnet.url, 22, recipient, 1n)
    await send(failed.raw)
    await mine(2)
    await eventually(async () => (await status(failed.hash)).status).toBe('FAILED')
    const late = await signTransfer(own.devnet.url, 22, {
      to: devAccount(22).address,
      value: 0n,
      nonce: failed.nonce,
    })
    expect((await send(late.raw)).error?.message).toBe('already expired')
  })
})

describe('stand-in control over HTTP (for e2e workers)', () => {
  it('sets a behaviour, reads stats and refuses a bad request', async () => {
    const control = standInControl(own.standIn.rpcUrl)
    const who = devAccount(23).address
    await control.setBehaviour(who, { readLimit: 0 })
    expect((await rpcAt(own.standIn.rpcUrl, 'eth_getBalance', [who, 'latest'])).error?.code).toBe(-32005)
    expect(await control.stats(who)).toMatchObject({ rateLimited: 1 })
    await control.setBehaviour(who, null)
    expect((await rpcAt(own.standIn.rpcUrl, 'eth_getBalance', [who, 'latest'])).error).toBeUndefined()
    await expect(control.setBehaviour(who, { readLimit: -1 })).rejects.toThrow(/stand-in control/)
    await expect(control.setBehaviour(who, { bogus: true } as never)).rejects.toThrow(/stand-in control/)
  })
})
