import { describe, expect, it } from 'vitest'
import type { FeePresets } from '../../../../../src/core/fees/presets'
import { fixMaxCost } from '../../../../../src/core/tx/fix/cost'
import { fixIntent } from '../../../../../src/core/tx/fix/fixes'
import type { Original } from '../../../../../src/core/tx/send/replace'
import { shownSpeedUpFees } from '../../../../../src/shared/tx/useDiagnosisFix'
import { recordTo, transferRecord } from '../../../../support/builders/records'

const record = transferRecord()
const fast = { maxFeePerGas: 5000n, maxPriorityFeePerGas: 500n }
const normal = { maxFeePerGas: 900n, maxPriorityFeePerGas: 50n }
const presets = { presets: { fast, normal } } as unknown as FeePresets
const original: Original = {
  call: { to: recordTo, value: 1000n },
  nonce: 7,
  gas: 21_000n,
  fees: { maxFeePerGas: 1000n, maxPriorityFeePerGas: 100n },
  source: 'record',
}
const base = { consentToPublic: false }
/** What the pipeline would be asked to send for this fix, at most: its gas limit × its max fee. */
const sent = (action: Parameters<typeof fixIntent>[1]) => {
  const intent = fixIntent(record, action, original, { speedUp: fast, normal }, base)
  return BigInt(intent.gas ?? 0n) * intent.fees.maxFeePerGas
}

describe('the cost a diagnosis names for its one fix', () => {
  it('is the most the send it makes can cost: gas limit × max fee, with the fees that send uses', () => {
    expect(fixMaxCost({ kind: 'send-again' }, record, presets)).toBe(sent({ kind: 'send-again' }))
    expect(fixMaxCost({ kind: 'send-again', gas: 42_000n }, record, presets)).toBe(
      sent({ kind: 'send-again', gas: 42_000n }),
    )
    expect(fixMaxCost({ kind: 'fill-gap', nonce: 5 }, record, presets)).toBe(
      sent({ kind: 'fill-gap', nonce: 5 }),
    )
  })

  it('names the speed-up at the fee its button shows', () => {
    expect(fixMaxCost({ kind: 'speed-up' }, record, presets)).toBe(
      21_000n * shownSpeedUpFees(record, presets).maxFeePerGas,
    )
    expect(fixMaxCost({ kind: 'speed-up', gas: 50_000n }, record, presets)).toBe(
      50_000n * shownSpeedUpFees(record, presets).maxFeePerGas,
    )
  })

  it('names no cost for a fix that sends nothing, or when the gas limit is unknown', () => {
    expect(fixMaxCost({ kind: 'show-record', id: 'x' }, record, presets)).toBeUndefined()
    expect(fixMaxCost({ kind: 'copy-address' }, record, presets)).toBeUndefined()
    expect(fixMaxCost({ kind: 'speed-up' }, {}, presets)).toBeUndefined()
  })
})
