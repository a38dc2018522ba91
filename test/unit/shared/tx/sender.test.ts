import { beforeEach, describe, expect, it } from 'vitest'
import type { PipelineProgress } from '../../../../src/core/tx/send/pipeline'
import { createSender, type DepsFor } from '../../../../src/shared/tx/sender'
import {
  freshTab,
  type ScriptedWallet,
  tab,
  transferIntent,
  until,
  withProgress,
} from '../../../support/builders/pipeline'

/**
 * The state behind useSender (the one hook for sending), driven through the real pipeline with a scripted
 * wallet: progress until the wallet answers, one attempt at a time, the result's sentence, and the "send
 * without protection" choice bound to the protection state it was given in.
 */
let wallet: ScriptedWallet
let depsFor: DepsFor
beforeEach(() => {
  const t = freshTab()
  wallet = t.wallet
  depsFor = withProgress(tab(wallet, t.reader))
})

const { consentToPublic: _, ...unconsented } = transferIntent()
const build = async () => unconsented
const sends = () => wallet.requests.filter((r) => r.method === 'eth_sendTransaction').length

describe('useSender state (createSender)', () => {
  it('shows the pipeline progress until the wallet answers, then none; says the sent text', async () => {
    const sender = createSender()
    const seen: (PipelineProgress | undefined)[] = []
    sender.subscribe(() => seen.push(sender.get().progress))
    wallet.hold = true
    const done = sender.send(depsFor, 'send', build, { sentText: 'Sent.' })
    await until(() => wallet.waiting() === 1)
    expect(sender.get()).toMatchObject({ busy: 'send', progress: 'waiting-for-wallet' })
    expect(seen).toContain('checking-protection')
    wallet.release()
    expect((await done)?.result?.kind).toBe('sent')
    expect(sender.get()).toMatchObject({ busy: undefined, progress: undefined, message: 'Sent.' })
  })

  it('drops a second attempt while one runs (a double click): one wallet request', async () => {
    const sender = createSender()
    wallet.hold = true
    const first = sender.send(depsFor, 'send', build)
    expect(await sender.send(depsFor, 'send', build)).toBeUndefined()
    await until(() => wallet.waiting() === 1)
    wallet.release()
    await first
    expect(sends()).toBe(1)
  })

  it('ends with the pipeline sentence (a decline), and with why nothing could be built', async () => {
    const sender = createSender()
    wallet.decline = true
    await sender.send(depsFor, 'send', build)
    expect(sender.get().message).toBe('You declined the transaction in your wallet. Nothing was sent.')
    await sender.send(depsFor, 'send', async () => 'This transaction cannot be rebuilt.')
    expect(sender.get().message).toBe('This transaction cannot be rebuilt.')
    await sender.send(depsFor, 'send', async () => {
      throw new Error('Connect a wallet on a supported chain first.\nmore')
    })
    expect(sender.get()).toMatchObject({
      message: 'Connect a wallet on a supported chain first.',
      busy: undefined,
    })
  })

  it('binds the choice to the state the gate stopped in: given while "not protected", it does not cover "unknown"', async () => {
    const sender = createSender()
    sender.protectionIs('protected')
    wallet.protection = 'not-protected'
    expect((await sender.send(depsFor, 'send', build))?.result).toMatchObject({
      kind: 'gate',
      state: 'not-protected',
    })
    sender.setConsent(true)
    expect(sender.consent('send')).toEqual({ consentToPublic: true, consentFor: 'not-protected' })
    wallet.protection = 'unknown'
    expect((await sender.send(depsFor, 'send', build))?.result).toMatchObject({
      kind: 'gate',
      state: 'unknown',
    })
    expect(sends()).toBe(0)
    // A change asks again: the box is unticked, and ticking it now covers "unknown".
    expect(sender.consented()).toBe(false)
    sender.setConsent(true)
    expect((await sender.send(depsFor, 'send', build))?.result?.kind).toBe('sent')
    expect(sends()).toBe(1)
    // Used once: the next transaction asks again.
    expect(sender.consented()).toBe(false)
  })

  it("unticks the choice when the page's probe changes, even to protected and back", () => {
    const sender = createSender()
    sender.protectionIs('not-protected')
    sender.setConsent(true)
    expect(sender.consent()).toEqual({ consentToPublic: true, consentFor: 'not-protected' })
    sender.protectionIs('protected')
    sender.protectionIs('not-protected')
    expect(sender.consent()).toEqual({ consentToPublic: false })
  })

  it('a choice given after the gate stopped one action covers only that action', async () => {
    const sender = createSender()
    wallet.protection = 'not-protected'
    await sender.send(depsFor, 'cancel', build)
    sender.setConsent(true)
    expect(sender.consent('speed-up')).toEqual({ consentToPublic: false })
    expect((await sender.send(depsFor, 'speed-up', build))?.result?.kind).toBe('gate')
    expect(sends()).toBe(0)
  })
})
