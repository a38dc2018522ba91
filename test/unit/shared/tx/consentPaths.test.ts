import type { Hex } from 'viem'
import { beforeEach, describe, expect, it } from 'vitest'
import type { TxRecord } from '../../../../src/core/tx/records/records'
import type { PipelineDeps } from '../../../../src/core/tx/send/pipeline'
import { createSender, type DepsFor, type UnconsentedIntent } from '../../../../src/shared/tx/sender'
import { fixIntentFor } from '../../../../src/shared/tx/useDiagnosisFix'
import { type ReplaceAction, replacementFor } from '../../../../src/shared/tx/useReplaceActions'
import {
  freshTab,
  sender as from,
  replacementReads,
  type ScriptedReader,
  type ScriptedWallet,
  tab,
  withProgress,
} from '../../../support/builders/pipeline'
import { transferRecord } from '../../../support/builders/records'

/**
 * Issue 21: the "send without protection" choice of cancel, speed-up, send again and a diagnosis fix is bound to
 * the protection state it was given in. Each path: the gate stops it ("not protected"), the user ticks the box,
 * then the wallet's probe answers "unknown": nothing goes out, and the box asks again.
 */
let wallet: ScriptedWallet
let reader: ScriptedReader
let pipeline: PipelineDeps
let depsFor: DepsFor
beforeEach(() => {
  const t = freshTab()
  wallet = t.wallet
  // Neither the chain nor the wallet's RPC knows the hash: the record's own fields rebuild it.
  reader = Object.assign(t.reader, replacementReads)
  pipeline = tab(wallet, reader)
  depsFor = withProgress(pipeline)
})

function stored(status: string): TxRecord {
  const record = transferRecord({
    chainId: 31337,
    from,
    nonce: 0,
    hash: `0x${'ab'.repeat(32)}` as Hex,
    status,
    // Protect's window for it ended at block 1, seen by tracking (a FAILED one waits for it: nextSend).
    maxBlockNumber: 1,
    observedHead: 1,
    call: { to: from, value: '1000' },
    // Fees the user saw when it was sent, above today's presets: "send again" may use those (issue 22).
    fees: { maxFeePerGas: '5000000000', maxPriorityFeePerGas: '1000000000', gas: '21000' },
  })
  return pipeline.store.add(record)
}

const sends = () => wallet.requests.filter((r) => r.method === 'eth_sendTransaction').length
const sources = () => ({ reader: reader as never, wallet: wallet.request })

async function replacement(action: ReplaceAction, record: TxRecord): Promise<UnconsentedIntent> {
  const next = await replacementFor(action, record, sources(), undefined)
  if (typeof next === 'string') throw new Error(next)
  return 'send' in next ? next.send : next.intent
}

/** The path through one sender: stopped, ticked in "not protected", then the wallet answers "unknown". */
async function consentGivenThenStateChanges(what: string, build: () => Promise<UnconsentedIntent | string>) {
  const sender = createSender()
  wallet.protection = 'not-protected'
  expect((await sender.send(depsFor, what, build))?.result).toMatchObject({
    kind: 'gate',
    state: 'not-protected',
  })
  sender.setConsent(true)
  wallet.protection = 'unknown'
  const second = await sender.send(depsFor, what, build)
  expect(second?.result).toMatchObject({ kind: 'gate', state: 'unknown' })
  expect(sends()).toBe(0)
  expect(sender.consented()).toBe(false)
  // Asked again in the state it is in now, the choice counts.
  sender.setConsent(true)
  expect((await sender.send(depsFor, what, build))?.result?.kind).toBe('sent')
  expect(sends()).toBe(1)
}

describe('consent bound to the protection state (issue 21)', () => {
  it('cancel', async () => {
    const record = stored('PENDING')
    await consentGivenThenStateChanges('cancel', () => replacement('cancel', record))
  })

  it('speed-up', async () => {
    const record = stored('PENDING')
    await consentGivenThenStateChanges('speed-up', () => replacement('speed-up', record))
  })

  it('send again', async () => {
    const record = stored('FAILED')
    await consentGivenThenStateChanges('resend', () => replacement('resend', record))
  })

  it('a diagnosis fix (send again)', async () => {
    const record = stored('FAILED')
    const presets = {
      baseFee: 10n ** 9n,
      presets: {
        slow: { maxFeePerGas: 3n * 10n ** 9n, maxPriorityFeePerGas: 10n ** 8n },
        normal: { maxFeePerGas: 3n * 10n ** 9n, maxPriorityFeePerGas: 2n * 10n ** 8n },
        fast: { maxFeePerGas: 3n * 10n ** 9n, maxPriorityFeePerGas: 3n * 10n ** 8n },
      },
      cap: { tip: 10n ** 10n, maxFee: 10n ** 11n },
      capped: {},
    }
    await consentGivenThenStateChanges('fix', () =>
      fixIntentFor(record, { kind: 'send-again' }, presets as never, sources(), undefined),
    )
  })
})
