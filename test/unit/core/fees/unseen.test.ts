import { parseGwei } from 'viem'
import { describe, expect, it } from 'vitest'
import { type FeePresets, type Fees, feeCap } from '../../../../src/core/fees/presets'
import { feeForUnseenUse } from '../../../../src/core/fees/unseen'

const gwei = (n: string) => parseGwei(n)
function presets(normal: Fees, checkedBy?: string): FeePresets {
  const baseFee = gwei('10')
  return {
    baseFee,
    presets: { slow: normal, normal, fast: normal },
    cap: feeCap(baseFee),
    capped: {},
    ...(checkedBy ? { checkedBy } : {}),
  }
}
const low: Fees = { maxFeePerGas: gwei('22'), maxPriorityFeePerGas: gwei('2') }
const high: Fees = { maxFeePerGas: gwei('5000'), maxPriorityFeePerGas: gwei('2') }

describe('feeForUnseenUse (issue 22: no step or resend uses an unseen fee)', () => {
  it('a fee a second endpoint confirmed is used', () => {
    expect(feeForUnseenUse(presets(high, 'second'), low)).toEqual({ ok: true, fees: high })
  })

  it('a one-endpoint fee no higher than the one the user saw is used', () => {
    expect(feeForUnseenUse(presets(low), high)).toEqual({ ok: true, fees: low })
  })

  it('a one-endpoint fee above the one the user saw is refused, with both figures', () => {
    const result = feeForUnseenUse(presets(high), low)
    expect(result).toMatchObject({ ok: false })
    if (!result.ok) expect(result.message).toMatch(/5000 gwei max.*above the one you saw \(22 gwei max\)/)
  })

  it('a one-endpoint fee with nothing shown is refused', () => {
    expect(feeForUnseenUse(presets(low), undefined)).toMatchObject({ ok: false, message: /not shown to you/ })
  })
})
