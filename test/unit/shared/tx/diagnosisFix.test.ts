import { describe, expect, it } from 'vitest'
import type { FeePresets } from '../../../../src/core/fees/presets'
import { shownSpeedUpFees } from '../../../../src/shared/tx/useDiagnosisFix'
import { transferRecord } from '../../../support/builders/records'

const record = transferRecord()

describe('the fix button of a diagnosis', () => {
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
