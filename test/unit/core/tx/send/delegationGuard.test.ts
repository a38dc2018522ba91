import { type Address, concat } from 'viem'
import { describe, expect, it } from 'vitest'
import { sendAtomicBatch } from '../../../../../src/core/tx/send/batchPipeline'
import { judgeDelegation } from '../../../../../src/core/tx/send/delegationGuard'
import { sendThroughPipeline } from '../../../../../src/core/tx/send/pipeline'
import { recipient, sender, tab, tabPerTest, transferIntent } from '../../../../support/builders/pipeline'

const sweeper: Address = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const vouched: Address = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512'
const designator = (a: Address) => concat(['0xef0100', a])

const t = tabPerTest()
const asked = () =>
  t.wallet.requests.filter((r) => r.method === 'eth_sendTransaction' || r.method === 'wallet_sendCalls')
    .length

describe('judgeDelegation', () => {
  it('plain, known, unknown; a contract or a malformed designator is no delegation', () => {
    expect(judgeDelegation('0x', [vouched])).toEqual({ kind: 'none' })
    expect(judgeDelegation(designator(vouched), [vouched])).toEqual({ kind: 'known', delegate: vouched })
    expect(judgeDelegation(designator(sweeper).toLowerCase() as `0x${string}`, [vouched])).toEqual({
      kind: 'unknown',
      delegate: sweeper,
    })
    expect(judgeDelegation('0x6080604052', [])).toEqual({ kind: 'none' })
    expect(judgeDelegation(`${designator(sweeper)}00`, [])).toEqual({ kind: 'none' })
  })
})

/** A transfer sent with the tick that accepts `sweeper` as the account's delegate. */
const sendTicked = () =>
  sendThroughPipeline(tab(t.wallet, t.reader), transferIntent({ acceptedDelegate: sweeper }))

describe('the EIP-7702 guard in the send pipeline (checked in core, not only a disabled button)', () => {
  it('an account delegated to an unknown contract never reaches the wallet without the tick', async () => {
    t.reader.code = designator(sweeper)
    const deps = tab(t.wallet, t.reader)
    const result = await sendThroughPipeline(deps, transferIntent())
    expect(result.kind).toBe('refused')
    expect(result.kind === 'refused' && result.message).toContain(sweeper)
    expect(asked()).toBe(0)
    expect(deps.store.list()).toEqual([])
  })

  it('the same refusal for an atomic batch', async () => {
    t.reader.code = designator(sweeper)
    const result = await sendAtomicBatch(tab(t.wallet, t.reader), {
      chainId: 31337,
      from: sender,
      steps: [{ call: { to: recipient, value: 1n }, label: 'one' }],
      consentToPublic: false,
    })
    expect(result.kind).toBe('refused')
    expect(asked()).toBe(0)
  })

  it('with the tick naming that delegate, it is sent', async () => {
    t.reader.code = designator(sweeper)
    const result = await sendTicked()
    expect(result.kind).toBe('sent')
    expect(asked()).toBe(1)
  })

  it('a delegation that changed after the tick is refused', async () => {
    t.reader.code = designator(vouched)
    const result = await sendTicked()
    expect(result).toMatchObject({ kind: 'refused', message: expect.stringContaining('changed to') })
    expect(asked()).toBe(0)
  })

  it('a delegate on the known list needs no tick; a plain account neither', async () => {
    t.reader.code = designator(vouched)
    const deps = tab(t.wallet, t.reader, { knownDelegates: [vouched] })
    expect((await sendThroughPipeline(deps, transferIntent())).kind).toBe('sent')
    t.reader.code = '0x'
    expect((await sendThroughPipeline(tab(t.wallet, t.reader), transferIntent())).kind).toBe('sent')
  })

  it('a failed code read sends nothing (no answer is not "not delegated")', async () => {
    const deps = tab(t.wallet, t.reader)
    t.reader.getCode = async () => {
      throw new Error('HTTP request failed. Status: 500')
    }
    expect((await sendThroughPipeline(deps, transferIntent())).kind).toBe('failed')
    expect(asked()).toBe(0)
  })
})
