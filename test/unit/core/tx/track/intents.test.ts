import type { Hex } from 'viem'
import { encodeFunctionData, parseAbi } from 'viem'
import { beforeEach, describe, expect, it } from 'vitest'
import { sendAtomicBatch } from '../../../../../src/core/tx/send/batchPipeline'
import { sendThroughPipeline } from '../../../../../src/core/tx/send/pipeline'
import {
  closeIntent,
  intentTimeoutMs,
  type ResolveDeps,
  resolveIntent,
  userMayClose,
} from '../../../../../src/core/tx/track/intents'
import {
  freshTab,
  recipient,
  ScriptedReader,
  type ScriptedWallet,
  sender,
  tab,
  transferIntent,
} from '../../../../support/builders/pipeline'

/** A chain of one account: `txs[n]` is the transaction that used nonce n, in its `block` (100 unless named). */
class NonceChain extends ScriptedReader {
  /** `hidden`: a nonce used without a transaction of its own (as an EIP-7702 authorization uses one). */
  txs: { hash: Hex; to: string; value: bigint; input: Hex; block?: bigint; hidden?: boolean }[] = []
  private minedBy = (block?: bigint) =>
    this.txs.filter((t) => block === undefined || (t.block ?? 100n) <= block).length
  override getTransactionCount = async (q: { address: string; blockTag?: string; blockNumber?: bigint }) =>
    q.blockTag === 'pending' ? Math.max(this.pending, this.minedBy()) : this.minedBy(q.blockNumber)
  override getBlockNumber = async () =>
    this.txs.reduce((head, t) => ((t.block ?? 100n) > head ? (t.block ?? 100n) : head), this.head)
  getBlock = async (q: { blockNumber?: bigint } = {}) => ({
    transactions: this.txs
      .map((t, nonce) => ({ ...t, from: sender, nonce }))
      .filter((t) => !t.hidden && (q.blockNumber === undefined || (t.block ?? 100n) === q.blockNumber)),
  })
}

let wallet: ScriptedWallet
let chain: NonceChain
beforeEach(() => {
  ;({ wallet } = freshTab())
  chain = new NonceChain()
})

const hashOf = (n: number) => `0x${n.toString(16).padStart(64, 'a')}` as Hex

async function unknownOutcome() {
  // A clock that moves on each reading: which send was asked for after the wallet's error is never a tie.
  let t = Date.now()
  const deps = { ...tab(wallet, chain), now: () => t++ }
  wallet.failWith = new Error('Internal JSON-RPC error.')
  const result = await sendThroughPipeline(deps, transferIntent())
  if (result.kind !== 'failed' || !result.record) throw new Error('expected an open record')
  const resolve: ResolveDeps = { reader: chain as never, store: deps.store, accountBusy: async () => false }
  return { deps, record: result.record, resolve }
}

describe('an intent the wallet left unknown', () => {
  it('is never closed as not sent while its nonce is unused, however long it waits', async () => {
    const { record, resolve } = await unknownOutcome()
    const later = () => record.createdAt + 10 * intentTimeoutMs
    expect(await resolveIntent({ ...resolve, now: later }, record.id)).toMatchObject({
      status: 'AWAITING_WALLET',
      sentUnknown: true,
    })
  })

  it('is matched to its transaction once the relay includes it (found by nonce)', async () => {
    const { record, resolve } = await unknownOutcome()
    chain.txs.push({ hash: hashOf(1), to: recipient, value: 1000n, input: '0x' })
    expect(await resolveIntent(resolve, record.id)).toMatchObject({ status: 'PENDING', hash: hashOf(1) })
  })

  it('is closed as not sent when a different transaction used its nonce', async () => {
    const { record, resolve } = await unknownOutcome()
    chain.txs.push({ hash: hashOf(2), to: sender, value: 5n, input: '0x' })
    expect(await resolveIntent(resolve, record.id)).toMatchObject({ status: 'NOT_SENT' })
  })

  it('is not given the hash of another record that sent the same call at its nonce', async () => {
    const { deps, record, resolve } = await unknownOutcome()
    wallet.failWith = undefined
    const again = await sendThroughPipeline(deps, transferIntent())
    if (again.kind !== 'sent' || !again.record.hash) throw new Error('not sent')
    chain.txs.push({ hash: again.record.hash, to: recipient, value: 1000n, input: '0x' })
    expect(await resolveIntent(resolve, record.id)).toMatchObject({ status: 'NOT_SENT' })
  })
})

describe('an orphaned intent (the page lost the wallet request)', () => {
  it('after the time-out says "not known yet" and stays open: an unused nonce proves nothing', async () => {
    const deps = tab(wallet, chain)
    wallet.hold = true
    void sendThroughPipeline(deps, transferIntent())
    while (!deps.store.list()[0]) await new Promise((r) => setTimeout(r, 5))
    const record = deps.store.list()[0]
    if (!record) throw new Error('no intent')
    const { inFlightIntents } = await import('../../../../../src/core/tx/send/inFlight')
    inFlightIntents.delete(record.id)
    const later = () => record.createdAt + intentTimeoutMs + 1
    const resolve: ResolveDeps = { reader: chain as never, store: deps.store, accountBusy: async () => false }
    expect(await resolveIntent({ ...resolve, now: later }, record.id)).toMatchObject({
      status: 'AWAITING_WALLET',
      sentUnknown: true,
    })
    wallet.release('decline')
  })
})

describe('an atomic batch (issue 21)', () => {
  const token = '0x5FbDB2315678afecb367f032d93F642f64180aa3' as const
  const transferData = encodeFunctionData({
    abi: parseAbi(['function transfer(address to, uint256 amount)']),
    args: [recipient, 42n],
  })
  const steps = [
    { call: { to: recipient, value: 5n }, label: 'Send 5 wei' },
    { call: { to: token, value: 0n, data: transferData }, label: 'Send 42 tokens' },
  ]
  /** The wallet's own wrapping: execute((address,uint256,bytes)[]) on the account itself (EIP-7702). */
  const executeInput = encodeFunctionData({
    abi: parseAbi([
      'struct Call { address to; uint256 value; bytes data; }',
      'function execute(Call[] calls)',
    ]),
    args: [steps.map((st) => ({ to: st.call.to, value: st.call.value, data: st.call.data ?? '0x' }))],
  })

  async function batch(accepted: boolean) {
    const deps = tab(wallet, chain)
    if (!accepted) wallet.hold = true
    const sent = sendAtomicBatch(deps, { chainId: 31337, from: sender, steps, consentToPublic: false })
    if (accepted) await sent
    else while (!deps.store.list()[0]) await new Promise((r) => setTimeout(r, 5))
    const record = deps.store.list()[0]
    if (!record) throw new Error('no record')
    const { inFlightIntents } = await import('../../../../../src/core/tx/send/inFlight')
    inFlightIntents.delete(record.id)
    return { deps, record }
  }

  it('is matched only to a transaction that carries its calls, not to any transaction at its nonce', async () => {
    const { deps, record } = await batch(false)
    const resolve: ResolveDeps = { reader: chain as never, store: deps.store, accountBusy: async () => false }
    chain.txs.push({ hash: hashOf(3), to: recipient, value: 5n, input: '0x' })
    expect(await resolveIntent(resolve, record.id)).toMatchObject({ status: 'AWAITING_WALLET' })
    expect(deps.store.get(record.id)?.hash).toBeUndefined()
    wallet.release('decline')
  })

  // Simulator seed 2 (batches): the answer was lost with its tab, the wallet sent the batch at nonce 0 (Hush
  // expected 1 behind an open prompt that was then declined), and "Fill nonce 1" used the expected nonce.
  it('with its answer lost, is never closed as not sent because another transaction used the nonce Hush expected: it is found by its calls at the nonce the wallet picked', async () => {
    chain.pending = 1
    const { deps, record } = await batch(false)
    expect(record.nonce).toBe(1)
    const resolve: ResolveDeps = { reader: chain as never, store: deps.store, accountBusy: async () => false }
    chain.txs.push({ hash: hashOf(7), to: sender, value: 5n, input: executeInput, block: 101n })
    chain.txs.push({ hash: hashOf(8), to: sender, value: 0n, input: '0x', block: 102n })
    expect(await resolveIntent(resolve, record.id)).toMatchObject({
      status: 'PENDING',
      hash: hashOf(7),
      nonce: 0,
    })
    wallet.release('decline')
  })

  it('is found past a nonce that has no transaction of its own (used by an authorization, or not seen yet)', async () => {
    const { deps, record } = await batch(false)
    const resolve: ResolveDeps = {
      reader: chain as never,
      store: deps.store,
      accountBusy: async () => false,
      batchScan: {},
    }
    chain.txs.push({ hash: hashOf(11), to: sender, value: 0n, input: '0x', block: 101n, hidden: true })
    chain.txs.push({ hash: hashOf(12), to: sender, value: 5n, input: executeInput, block: 102n })
    expect(await resolveIntent(resolve, record.id)).toMatchObject({
      status: 'PENDING',
      hash: hashOf(12),
      nonce: 1,
    })
    expect(resolve.batchScan).toEqual({ next: 0 })
    wallet.release('decline')
  })

  it('with its answer lost and no transaction carrying its calls, stays open whatever used the nonces', async () => {
    const { deps, record } = await batch(false)
    const later = () => record.createdAt + 10 * intentTimeoutMs
    const resolve: ResolveDeps = {
      reader: chain as never,
      store: deps.store,
      accountBusy: async () => false,
      now: later,
    }
    chain.txs.push({ hash: hashOf(9), to: sender, value: 0n, input: '0x', block: 101n })
    chain.txs.push({ hash: hashOf(10), to: recipient, value: 5n, input: '0x', block: 102n })
    expect(await resolveIntent(resolve, record.id)).toMatchObject({
      status: 'AWAITING_WALLET',
      sentUnknown: true,
    })
    wallet.release('decline')
  })

  it('is matched to a transaction whose input carries every call, whatever the wrapping', async () => {
    const { deps, record } = await batch(false)
    const resolve: ResolveDeps = { reader: chain as never, store: deps.store, accountBusy: async () => false }
    chain.txs.push({ hash: hashOf(4), to: sender, value: 5n, input: executeInput, block: 101n })
    expect(await resolveIntent(resolve, record.id)).toMatchObject({ status: 'PENDING', hash: hashOf(4) })
    wallet.release('decline')
  })

  it('after a wallet error it says "Sent? Not known yet" and that Hush looks for its calls, not its nonce', async () => {
    const deps = tab(wallet, chain)
    wallet.failWith = new Error('Internal JSON-RPC error.')
    const result = await sendAtomicBatch(deps, {
      chainId: 31337,
      from: sender,
      steps,
      consentToPublic: false,
    })
    expect(result.kind === 'failed' && result.message).toMatch(/Sent\? Not known yet: .* carrying its calls/)
    expect(deps.store.list()[0]).toMatchObject({ status: 'AWAITING_WALLET', sentUnknown: true })
  })

  it('left "Sent? Not known yet" is the user\'s to close (what the wallet shows); one the wallet accepted is not', async () => {
    const { deps, record } = await batch(false)
    const unknown = deps.store.update(record.id, { sentUnknown: true })
    if (!unknown) throw new Error('no record')
    expect(userMayClose(unknown)).toBe(true)
    expect(userMayClose({ ...unknown, callsId: 'batch-9' })).toBe(false)
    // A single send left unknown is not: its nonce settles it (a fill proves it either way).
    expect(userMayClose({ ...unknown, kind: 'transfer', path: undefined })).toBe(false)
    expect(closeIntent(deps.store, record.id)).toMatchObject({ status: 'NOT_SENT' })
    wallet.release('decline')
  })

  it('accepted by the wallet (a calls id): never closed blind after the time-out; wallet_getCallsStatus settles it', async () => {
    const { deps, record } = await batch(true)
    expect(record.callsId).toBe('batch-1')
    const asked: string[] = []
    let answer = { statusCode: 100, hashes: [] as Hex[] }
    const resolve: ResolveDeps = {
      reader: chain as never,
      store: deps.store,
      accountBusy: async () => false,
      now: () => record.createdAt + 10 * intentTimeoutMs,
      callsStatus: async (r) => {
        asked.push(r.callsId ?? '')
        return answer
      },
    }
    expect(await resolveIntent(resolve, record.id)).toMatchObject({ status: 'AWAITING_WALLET' })
    // Another transaction used the expected nonce: the wallet picks the batch's nonce, so that proves nothing.
    chain.txs.push({ hash: hashOf(5), to: recipient, value: 1n, input: '0x' })
    expect(await resolveIntent(resolve, record.id)).toMatchObject({ status: 'AWAITING_WALLET' })
    answer = { statusCode: 200, hashes: [hashOf(6)] }
    expect(await resolveIntent(resolve, record.id)).toMatchObject({ status: 'PENDING', hash: hashOf(6) })
    expect(asked).toEqual(['batch-1', 'batch-1', 'batch-1'])
  })
})
