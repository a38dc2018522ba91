import { describe, expect, it } from 'vitest'
import { readAccountState } from '../../../../../src/core/tx/fix/accountState'
import type { Diagnosis } from '../../../../../src/core/tx/fix/diagnosis'
import {
  fillGapIntent,
  fixIntent,
  gapFillerData,
  withoutSpentAction,
} from '../../../../../src/core/tx/fix/fixes'
import type { TxRecord } from '../../../../../src/core/tx/records/records'
import { chooseNonce, type PipelineDeps } from '../../../../../src/core/tx/send/pipeline'
import type { Original } from '../../../../../src/core/tx/send/replace'
import { recordFrom, recordTo, transferRecord } from '../../../../support/builders/records'

const from = recordFrom
const to = recordTo
const record = transferRecord()
const fees = {
  speedUp: { maxFeePerGas: 5000n, maxPriorityFeePerGas: 500n },
  normal: { maxFeePerGas: 900n, maxPriorityFeePerGas: 50n },
}

const original: Original = {
  call: { to, value: 1000n },
  nonce: 7,
  gas: 21_000n,
  fees: { maxFeePerGas: 1000n, maxPriorityFeePerGas: 100n },
  source: 'record',
}
const base = { consentToPublic: false }

describe('the one fix of a diagnosis, as an intent for the one pipeline', () => {
  it('fills a gap at exactly the missing nonce, with data so Protect does not take it for a cancellation', () => {
    const intent = fillGapIntent(record, 5, fees.normal, base)
    expect(intent).toMatchObject({ kind: 'cancel', from, fillNonce: 5, call: { to: from, value: 0n } })
    expect(intent.reuse).toBeUndefined()
    // Protect's cancellation shape is a self-transfer with at most 2 bytes of data.
    expect((intent.call.data?.length ?? 2) - 2).toBeGreaterThan(4)
    expect(intent.call.data).toBe(gapFillerData)
    expect(fixIntent(record, { kind: 'fill-gap', nonce: 5 }, original, fees, base)).toEqual(intent)
  })

  it('sends again with the higher gas limit an out-of-gas diagnosis names, above the failed fees', () => {
    const intent = fixIntent(record, { kind: 'send-again', gas: 42_000n }, original, fees, base)
    expect(intent).toMatchObject({ kind: 'transfer', gas: 42_000n, amount: 1000n, reuse: { mode: 'resend' } })
    // Never the same signed transaction as the failed one: 20% over its fees, or the current ones if higher.
    expect(intent.fees).toEqual({ maxFeePerGas: 1201n, maxPriorityFeePerGas: 121n })
    expect(fixIntent(record, { kind: 'send-again' }, original, fees, base).gas).toBe(21_000n)
  })

  it('speeds up at the same nonce, at least 20% over the old fees and at the speed-up preset', () => {
    const intent = fixIntent({ ...record, status: 'PENDING' }, { kind: 'speed-up' }, original, fees, base)
    expect(intent).toMatchObject({ kind: 'speed-up', reuse: { recordId: 'r1', mode: 'replace' } })
    expect(intent.fees).toEqual({ maxFeePerGas: 5000n, maxPriorityFeePerGas: 500n })
  })
})

describe('the pipeline takes a gap filler at exactly its nonce', () => {
  const deps = (mined: number, records: TxRecord[] = []) =>
    ({
      store: { list: () => records },
      reader: { getTransactionCount: async () => mined },
    }) as unknown as PipelineDeps
  const intent = { chainId: 1, from: from as `0x${string}`, fillNonce: 5, gapAcknowledged: true }
  it('the missing nonce when the chain has not used it and no open record holds it', async () => {
    expect(await chooseNonce(deps(5), intent)).toBe(5)
  })
  it('not without the user saying no other app holds it: a private transaction sent elsewhere is invisible until included (issue 21)', async () => {
    const { gapAcknowledged: _, ...unasked } = intent
    const refused = await chooseNonce(deps(5), unasked)
    expect(refused).toMatch(/another app may hold nonce 5/)
    expect(refused).toMatch(/Nothing was sent/)
  })
  it("needs no such word at Hush's own unknown outcome: filling that nonce is what settles it", async () => {
    const { gapAcknowledged: _, ...unasked } = intent
    const unknown = { ...record, id: 'u', nonce: 5, status: 'AWAITING_WALLET', sentUnknown: true } as TxRecord
    expect(await chooseNonce(deps(5, [unknown]), unasked)).toBe(5)
  })
  it('refuses once the chain has used it, or while another open record holds it', async () => {
    expect(await chooseNonce(deps(6), intent)).toMatch(/no gap to fill/)
    const holder = { ...record, id: 'h', nonce: 5, status: 'PENDING' } as TxRecord
    expect(await chooseNonce(deps(5, [holder]), intent)).toMatch(/held by another transaction/)
  })
})

describe('the account state behind a diagnosis', () => {
  const client = (count: number) => ({
    getBlock: async () => ({ number: 10n, baseFeePerGas: 7n }) as never,
    getTransactionCount: async () => count,
    getBalance: async () => 99n,
  })
  it('reads nonce, balance and base fee at one block', async () => {
    expect(await readAccountState(client(3), from)).toEqual({
      block: 10n,
      chainNonce: 3,
      balance: 99n,
      baseFee: 7n,
    })
  })
  it('refuses the huge nonce Protect answers after a failure: never a next nonce', async () => {
    await expect(readAccountState(client(1_000_000_001), from)).rejects.toThrow(/not a real count/)
  })
})

const failed: Diagnosis = { code: 'failed', title: 'Not included', text: '…', action: { kind: 'send-again' } }

describe('the fix button of a diagnosis', () => {
  it('offers send again only once Protect’s window is past, and only while no other attempt of it was sent', () => {
    const inWindow = { ...record, status: 'FAILED', maxBlockNumber: 40, observedHead: 39 }
    const held = withoutSpentAction(failed, inWindow, [inWindow])
    expect(held.action).toBeUndefined()
    expect(held.text).toMatch(/may still include it until block 40/)
    const past = { ...inWindow, observedHead: 40 }
    expect(withoutSpentAction(failed, past, [past]).action).toEqual({ kind: 'send-again' })
    const resent = { ...past, id: 'r2', resends: 'r1', status: 'PENDING' }
    expect(withoutSpentAction(failed, past, [past, resent]).action).toBeUndefined()
    // A resend the wallet declined does not count: it can still be sent again.
    const declined = { ...resent, status: 'NOT_SENT' }
    expect(withoutSpentAction(failed, past, [past, declined]).action).toEqual({ kind: 'send-again' })
  })

  it('offers a speed-up only for a pending record not already replaced', () => {
    const slow: Diagnosis = {
      code: 'fee-too-low',
      title: 'Fee too low',
      text: '…',
      action: { kind: 'speed-up' },
    }
    const pending = { ...record, status: 'PENDING' }
    expect(withoutSpentAction(slow, pending, [pending]).action).toEqual({ kind: 'speed-up' })
    expect(withoutSpentAction(slow, { ...pending, replacedBy: 'r3' }, [pending]).action).toBeUndefined()
  })
})
