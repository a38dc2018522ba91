import { describe, expect, it } from 'vitest'
import type { FeePresets } from '../../../../src/core/fees/presets'
import type { Diagnosis } from '../../../../src/core/tx/fix/diagnosis'
import { withoutSpentAction } from '../../../../src/shared/tx/useDiagnosis'
import { shownSpeedUpFees } from '../../../../src/shared/tx/useDiagnosisFix'
import { transferRecord } from '../../../support/builders/records'

const record = transferRecord()
const failed: Diagnosis = { code: 'failed', title: 'Not included', text: '…', action: { kind: 'send-again' } }

describe('the fix button of a diagnosis', () => {
  it('offers send again only while no other attempt of it was sent', () => {
    expect(withoutSpentAction(failed, record, [record]).action).toEqual({ kind: 'send-again' })
    const resent = { ...record, id: 'r2', resends: 'r1', status: 'PENDING' }
    expect(withoutSpentAction(failed, record, [record, resent]).action).toBeUndefined()
    // A resend the wallet declined does not count: it can still be sent again.
    const declined = { ...resent, status: 'NOT_SENT' }
    expect(withoutSpentAction(failed, record, [record, declined]).action).toEqual({ kind: 'send-again' })
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

  it('names the speed-up fee it sends: 20% over the record, or the fast preset when higher', () => {
    const presets = (fast: bigint) =>
      ({ presets: { fast: { maxFeePerGas: fast, maxPriorityFeePerGas: 10n } } }) as unknown as FeePresets
    expect(shownSpeedUpFees(record, presets(500n))).toEqual({
      maxFeePerGas: 1201n,
      maxPriorityFeePerGas: 121n,
    })
    expect(shownSpeedUpFees(record, presets(9000n)).maxFeePerGas).toBe(9000n)
  })
})
