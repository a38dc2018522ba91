import { type Hex, parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { detectProtection } from '../../../src/core/protect/detect'
import { fetchProtectStatus } from '../../../src/core/protect/status'
import { devAccount } from '../../../tools/devnet/accounts'
import { startMempoolWatcher } from '../../../tools/protect/mempoolWatcher'
import { type ProtectStandIn, startProtectStandIn } from '../../../tools/protect/standin'
import { nodeClient, rpcAt, signStuckTransfer, signTransfer, statusOf } from './helpers'

// Accounts 14 (private sends) and 15 (public sends), per the repository's account ranges.
const devnet = inject('devnet')
const client = nodeClient(devnet.url)
const recipient = devAccount(2).address
const blockWindow = 3
let standIn: ProtectStandIn

beforeAll(async () => {
  standIn = await startProtectStandIn({ upstreamUrl: devnet.url, chainId: devnet.chainId, blockWindow })
})
afterAll(async () => {
  await standIn.stop()
})

const requestVia = (url: string) => async (args: { method: string; params?: unknown[] }) => {
  const body = await rpcAt(url, args.method, args.params)
  if (body.error) throw Object.assign(new Error(body.error.message), body.error)
  return body.result
}

describe('the Protect stand-in on the automining devnet', () => {
  it('answers isFlashRPC() with true; Anvil itself does not', async () => {
    expect(await detectProtection(requestVia(standIn.rpcUrl))).toBe('protected')
    expect(await detectProtection(requestVia(`${standIn.rpcUrl}fast?hint=hash&originId=x`))).toBe('protected')
    expect(await detectProtection(requestVia(devnet.url))).toBe('not-protected')
  })

  it('includes a private transaction in a following block without Anvil ever showing it pending', async () => {
    const watcher = await startMempoolWatcher(devnet)
    try {
      // Control: a public transaction is seen by the subscription, so the watcher works.
      const control = await signTransfer(devnet.url, 15, { to: recipient, value: 1n })
      watcher.track(control.hash)
      expect((await rpcAt(devnet.url, 'eth_sendRawTransaction', [control.raw])).result).toBe(control.hash)
      await client.waitForTransactionReceipt({ hash: control.hash })
      await expect.poll(() => watcher.sightings(control.hash).subscription).toBe(true)

      const before = await client.getBalance({ address: recipient })
      const head = await client.getBlockNumber()
      const priv = await signTransfer(devnet.url, 14, { to: recipient, value: parseEther('0.25') })
      watcher.track(priv.hash)
      const pollsBefore = watcher.polls()
      const sent = await rpcAt(`${standIn.rpcUrl}fast?originId=hush-test`, 'eth_sendRawTransaction', [
        priv.raw,
      ])
      expect(sent.result).toBe(priv.hash)
      const receipt = await client.waitForTransactionReceipt({ hash: priv.hash, pollingInterval: 50 })
      expect(receipt.status).toBe('success')
      expect(receipt.blockNumber).toBeGreaterThan(head)
      expect(await client.getBalance({ address: recipient })).toBe(before + parseEther('0.25'))
      // Let every watcher run a few more rounds after inclusion before judging.
      await expect.poll(() => watcher.polls()).toBeGreaterThan(pollsBefore + 5)
      await new Promise((r) => setTimeout(r, 300))
      expect(watcher.sightings(priv.hash)).toEqual({
        subscription: false,
        txpool: false,
        pendingByHash: false,
      })
      expect(standIn.received()).toContain(priv.hash)

      await expect.poll(async () => (await statusOf(standIn.statusUrl, priv.hash)).status).toBe('INCLUDED')
      const status = await statusOf(standIn.statusUrl, priv.hash)
      expect(status).toMatchObject({ hash: priv.hash, fastMode: true, seenInMempool: false, simError: '' })
      expect(status.transaction.from?.toLowerCase()).toBe(devAccount(14).address.toLowerCase())
      expect(status.transaction.value).toBe(parseEther('0.25').toString())
      // The app's own client parses the stand-in's answer.
      expect(await fetchProtectStatus(standIn.statusUrl, priv.hash)).toMatchObject({
        kind: 'ok',
        status: { status: 'INCLUDED' },
      })
    } finally {
      await watcher.stop()
    }
  })

  it('keeps a transaction PENDING (with simError) until the block window ends, then FAILED', async () => {
    const stuck = await signStuckTransfer(devnet.url, 14, recipient, 1n)
    expect((await rpcAt(standIn.rpcUrl, 'eth_sendRawTransaction', [stuck.raw])).result).toBe(stuck.hash)
    await expect
      .poll(async () => (await statusOf(standIn.statusUrl, stuck.hash)).simError)
      .toBe('SimErrorMaxFeePerGasTooLow')
    const pending = await statusOf(standIn.statusUrl, stuck.hash)
    expect(pending.status).toBe('PENDING')
    expect(pending.transaction.from).toBe('')
    const head = Number(await client.getBlockNumber())
    expect(pending.maxBlockNumber).toBe(head + blockWindow)
    for (let i = 0; i <= blockWindow; i++) await rpcAt(devnet.url, 'evm_mine')
    await expect.poll(async () => (await statusOf(standIn.statusUrl, stuck.hash)).status).toBe('FAILED')
    expect(await client.getTransaction({ hash: stuck.hash }).catch(() => null)).toBeNull()
    expect(await client.getTransactionCount({ address: devAccount(14).address })).toBe(stuck.nonce)
  })

  it('cancels a pending transaction with a same-nonce zero-value self-transfer: CANCELLED, never included', async () => {
    const stuck = await signStuckTransfer(devnet.url, 14, recipient, 5n)
    await rpcAt(standIn.rpcUrl, 'eth_sendRawTransaction', [stuck.raw])
    await expect.poll(async () => (await statusOf(standIn.statusUrl, stuck.hash)).status).toBe('PENDING')
    const cancel = await signTransfer(devnet.url, 14, {
      to: devAccount(14).address,
      value: 0n,
      nonce: stuck.nonce,
    })
    expect((await rpcAt(standIn.rpcUrl, 'eth_sendRawTransaction', [cancel.raw])).result).toBe(cancel.hash)
    expect((await statusOf(standIn.statusUrl, stuck.hash)).status).toBe('CANCELLED')
    // A second cancellation is refused like the relay does.
    const again = await signTransfer(devnet.url, 14, {
      to: devAccount(14).address,
      value: 0n,
      nonce: stuck.nonce,
      maxPriorityFeePerGas: 2n,
    })
    expect((await rpcAt(standIn.rpcUrl, 'eth_sendRawTransaction', [again.raw])).error?.message).toBe(
      'already cancelled',
    )
    for (let i = 0; i <= blockWindow; i++) await rpcAt(devnet.url, 'evm_mine')
    await new Promise((r) => setTimeout(r, 500))
    expect((await statusOf(standIn.statusUrl, stuck.hash)).status).toBe('CANCELLED')
    expect(await client.getTransaction({ hash: stuck.hash }).catch(() => null)).toBeNull()
    expect(await client.getTransaction({ hash: cancel.hash }).catch(() => null)).toBeNull()
    expect(await client.getTransactionCount({ address: devAccount(14).address })).toBe(stuck.nonce)
  })

  it('reports UNKNOWN for a transaction sent publicly, straight to Anvil', async () => {
    const open = await signTransfer(devnet.url, 15, { to: recipient, value: 2n })
    await rpcAt(devnet.url, 'eth_sendRawTransaction', [open.raw])
    await client.waitForTransactionReceipt({ hash: open.hash })
    expect(await statusOf(standIn.statusUrl, open.hash)).toMatchObject({
      status: 'UNKNOWN',
      hash: open.hash,
      seenInMempool: false,
    })
    expect(standIn.received()).not.toContain(open.hash)
  })

  it('refuses a zero priority fee with the documented message', async () => {
    const free = await signTransfer(devnet.url, 14, { to: recipient, value: 1n, maxPriorityFeePerGas: 0n })
    expect((await rpcAt(standIn.rpcUrl, 'eth_sendRawTransaction', [free.raw])).error?.message).toBe(
      'transaction underpriced: gas tip cap 0, minimum needed 1',
    )
  })

  it('answers invalid URL parameters with -32600 "Invalid auction preference…"', async () => {
    const alice = devAccount(3).address
    const bad = [
      'fast?hint=everything',
      `?refund=${alice}:100`,
      `?refund=${alice}:0`,
      `?refund=${alice}:60&refund=${devAccount(4).address}:41`,
      '?refund=0x1234:5',
      `?refund=${alice}`,
      `?originId=${'x'.repeat(255)}`,
      '?blockRange=-1',
    ]
    for (const query of bad) {
      const body = await rpcAt(`${standIn.rpcUrl}${query}`, 'eth_chainId')
      expect(body.error?.code, query).toBe(-32600)
      expect(body.error?.message, query).toMatch(/^Invalid auction preference in the rpc endpoint url/)
    }
    const good = [
      'fast?hint=hash&originId=x',
      `?HINT=logs&hint=calldata&builder=flashbots&Refund=${alice}:50&useMempool=true`,
    ]
    for (const query of good)
      expect((await rpcAt(`${standIn.rpcUrl}${query}`, 'eth_chainId')).result).toBe('0x7a69')
  })

  it('refuses JSON-RPC batches and proxies everything else to Anvil', async () => {
    const res = await fetch(standIn.rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] },
        { jsonrpc: '2.0', id: 2, method: 'eth_blockNumber', params: [] },
      ]),
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({
      error: { code: -32600, message: 'batch requests are not supported' },
    })
    const balance = (await rpcAt(standIn.rpcUrl, 'eth_getBalance', [recipient, 'latest'])).result as Hex
    expect(BigInt(balance)).toBe(await client.getBalance({ address: recipient }))
  })

  it('lets the browser app call it (CORS)', async () => {
    const preflight = await fetch(standIn.rpcUrl, {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:5173', 'access-control-request-method': 'POST' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*')
    const status = await fetch(`${standIn.statusUrl}0x${'00'.repeat(32)}`)
    expect(status.headers.get('access-control-allow-origin')).toBe('*')
  })
})

describe('useMempool=true on the stand-in', () => {
  it('falls back to the public mempool after the window: seenInMempool, then INCLUDED publicly', async () => {
    const watcher = await startMempoolWatcher(devnet)
    try {
      // A stuck first transaction (fee below base fee) keeps the second from being includable privately.
      const stuck = await signStuckTransfer(devnet.url, 15, recipient, 1n)
      const next = await signTransfer(devnet.url, 15, { to: recipient, value: 7n, nonce: stuck.nonce + 1 })
      watcher.track(next.hash)
      const first = await rpcAt(`${standIn.rpcUrl}?blockRange=2`, 'eth_sendRawTransaction', [stuck.raw])
      expect(first).toMatchObject({ result: stuck.hash })
      const sent = await rpcAt(`${standIn.rpcUrl}?blockRange=2&useMempool=true`, 'eth_sendRawTransaction', [
        next.raw,
      ])
      expect(sent.error?.message).toBeUndefined()
      expect(sent.result).toBe(next.hash)
      await expect
        .poll(async () => (await statusOf(standIn.statusUrl, next.hash)).simError)
        .toBe('SimErrorNonceTooHigh')
      for (let i = 0; i < 3; i++) await rpcAt(devnet.url, 'evm_mine')
      await expect.poll(async () => (await statusOf(standIn.statusUrl, stuck.hash)).status).toBe('FAILED')
      await expect.poll(async () => (await statusOf(standIn.statusUrl, next.hash)).seenInMempool).toBe(true)
      await expect.poll(() => watcher.sightings(next.hash).txpool).toBe(true)

      // Fill the nonce gap publicly: the fallen-back transaction is mined from the public pool.
      const filler = await signTransfer(devnet.url, 15, { to: recipient, value: 1n, nonce: stuck.nonce })
      await rpcAt(devnet.url, 'eth_sendRawTransaction', [filler.raw])
      await client.waitForTransactionReceipt({ hash: next.hash, pollingInterval: 50 })
      await rpcAt(devnet.url, 'evm_mine')
      await expect.poll(async () => (await statusOf(standIn.statusUrl, next.hash)).status).toBe('INCLUDED')
      expect((await statusOf(standIn.statusUrl, next.hash)).seenInMempool).toBe(true)
    } finally {
      await watcher.stop()
    }
  })
})
