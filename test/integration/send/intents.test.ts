import { createPublicClient, createWalletClient, http, parseGwei } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { beforeEach, describe, expect, inject, it } from 'vitest'
import { RecordStore } from '../../../src/core/tx/records/records'
import { sendThroughPipeline } from '../../../src/core/tx/send/pipeline'
import { findTransactionByNonce } from '../../../src/core/tx/track/byNonce'
import { intentTimeoutMs, resolveIntent } from '../../../src/core/tx/track/intents'
import { devAccount, devPrivateKey } from '../../../tools/devnet/accounts'
import { devChain } from '../../../tools/devnet/deploy'
import { rpc } from '../../../tools/devnet/devnet'
import { TestWallet } from '../../harness/wallet/testWallet'
import { memoryStorage } from '../../support/builders/memoryStorage'
import { pageDeps } from '../../support/builders/pipeline'

// Accounts 6 and 7: used by no other integration or e2e test.
const devnet = inject('devnet')
const chain = devChain(devnet.url, devnet.chainId)
const reader = createPublicClient({ chain, transport: http(devnet.url) })
const to = devAccount(2).address

beforeEach(() => {
  ;(globalThis as { localStorage?: unknown }).localStorage = memoryStorage()
})

/**
 * A page that reloads while the wallet prompt is open: the wallet keeps the request (manual approval) and
 * broadcasts it when the user approves, but the answer reaches no one. The pipeline's wallet call never settles.
 */
function reloadingPage(index: number) {
  const wallet = new TestWallet({
    accounts: [index],
    chains: { [devnet.chainId]: devnet.url },
    chainId: devnet.chainId,
  })
  wallet.connected = true
  wallet.policy = 'manual'
  const store = new RecordStore('intents.test')
  // A page of its own: an earlier page's request that never settled does not make this one "busy".
  const deps = pageDeps(
    ({ method, params }) => {
      const answer = wallet.handle(method, params ?? [])
      return method === 'eth_sendTransaction' ? new Promise(() => void answer.catch(() => undefined)) : answer
    },
    reader,
    store,
  )
  return { wallet, store, deps }
}

function intent(index: number, value: bigint) {
  return {
    kind: 'transfer' as const,
    chainId: devnet.chainId,
    from: devAccount(index).address,
    call: { to, value },
    gas: 21_000n,
    fees: { maxFeePerGas: parseGwei('50'), maxPriorityFeePerGas: parseGwei('1') },
    asset: { symbol: 'ETH', decimals: 18 },
    amount: value,
    recipient: to,
    consentToPublic: true,
    consentFor: 'not-protected' as const,
  }
}

async function until<T>(read: () => Promise<T | undefined> | T | undefined, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await read()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error('not reached in time')
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('intents after a reload, matched on chain by sender and nonce', () => {
  it('finds the transaction a reloaded page never heard about, and tracking can go on by its hash', async () => {
    const page = reloadingPage(6)
    void sendThroughPipeline(page.deps, intent(6, 101n))
    const id = await until(() => page.store.list()[0]?.id)
    await until(() => (page.wallet.pendingApprovals() > 0 ? true : undefined))
    // The page reloads: a fresh store from storage, and no wallet request in flight.
    const reloaded = new RecordStore('intents.test')
    const { inFlightIntents } = await import('../../../src/core/tx/send/inFlight')
    inFlightIntents.delete(id)
    const resolve = () => resolveIntent({ reader, store: reloaded, accountBusy: async () => false }, id)
    expect(await resolve()).toMatchObject({ status: 'AWAITING_WALLET' })
    // Some blocks pass before the user approves in the wallet.
    for (let i = 0; i < 5; i++) await rpc(devnet.url, 'evm_mine')
    await page.wallet.decide(true)
    const matched = await until(async () => {
      const r = await resolve()
      return r?.status === 'PENDING' ? r : undefined
    })
    const receipt = await reader.waitForTransactionReceipt({ hash: matched.hash! })
    expect(receipt.from.toLowerCase()).toBe(devAccount(6).address.toLowerCase())
    const tx = await reader.getTransaction({ hash: matched.hash! })
    expect(tx.nonce).toBe(matched.nonce)
    expect(tx.value).toBe(101n)
  })

  it('closes an intent as not sent when another transaction used its nonce', async () => {
    const page = reloadingPage(7)
    void sendThroughPipeline(page.deps, intent(7, 102n))
    const record = await until(() => page.store.list()[0])
    const { inFlightIntents } = await import('../../../src/core/tx/send/inFlight')
    inFlightIntents.delete(record.id)
    await page.wallet.decide(false)
    // Another app spends the same nonce with a different transaction.
    const other = createWalletClient({
      chain,
      account: privateKeyToAccount(devPrivateKey(7)),
      transport: http(devnet.url),
    })
    const hash = await other.sendTransaction({ to, value: 999n, nonce: record.nonce })
    await reader.waitForTransactionReceipt({ hash })
    const closed = await resolveIntent(
      { reader, store: new RecordStore('intents.test'), accountBusy: async () => false },
      record.id,
    )
    expect(closed).toMatchObject({ status: 'NOT_SENT' })
    expect(closed?.detail).toContain(`nonce ${record.nonce} was used by another transaction`)
  })

  it('never closes an intent on a nonce that stays free: after the time-out it says "not known yet" and stays open', async () => {
    const page = reloadingPage(7)
    void sendThroughPipeline(page.deps, intent(7, 103n))
    const record = await until(() => page.store.list().find((r) => r.status === 'AWAITING_WALLET'))
    const { inFlightIntents } = await import('../../../src/core/tx/send/inFlight')
    inFlightIntents.delete(record.id)
    await page.wallet.decide(false)
    const store = new RecordStore('intents.test')
    const later = () => record.createdAt + intentTimeoutMs + 1
    expect(
      await resolveIntent({ reader, store, now: later, accountBusy: async () => true }, record.id),
    ).toMatchObject({
      status: 'AWAITING_WALLET',
    })
    expect(
      await resolveIntent(
        { reader, store, now: () => record.createdAt + 1000, accountBusy: async () => false },
        record.id,
      ),
    ).toMatchObject({ status: 'AWAITING_WALLET' })
    expect(
      await resolveIntent({ reader, store, now: later, accountBusy: async () => false }, record.id),
    ).toMatchObject({
      status: 'AWAITING_WALLET',
      sentUnknown: true,
    })
  })

  it('the search finds the block that used a nonce among many (binary search on the account’s count)', async () => {
    const from = devAccount(6).address
    const wallet = createWalletClient({
      chain,
      account: privateKeyToAccount(devPrivateKey(6)),
      transport: http(devnet.url),
    })
    const start = await reader.getBlockNumber()
    const sent: { nonce: number; hash: `0x${string}` }[] = []
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 7; j++) await rpc(devnet.url, 'evm_mine')
      const nonce = await reader.getTransactionCount({ address: from, blockTag: 'pending' })
      const hash = await wallet.sendTransaction({ to, value: 1n })
      await reader.waitForTransactionReceipt({ hash })
      sent.push({ nonce, hash })
    }
    for (const s of sent)
      expect((await findTransactionByNonce(reader, from, s.nonce, start))?.hash).toBe(s.hash)
    const next = await reader.getTransactionCount({ address: from, blockTag: 'latest' })
    expect(await findTransactionByNonce(reader, from, next, start)).toBeUndefined()
  })
})
