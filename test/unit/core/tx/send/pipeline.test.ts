import { beforeEach, describe, expect, it } from 'vitest'
import { walletRoute } from '../../../../../src/core/protect/route'
import { applyEvent } from '../../../../../src/core/tx/records/lifecycle'
import type { TxRecord } from '../../../../../src/core/tx/records/records'
import { sendAtomicBatch } from '../../../../../src/core/tx/send/batchPipeline'
import { type PipelineProgress, sendThroughPipeline } from '../../../../../src/core/tx/send/pipeline'
import { canSendAgain } from '../../../../../src/core/tx/send/replace'
import { closeIntent } from '../../../../../src/core/tx/track/intents'
import {
  freshTab,
  type ScriptedReader,
  type ScriptedWallet,
  sender,
  tab,
  transferIntent,
  until,
} from '../../../../support/builders/pipeline'

let wallet: ScriptedWallet
let reader: ScriptedReader
beforeEach(() => {
  ;({ wallet, reader } = freshTab())
})

const sendCount = () => wallet.requests.filter((r) => r.method === 'eth_sendTransaction').length

describe('step 1: the protection gate', () => {
  it('stops a wallet that is not on Protect before any wallet request; with consent it sends, marked unprotected', async () => {
    wallet.protection = 'not-protected'
    const deps = tab(wallet, reader)
    const stopped = await sendThroughPipeline(deps, transferIntent())
    expect(stopped).toMatchObject({ kind: 'gate', state: 'not-protected' })
    expect(sendCount()).toBe(0)
    expect(deps.store.list()).toEqual([])
    // A choice that names no protection state covers none (the sender always binds it).
    const unbound = await sendThroughPipeline(deps, transferIntent({ consentToPublic: true }))
    expect(unbound).toMatchObject({ kind: 'gate', state: 'not-protected' })
    expect(sendCount()).toBe(0)
    const sent = await sendThroughPipeline(
      deps,
      transferIntent({ consentToPublic: true, consentFor: 'not-protected' }),
    )
    expect(sent.kind).toBe('sent')
    expect(sendCount()).toBe(1)
    expect(deps.store.list()[0]).toMatchObject({
      protected: false,
      privacy: 'unprotected',
      status: 'PENDING',
    })
  })

  it('treats an unknown answer as not protected', async () => {
    wallet.protection = 'unknown'
    expect(await sendThroughPipeline(tab(wallet, reader), transferIntent())).toMatchObject({
      kind: 'gate',
      state: 'unknown',
    })
    expect(sendCount()).toBe(0)
  })

  it('asks the wallet afresh before every request: a wallet that left Protect is stopped on the next one', async () => {
    const deps = tab(wallet, reader)
    expect((await sendThroughPipeline(deps, transferIntent())).kind).toBe('sent')
    wallet.protection = 'not-protected'
    expect((await sendThroughPipeline(deps, transferIntent())).kind).toBe('gate')
    const probes = wallet.requests.filter((r) => r.method === 'eth_call').length
    // The sent one: before the lock and right before the request; the stopped one: before the lock.
    expect(probes).toBe(3)
    expect(sendCount()).toBe(1)
  })

  it('probes again after the lock and the nonce read: a wallet that leaves Protect meanwhile is stopped (issue 22)', async () => {
    const deps = tab(wallet, reader)
    const count = reader.getTransactionCount
    reader.getTransactionCount = async (args) => {
      // The wallet switches to a public RPC of the same chain between the first probe and the request.
      wallet.protection = 'not-protected'
      return await count(args)
    }
    const result = await sendThroughPipeline(deps, transferIntent())
    expect(result).toMatchObject({ kind: 'gate', state: 'not-protected' })
    expect(sendCount()).toBe(0)
    expect(deps.store.list()).toEqual([])
  })

  it('consent is bound to the state it was given in: given while "not protected", it does not cover "unknown" (issue 21)', async () => {
    const deps = tab(wallet, reader)
    // The box was ticked while the wallet was not protected; then it became protected (the box went away),
    // and the probe at the send answers "unknown".
    wallet.protection = 'unknown'
    const stale = transferIntent({ consentToPublic: true, consentFor: 'not-protected' })
    expect(await sendThroughPipeline(deps, stale)).toMatchObject({ kind: 'gate', state: 'unknown' })
    expect(sendCount()).toBe(0)
    const fresh = transferIntent({ consentToPublic: true, consentFor: 'unknown' })
    expect((await sendThroughPipeline(deps, fresh)).kind).toBe('sent')
    expect(deps.store.list()[0]).toMatchObject({ protected: false, privacy: 'unprotected' })
  })

  it('a connection whose route Hush cannot see (WalletConnect) is "route unknown" even when the probe says protected (issue 22)', async () => {
    // WalletConnect answers eth_call from the dApp's own RPC map: a "protected" answer there proves nothing.
    const deps = { ...tab(wallet, reader), route: walletRoute({ type: 'walletConnect' }) }
    const stopped = await sendThroughPipeline(deps, transferIntent())
    expect(stopped).toMatchObject({ kind: 'gate', state: 'route-unknown' })
    expect(sendCount()).toBe(0)
    expect(deps.store.list()).toEqual([])
    // A choice given in another state, or one not bound to any, does not cover it.
    for (const consent of [{ consentFor: 'not-protected' as const }, {}]) {
      const other = transferIntent({ consentToPublic: true, ...consent })
      expect(await sendThroughPipeline(deps, other)).toMatchObject({ kind: 'gate', state: 'route-unknown' })
    }
    expect(sendCount()).toBe(0)
    const chosen = transferIntent({ consentToPublic: true, consentFor: 'route-unknown' })
    expect((await sendThroughPipeline(deps, chosen)).kind).toBe('sent')
    expect(deps.store.list()[0]).toMatchObject({ protected: false, privacy: 'unprotected' })
  })

  it('an injected wallet keeps its route: the probe decides', async () => {
    const deps = { ...tab(wallet, reader), route: walletRoute({ type: 'injected' }) }
    expect((await sendThroughPipeline(deps, transferIntent())).kind).toBe('sent')
    expect(deps.store.list()[0]).toMatchObject({ protected: true })
  })

  it('on a chain without Protect there is nothing to choose: no probe, sent as unprotected', async () => {
    wallet.protection = 'not-protected'
    const deps = tab(wallet, reader, { chainHasProtect: false })
    expect((await sendThroughPipeline(deps, transferIntent())).kind).toBe('sent')
    expect(wallet.requests.some((r) => r.method === 'eth_call')).toBe(false)
    expect(deps.store.list()[0]?.privacy).toBe('unprotected')
  })

  it('gates an atomic batch the same way: no wallet_sendCalls without the choice', async () => {
    wallet.protection = 'not-protected'
    const deps = tab(wallet, reader)
    const steps = [{ call: { to: sender, value: 1n }, label: 'one' }]
    expect(
      (await sendAtomicBatch(deps, { chainId: 31337, from: sender, steps, consentToPublic: false })).kind,
    ).toBe('gate')
    expect(wallet.requests.some((r) => r.method === 'wallet_sendCalls')).toBe(false)
    expect(
      (
        await sendAtomicBatch(deps, {
          chainId: 31337,
          from: sender,
          steps,
          consentToPublic: true,
          consentFor: 'not-protected',
        })
      ).kind,
    ).toBe('sent')
    expect(wallet.requests.filter((r) => r.method === 'wallet_sendCalls')).toHaveLength(1)
  })
})

describe('step 2: one request per account at a time, across tabs', () => {
  it('a second tab waits (and says so) until the first tab’s wallet request is answered, then takes the next nonce', async () => {
    reader.pending = 4
    wallet.hold = true
    const progressB: PipelineProgress[] = []
    const tabA = tab(wallet, reader)
    const tabB = tab(wallet, reader, { progress: progressB })
    const first = sendThroughPipeline(tabA, transferIntent())
    await until(() => wallet.waiting() === 1)
    const second = sendThroughPipeline(tabB, transferIntent({ amount: 2n }))
    await until(() => progressB.includes('waiting-for-other-tab'))
    expect(sendCount()).toBe(1)
    wallet.release()
    await first
    await until(() => wallet.waiting() === 1)
    wallet.release()
    const [a, b] = [await first, await second]
    if (a.kind !== 'sent' || b.kind !== 'sent') throw new Error('not sent')
    // The node's pending count never moved (a private transaction is invisible to it): the records decided.
    expect([a.record.nonce, b.record.nonce]).toEqual([4, 5])
    expect(wallet.sends().map((s) => s.nonce)).toEqual([4, 5])
    tabA.store.reload()
    expect(tabA.store.list().map((r) => r.nonce)).toEqual([5, 4])
  })

  it('in one tab, a parallel submission for the same account is refused, not queued', async () => {
    wallet.hold = true
    const deps = tab(wallet, reader)
    const first = sendThroughPipeline(deps, transferIntent())
    await until(() => wallet.waiting() === 1)
    expect((await sendThroughPipeline(deps, transferIntent())).kind).toBe('busy')
    wallet.release()
    expect((await first).kind).toBe('sent')
    expect(sendCount()).toBe(1)
  })
})

describe('steps 3–5: nonce, chain and the intent before the prompt', () => {
  it('takes the highest of the node’s pending count and every unfinished record', async () => {
    const deps = tab(wallet, reader)
    reader.pending = 2
    await sendThroughPipeline(deps, transferIntent())
    await sendThroughPipeline(deps, transferIntent())
    reader.pending = 9
    await sendThroughPipeline(deps, transferIntent())
    expect(wallet.sends().map((s) => s.nonce)).toEqual([2, 3, 9])
  })

  it('refuses a wallet on another chain with a clear message; nothing is sent or recorded', async () => {
    wallet.chainId = 1
    const deps = tab(wallet, reader)
    const result = await sendThroughPipeline(deps, transferIntent())
    expect(result).toMatchObject({ kind: 'refused' })
    expect(result.kind === 'refused' && result.message).toMatch(
      /chain 1, but this transaction is for chain 31337/,
    )
    expect(sendCount()).toBe(0)
    expect(deps.store.list()).toEqual([])
  })

  it('names the chain in the request itself', async () => {
    await sendThroughPipeline(tab(wallet, reader), transferIntent())
    const tx = wallet.requests.find((r) => r.method === 'eth_sendTransaction')?.params[0] as {
      chainId: string
    }
    expect(tx.chainId).toBe('0x7a69')
  })

  it('records the intent (nonce, recipient, value, call) before the prompt, and fills in the hash after', async () => {
    wallet.hold = true
    reader.pending = 3
    const deps = tab(wallet, reader)
    const sending = sendThroughPipeline(deps, transferIntent())
    await until(() => wallet.waiting() === 1)
    expect(deps.store.list()).toHaveLength(1)
    expect(deps.store.list()[0]).toMatchObject({
      status: 'AWAITING_WALLET',
      nonce: 3,
      amount: '1000',
      call: { value: '1000' },
      intentBlock: 100,
    })
    expect(deps.store.list()[0]?.hash).toBeUndefined()
    wallet.release()
    const result = await sending
    expect(result.kind === 'sent' && result.record).toMatchObject({ status: 'PENDING', nonce: 3 })
    expect(deps.store.list()[0]?.hash).toMatch(/^0x[0-9a-f]{64}$/)
  })

  it('closes a declined intent as not sent; its nonce is free again', async () => {
    wallet.decline = true
    const deps = tab(wallet, reader)
    const result = await sendThroughPipeline(deps, transferIntent())
    expect(result.kind).toBe('declined')
    expect(deps.store.list()[0]).toMatchObject({ status: 'NOT_SENT', nonce: 0 })
    wallet.decline = false
    await sendThroughPipeline(deps, transferIntent())
    expect(wallet.sends().at(-1)?.nonce).toBe(0)
  })

  it('a wallet error after tracking found the transaction meanwhile says sent, never "Nothing was sent" (issue 21)', async () => {
    const deps = tab(wallet, reader)
    wallet.hold = true
    wallet.failWith = Object.assign(new Error('Transaction rejected: invalid'), { code: -32003 })
    const sending = sendThroughPipeline(deps, transferIntent())
    await until(() => deps.store.list()[0]?.status === 'AWAITING_WALLET')
    const intent = deps.store.list()[0] as TxRecord
    // Another tab's tracking found its transaction at its nonce while the prompt was open.
    const found = { kind: 'found', hash: `0x${'cd'.repeat(32)}`, nonce: 0, detail: 'found' } as const
    applyEvent(deps.store, intent.id, found)
    wallet.release()
    const result = await sending
    expect(result).toMatchObject({ kind: 'sent', record: { status: 'PENDING', hash: found.hash } })
    expect(deps.store.list()[0]).toMatchObject({ status: 'PENDING', hash: found.hash })
  })

  it('after a wallet error the outcome stays unknown, even with the nonce unused at the head: open, no "Nothing was sent", no Send again', async () => {
    const deps = tab(wallet, reader)
    // A relay that took the transaction, then timed out: the wallet reports an internal error.
    wallet.failWith = new Error('Internal JSON-RPC error.')
    const result = await sendThroughPipeline(deps, transferIntent())
    expect(result.kind).toBe('failed')
    expect(result.kind === 'failed' && result.message).not.toMatch(/Nothing was sent/)
    expect(result.kind === 'failed' && result.message).toMatch(/Sent\? Not known yet/)
    const record = deps.store.list()[0]
    expect(record).toMatchObject({ status: 'AWAITING_WALLET', nonce: 0, sentUnknown: true })
    expect(canSendAgain(record as TxRecord, deps.store.list())).toBe(false)
    expect(closeIntent(deps.store, record?.id ?? '')?.status).toBe('AWAITING_WALLET')
  })

  it('after a wallet error, a later send may take the same nonce (only one of the two can be included)', async () => {
    const deps = tab(wallet, reader)
    wallet.failWith = new Error('Internal JSON-RPC error.')
    await sendThroughPipeline(deps, transferIntent())
    wallet.failWith = undefined
    expect((await sendThroughPipeline(deps, transferIntent())).kind).toBe('sent')
    expect(wallet.sends().map((s) => s.nonce)).toEqual([0, 0])
  })

  it('a provider refusal before signing (4100 unauthorized) is proof: not sent', async () => {
    const deps = tab(wallet, reader)
    wallet.failWith = Object.assign(new Error('Unauthorized'), { code: 4100 })
    const result = await sendThroughPipeline(deps, transferIntent())
    expect(result.kind === 'failed' && result.message).toMatch(/Nothing was sent/)
    expect(deps.store.list()[0]).toMatchObject({ status: 'NOT_SENT', nonce: 0 })
    // Refused as invalid by the node the wallet sent it to: nobody took it.
    wallet.failWith = new Error('insufficient funds for gas * price + value')
    expect((await sendThroughPipeline(deps, transferIntent())).kind).toBe('failed')
    expect(deps.store.list()[0]).toMatchObject({ status: 'NOT_SENT' })
  })

  it('read failures before the wallet send nothing and record nothing', async () => {
    reader.fail = true
    const deps = tab(wallet, reader)
    const result = await sendThroughPipeline(deps, transferIntent())
    expect(result.kind).toBe('failed')
    expect(result.kind === 'failed' && result.message).toMatch(/^Nothing was sent/)
    expect(sendCount()).toBe(0)
    expect(deps.store.list()).toEqual([])
  })
})

describe('same nonce for replacements and send again', () => {
  async function pendingRecord(deps: ReturnType<typeof tab>) {
    const result = await sendThroughPipeline(deps, transferIntent())
    if (result.kind !== 'sent') throw new Error('not sent')
    return result.record
  }

  it('cancel / speed-up reuse the nonce and mark the original replaced', async () => {
    reader.pending = 7
    const deps = tab(wallet, reader)
    const original = await pendingRecord(deps)
    const result = await sendThroughPipeline(
      deps,
      transferIntent({ kind: 'speed-up', reuse: { recordId: original.id, mode: 'replace' } }),
    )
    expect(result.kind === 'sent' && result.record.nonce).toBe(7)
    expect(deps.store.get(original.id)?.replacedBy).toBe(result.kind === 'sent' ? result.record.id : '')
  })

  it('send again after FAILED reuses the nonce while it is free at the head, and is refused once it is used', async () => {
    reader.pending = 7
    reader.mined = 7
    const deps = tab(wallet, reader)
    const original = await pendingRecord(deps)
    // Protect may include it until block 101: the action reads the head at the click (100) and waits.
    deps.store.update(original.id, { status: 'FAILED', maxBlockNumber: 101 })
    const early = await sendThroughPipeline(
      deps,
      transferIntent({ reuse: { recordId: original.id, mode: 'resend' } }),
    )
    expect(early).toMatchObject({ kind: 'refused', message: expect.stringMatching(/until block 101/) })
    expect(wallet.sends()).toHaveLength(1)
    reader.head = 101n
    const again = await sendThroughPipeline(
      deps,
      transferIntent({ reuse: { recordId: original.id, mode: 'resend' } }),
    )
    expect(again.kind === 'sent' && again.record).toMatchObject({ nonce: 7, resends: original.id })
    deps.store.update(again.kind === 'sent' ? again.record.id : '', { status: 'FAILED' })
    reader.mined = 8
    const refused = await sendThroughPipeline(
      deps,
      transferIntent({ reuse: { recordId: original.id, mode: 'resend' } }),
    )
    expect(refused.kind).toBe('refused')
    expect(wallet.sends().map((s) => s.nonce)).toEqual([7, 7])
  })

  it('send again of one original from two tabs: the second is refused while the first resend is open (simulator seed 1, holdsToday)', async () => {
    reader.pending = 7
    reader.mined = 7
    const first = tab(wallet, reader)
    // The original was declined at nonce 7 (no hash), then another transaction took nonce 7.
    wallet.decline = true
    const declined = await sendThroughPipeline(first, transferIntent())
    wallet.decline = false
    const original = first.store.list()[0]!
    expect(declined.kind).not.toBe('sent')
    expect(original).toMatchObject({ status: 'NOT_SENT', nonce: 7 })
    reader.pending = 8
    reader.mined = 8
    Object.assign(reader, {
      getBlock: async () => ({
        transactions: [
          { from: sender, nonce: 7, to: sender, value: 0n, input: '0x', hash: `0x${'ab'.repeat(32)}` },
        ],
      }),
    })
    const again = await sendThroughPipeline(
      first,
      transferIntent({ reuse: { recordId: original.id, mode: 'resend' } }),
    )
    expect(again.kind === 'sent' && again.record.nonce).toBe(8)
    // The other tab still shows the original as "Not sent", and its user presses Send again there too.
    const refused = await sendThroughPipeline(
      tab(wallet, reader),
      transferIntent({ reuse: { recordId: original.id, mode: 'resend' } }),
    )
    expect(refused).toMatchObject({ kind: 'refused' })
    expect(wallet.sends().map((s) => s.nonce)).toEqual([7, 8])
  })

  it('send again is refused while another open transaction holds that nonce', async () => {
    const deps = tab(wallet, reader)
    const original = await pendingRecord(deps)
    deps.store.update(original.id, { status: 'FAILED' })
    await pendingRecord(deps) // a newer send took the freed nonce 0
    const refused = await sendThroughPipeline(
      deps,
      transferIntent({ reuse: { recordId: original.id, mode: 'resend' } }),
    )
    expect(refused).toMatchObject({ kind: 'refused' })
    expect(sendCount()).toBe(2)
  })
})
