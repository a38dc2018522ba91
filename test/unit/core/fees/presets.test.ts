import fc from 'fast-check'
import { parseGwei } from 'viem'
import { describe, expect, it } from 'vitest'
import { classifyError } from '../../../../src/core/errors/classify'
import {
  absurdFeePerGas,
  bumpedFees,
  checkCustomFees,
  maxTotalCost,
  minimumTips,
  presetsFromFeeHistory,
  tipCapFloor,
} from '../../../../src/core/fees/presets'
import { replacementQuote } from '../../../../src/core/fees/replacement'

const gwei = (v: string) => parseGwei(v)

describe('fee presets from eth_feeHistory', () => {
  it('uses the median of the 10th/50th/90th percentile rewards and 2 × next base fee + tip', () => {
    const history = {
      baseFeePerGas: [gwei('10'), gwei('11'), gwei('12')],
      reward: [
        [gwei('1'), gwei('2'), gwei('5')],
        [gwei('1.5'), gwei('3'), gwei('6')],
        [gwei('0.5'), gwei('2.5'), gwei('9')],
      ],
    }
    const { baseFee, presets } = presetsFromFeeHistory(history)
    expect(baseFee).toBe(gwei('12'))
    expect(presets.slow).toEqual({ maxPriorityFeePerGas: gwei('1'), maxFeePerGas: gwei('25') })
    expect(presets.normal).toEqual({ maxPriorityFeePerGas: gwei('2.5'), maxFeePerGas: gwei('26.5') })
    expect(presets.fast).toEqual({ maxPriorityFeePerGas: gwei('6'), maxFeePerGas: gwei('30') })
  })

  it('never offers a zero tip (Protect drops those) on an idle chain', () => {
    const { presets } = presetsFromFeeHistory({ baseFeePerGas: [7n], reward: [[0n, 0n, 0n]] })
    expect(presets.slow.maxPriorityFeePerGas).toBe(minimumTips.slow)
    expect(presets.normal.maxPriorityFeePerGas).toBe(minimumTips.normal)
    expect(presets.fast.maxPriorityFeePerGas).toBe(minimumTips.fast)
  })

  it('is ordered slow ≤ normal ≤ fast and max fee ≥ tip for any history', () => {
    const fee = fc.bigInt({ min: 0n, max: 10n ** 13n })
    fc.assert(
      fc.property(
        fc.array(fee, { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(fee, fee, fee), { maxLength: 12 }),
        (baseFeePerGas, reward) => {
          const { presets } = presetsFromFeeHistory({ baseFeePerGas, reward })
          expect(presets.slow.maxPriorityFeePerGas <= presets.normal.maxPriorityFeePerGas).toBe(true)
          expect(presets.normal.maxPriorityFeePerGas <= presets.fast.maxPriorityFeePerGas).toBe(true)
          for (const p of Object.values(presets)) {
            expect(p.maxPriorityFeePerGas > 0n).toBe(true)
            expect(p.maxFeePerGas >= p.maxPriorityFeePerGas).toBe(true)
          }
        },
      ),
    )
  })
})

describe('custom fees', () => {
  it('accepts a valid custom fee and refuses the bad ones at the right field', () => {
    expect(checkCustomFees({ maxFeeGwei: '30', priorityFeeGwei: '2' }, gwei('10'))).toEqual({
      ok: true,
      fees: { maxFeePerGas: gwei('30'), maxPriorityFeePerGas: gwei('2') },
    })
    expect(checkCustomFees({ maxFeeGwei: 'x', priorityFeeGwei: '2' }, 0n)).toMatchObject({
      ok: false,
      field: 'maxFeeGwei',
    })
    expect(checkCustomFees({ maxFeeGwei: '30', priorityFeeGwei: '0' }, 0n)).toMatchObject({
      ok: false,
      field: 'priorityFeeGwei',
    })
    expect(checkCustomFees({ maxFeeGwei: '1', priorityFeeGwei: '2' }, 0n)).toMatchObject({
      ok: false,
      field: 'priorityFeeGwei',
    })
    expect(checkCustomFees({ maxFeeGwei: '5', priorityFeeGwei: '1' }, gwei('10'))).toMatchObject({
      ok: false,
      field: 'maxFeeGwei',
    })
    expect(checkCustomFees({ maxFeeGwei: '1.0000000001', priorityFeeGwei: '1' }, 0n).ok).toBe(false)
  })
})

describe('costs', () => {
  it('max total cost is gas × max fee + value', () => {
    expect(maxTotalCost(21_000n, { maxFeePerGas: 3n, maxPriorityFeePerGas: 1n }, 5n)).toBe(63_005n)
  })

  it('replacement fees are over 10% above the old ones and never below the current preset', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        (oldTip, extra, now) => {
          const old = { maxPriorityFeePerGas: oldTip, maxFeePerGas: oldTip + extra }
          const current = { maxPriorityFeePerGas: now, maxFeePerGas: now * 2n }
          const next = bumpedFees(old, current)
          expect(next.maxPriorityFeePerGas * 10n > old.maxPriorityFeePerGas * 11n).toBe(true)
          expect(next.maxFeePerGas * 10n > old.maxFeePerGas * 11n).toBe(true)
          expect(next.maxFeePerGas >= current.maxFeePerGas).toBe(true)
          expect(next.maxFeePerGas >= next.maxPriorityFeePerGas).toBe(true)
        },
      ),
    )
  })
})

describe('fees with bounds', () => {
  it('caps each preset at 2 × the base fee in tip (at least 2 gwei) and says which were capped', () => {
    const history = {
      baseFeePerGas: [gwei('10')],
      reward: [[gwei('1'), gwei('15'), gwei('900')]],
    }
    const p = presetsFromFeeHistory(history)
    expect(p.cap).toEqual({ tip: gwei('20'), maxFee: gwei('40') })
    expect(p.presets.normal.maxPriorityFeePerGas).toBe(gwei('15'))
    expect(p.presets.fast).toEqual({ maxPriorityFeePerGas: gwei('20'), maxFeePerGas: gwei('40') })
    expect(p.capped).toEqual({ fast: gwei('900') })
    const idle = presetsFromFeeHistory({ baseFeePerGas: [7n], reward: [[0n, gwei('50'), gwei('50')]] })
    expect(idle.cap.tip).toBe(tipCapFloor)
    expect(idle.presets.fast.maxPriorityFeePerGas).toBe(tipCapFloor)
  })

  it('never offers more than the cap, for any history', () => {
    const fee = fc.bigInt({ min: 0n, max: absurdFeePerGas })
    fc.assert(
      fc.property(
        fc.array(fee, { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(fee, fee, fee), { maxLength: 12 }),
        (baseFeePerGas, reward) => {
          const { presets, cap } = presetsFromFeeHistory({ baseFeePerGas, reward })
          for (const p of Object.values(presets)) {
            expect(p.maxPriorityFeePerGas <= cap.tip).toBe(true)
            expect(p.maxFeePerGas <= cap.maxFee).toBe(true)
          }
        },
      ),
    )
  })

  it('refuses fee history with absurd values as an unusable answer (classified), never as fees', () => {
    const bad = [
      { baseFeePerGas: [], reward: [] },
      { baseFeePerGas: [absurdFeePerGas + 1n], reward: [] },
      { baseFeePerGas: [-1n], reward: [] },
      { baseFeePerGas: [gwei('10')], reward: [[0n, 0n, absurdFeePerGas + 1n]] },
      { baseFeePerGas: [gwei('10')], reward: [], gasUsedRatio: [1.5] },
      { baseFeePerGas: [gwei('10')], reward: [], gasUsedRatio: [Number.NaN] },
    ]
    for (const history of bad) {
      const error = (() => {
        try {
          presetsFromFeeHistory(history)
        } catch (e) {
          return e
        }
      })()
      const classified = classifyError(error)
      expect(
        classified.category,
        JSON.stringify(history, (_, v) => (typeof v === 'bigint' ? `${v}` : v)),
      ).toBe('network')
      expect(classified.message).toMatch(/gave an unusable answer: eth_feeHistory answered/)
    }
  })
})

describe('the fees of a cancel or speed-up', () => {
  const presets = presetsFromFeeHistory({
    baseFeePerGas: [gwei('10')],
    reward: [[gwei('1'), gwei('2'), gwei('3')]],
  })

  it('a speed-up: at least the fast preset and 20% over the original; its cost includes the value', () => {
    const q = replacementQuote(
      'speed-up',
      { fees: { maxFeePerGas: gwei('30'), maxPriorityFeePerGas: gwei('1') }, gas: 50_000n, value: 5n },
      presets,
    )
    expect(q.fees).toEqual({ maxFeePerGas: gwei('36') + 1n, maxPriorityFeePerGas: gwei('3') })
    expect(q.maxCost).toBe(50_000n * (gwei('36') + 1n) + 5n)
    expect(q.aboveCap).toBe(false)
  })

  it('a cancel: 21,000 gas, no value, 20% over the normal preset when the original fees are unknown', () => {
    const q = replacementQuote('cancel', { fees: undefined, gas: 90_000n, value: 7n }, presets)
    const fees = bumpedFees(presets.presets.normal, presets.presets.normal)
    expect(q).toMatchObject({ gas: 21_000n, value: 0n, fees })
    expect(q.maxCost).toBe(21_000n * fees.maxFeePerGas)
  })

  it('says when the bump a replacement needs goes above the cap', () => {
    const q = replacementQuote(
      'cancel',
      { fees: { maxFeePerGas: gwei('100'), maxPriorityFeePerGas: gwei('50') }, gas: 21_000n, value: 0n },
      presets,
    )
    expect(q.aboveCap).toBe(true)
    expect(q.fees.maxPriorityFeePerGas).toBe(gwei('60') + 1n)
  })
})
