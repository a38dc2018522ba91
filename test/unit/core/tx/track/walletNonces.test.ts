import type { Address, Hex } from 'viem'
import { beforeEach, describe, expect, it } from 'vitest'
import type { RecordStore, TxRecord } from '../../../../../src/core/tx/records/records'
import type { IntentReader } from '../../../../../src/core/tx/track/byNonce'
import { closeIntent, resolveIntent, userMayClose } from '../../../../../src/core/tx/track/intents'
import { freshStore, recordFrom, recordTo, transferRecord } from '../../../../support/builders/records'

/**
 * A wallet that picks its own nonce (as MetaMask does) sends at another nonce than Hush asked. Each transaction
 * of `txs` is mined in a block of its own after block 100 (the head when the intents were made), in nonce order.
 */
class Chain implements IntentReader {
  txs: { hash: Hex; to: Address; value: bigint; input: Hex }[] = []
  private block = (nonce: number) => 101n + BigInt(nonce)
  getBlockNumber = (async () => 100n + BigInt(this.txs.length)) as IntentReader['getBlockNumber']
  getTransactionCount = (async ({ blockNumber }: { blockNumber?: bigint }) =>
    this.txs.filter((_, n) => blockNumber === undefined || this.block(n) <= blockNumber)
      .length) as unknown as IntentReader['getTransactionCount']
  getBlock = (async ({ blockNumber }: { blockNumber: bigint }) => ({
    transactions: this.txs
      .map((t, nonce) => ({ ...t, from: recordFrom, nonce }))
      .filter((t) => this.block(t.nonce) === blockNumber),
  })) as unknown as IntentReader['getBlock']
}

const hashOf = (n: number) => `0x${n.toString(16).padStart(64, 'a')}` as Hex
const call = (value: number) => ({ to: recordTo as Address, value: String(value) })
const tx = (hash: Hex, value: number) => ({
  hash,
  to: recordTo as Address,
  value: BigInt(value),
  input: '0x' as Hex,
})

/** An intent whose page lost the wallet's answer (a reload): asked at `nonce`, paying `value`. */
const intent = (id: string, nonce: number, value: number): TxRecord =>
  transferRecord({
    id,
    hash: undefined,
    nonce,
    call: call(value),
    amount: String(value),
    status: 'AWAITING_WALLET',
    privacy: 'checking',
    intentBlock: 100,
    createdAt: Date.now(),
  })

let store: RecordStore
let chain: Chain
beforeEach(() => {
  store = freshStore('test.activity')
  chain = new Chain()
})
const resolve = (id: string) => resolveIntent({ reader: chain, store, accountBusy: async () => false }, id)

describe('an intent, when the wallet picks its own nonce (issue 21)', () => {
  it('is found at the nonce the wallet sent it at, when another of Hush’s sends used the one Hush asked for', async () => {
    store.add(intent('p1', 0, 1001))
    // P2 was asked at nonce 1; the wallet, with nothing pending, sent it at 0 and P1 at 1.
    store.add({ ...intent('p2', 1, 1002), hash: hashOf(2), status: 'PENDING' })
    chain.txs.push(tx(hashOf(2), 1002), tx(hashOf(1), 1001))
    expect(await resolve('p1')).toMatchObject({ status: 'PENDING', hash: hashOf(1), nonce: 1, askedNonce: 0 })
  })

  it('stays open while its nonce was used by another of Hush’s sends the wallet moved there: that is no proof', async () => {
    store.add(intent('p1', 0, 1001))
    store.add({ ...intent('p2', 1, 1002), hash: hashOf(2), status: 'INCLUDED', nonce: 0, askedNonce: 1 })
    chain.txs.push(tx(hashOf(2), 1002))
    const open = await resolve('p1')
    expect(open).toMatchObject({ status: 'AWAITING_WALLET' })
    expect(open?.detail).toMatch(/^Sent\? Not known yet: nonce 0 was used by another of your transactions/)
  })

  it('stays open when the other intent that used its nonce has no hash yet either', async () => {
    store.add(intent('p1', 0, 1001))
    store.add(intent('p2', 1, 1002))
    chain.txs.push(tx(hashOf(2), 1002))
    expect(await resolve('p1')).toMatchObject({ status: 'AWAITING_WALLET' })
  })

  it('is closed as not sent when a send of Hush’s own asked for after its prompt ended used its nonce (a gap filler)', async () => {
    store.add({ ...intent('p1', 0, 1001), sentUnknown: true, unknownAt: 5 })
    store.add({ ...intent('fill', 0, 0), hash: hashOf(9), status: 'PENDING', createdAt: 6 })
    chain.txs.push(tx(hashOf(9), 0))
    expect(await resolve('p1')).toMatchObject({ status: 'NOT_SENT' })
  })

  it('stays open when a send of Hush’s own asked for while its prompt was open used its nonce, even the one asked', async () => {
    // P2 asked for nonce 0 too; the wallet, with P1 pending there, may have sent P2 at 0 and P1 at 1.
    store.add({ ...intent('p1', 0, 1001), createdAt: 1, sentUnknown: true, unknownAt: 3 })
    store.add({ ...intent('p2', 0, 1002), hash: hashOf(2), status: 'PENDING', createdAt: 2 })
    chain.txs.push(tx(hashOf(2), 1002))
    expect(await resolve('p1')).toMatchObject({ status: 'AWAITING_WALLET' })
  })

  it('is never given another record’s transaction, even one with the same call at another nonce', async () => {
    store.add(intent('p1', 0, 1001))
    store.add({ ...intent('again', 1, 1001), hash: hashOf(3), status: 'PENDING' })
    chain.txs.push(tx(hashOf(7), 5), tx(hashOf(3), 1001))
    expect(await resolve('p1')).toMatchObject({ status: 'NOT_SENT' })
  })
})

describe('the user’s word on an intent the chain cannot settle', () => {
  it('an unknown outcome is not the user’s to close while its nonce can still decide', async () => {
    store.add({ ...intent('p1', 0, 1001), sentUnknown: true, unknownAt: 1 })
    expect(userMayClose(store.get('p1') as TxRecord)).toBe(false)
    expect(closeIntent(store, 'p1')).toMatchObject({ status: 'AWAITING_WALLET' })
  })

  it('once another of Hush’s sends used its nonce without proving anything, the user may close it', async () => {
    store.add({ ...intent('p1', 0, 1001), createdAt: 5, sentUnknown: true, unknownAt: 6 })
    store.add({ ...intent('p2', 0, 1002), hash: hashOf(2), status: 'PENDING', createdAt: 5 })
    chain.txs.push(tx(hashOf(2), 1002))
    expect(await resolve('p1')).toMatchObject({ status: 'AWAITING_WALLET', nonceUsedBy: hashOf(2) })
    expect(closeIntent(store, 'p1')).toMatchObject({ status: 'NOT_SENT' })
  })
})
