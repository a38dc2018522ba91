import fc from 'fast-check'
import { parseUnits } from 'viem'
import { describe, expect, it } from 'vitest'
import {
  feeAmountOptions,
  formatAmount,
  formatFiat,
  formatGweiAmount,
} from '../../../../src/core/format/amount'

const en = { locale: 'en-US' }
const full = (value: bigint, decimals: number) => formatAmount(value, decimals, en)
const display = (value: bigint, decimals: number, options = {}) =>
  formatAmount(value, decimals, { ...en, ...options }).display

/** The displayed text back to a bigint of base units (en-US; drops grouping and the "<" of tiny values). */
function shownValue(text: string, decimals: number): bigint {
  const plain = text.replace(/,/g, '').replace('\u2212', '-').replace('+', '').replace('<', '')
  return parseUnits(plain, decimals)
}

describe('formatAmount', () => {
  it('decimals 18: groups, keeps 8 significant digits, cut toward zero', () => {
    const v = 9_997_279_531_925_173_149_709n
    expect(formatAmount(v, 18, en)).toEqual({
      exact: '9997.279531925173149709',
      display: '9,997.2795',
      approx: true,
    })
    expect(display(1_999_999_999_999_999_999n, 18)).toBe('1.999999')
    expect(display(parseUnits('1.5', 18), 18)).toBe('1.5')
    expect(display(0n, 18)).toBe('0')
    expect(display(parseUnits('0.000123456789', 18), 18)).toBe('0.000123')
  })

  it('decimals 6: whole millions stay exact, with grouping', () => {
    expect(full(1_000_000_000_000n, 6)).toEqual({ exact: '1000000', display: '1,000,000', approx: false })
    expect(display(1_234_567_891_234n, 6)).toBe('1,234,567.8')
    expect(display(1n, 6)).toBe('0.000001')
  })

  it('decimals 0: integers, grouped', () => {
    expect(full(1234567n, 0)).toEqual({ exact: '1234567', display: '1,234,567', approx: false })
    expect(display(7n, 0)).toBe('7')
  })

  it('tiny non-zero values say "<" instead of showing 0', () => {
    expect(full(1n, 18)).toEqual({ exact: '0.000000000000000001', display: '<0.000001', approx: true })
    expect(display(999_999_999_999n, 18)).toBe('<0.000001')
    expect(display(1n, 18, { maxFraction: 4 })).toBe('<0.0001')
  })

  it('huge values switch to a power of ten, cut toward zero', () => {
    expect(display(2n ** 255n, 0)).toBe('5.7896 × 10⁷⁶')
    expect(display(2n ** 255n, 36)).toBe('5.7896 × 10⁴⁰')
    expect(display(2n ** 100n, 18)).toBe('1,267,650,600,228')
    expect(display(10n ** 40n, 18)).toBe('1 × 10²²')
    expect(formatAmount(2n ** 255n, 36, en).exact.replace('.', '')).toBe(
      (2n ** 255n).toString().padStart(37, '0'),
    )
  })

  it('negative deltas and signed positive ones', () => {
    expect(formatAmount(-parseUnits('1.5', 6), 6, en)).toEqual({
      exact: '-1.5',
      display: '\u22121.5',
      approx: false,
    })
    expect(display(-1_999_999_999_999_999_999n, 18)).toBe('\u22121.999999')
    expect(display(-1n, 18)).toBe('\u2212<0.000001')
    expect(display(parseUnits('2', 6), 6, { signed: true })).toBe('+2')
    expect(display(0n, 6, { signed: true })).toBe('0')
  })

  it('uses the locale separators with Latin digits', () => {
    expect(display(parseUnits('1234.25', 6), 6, { locale: 'de-DE' })).toBe('1.234,25')
    expect(display(parseUnits('1234.5', 6), 6, { locale: 'ar-EG' })).toMatch(/^1.234.5$/)
  })

  it('never shows more than the exact value, for any value and decimals', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.integer({ min: 0, max: 36 }),
        (v, d) => {
          const f = formatAmount(v, d, en)
          expect(shownValue(f.exact, d)).toBe(v)
          if (f.display.includes('×')) return
          const shown = shownValue(f.display, d)
          const abs = (x: bigint) => (x < 0n ? -x : x)
          if (f.display.includes('<')) expect(abs(v)).toBeLessThan(abs(shown))
          else {
            expect(abs(shown)).toBeLessThanOrEqual(abs(v))
            expect(shown === 0n || shown < 0n === v < 0n).toBe(true)
            expect(f.approx).toBe(shown !== v)
          }
        },
      ),
    )
  })
})

describe('fee amounts in ETH', () => {
  it('keep three significant digits down to six decimals, like every other amount', () => {
    expect(display(21_000_000_000_000n, 18, feeAmountOptions)).toBe('0.000021')
    expect(display(5_256_000_000_000_000n, 18, feeAmountOptions)).toBe('0.00525')
    expect(display(10_512_345_000_000_000n, 18, feeAmountOptions)).toBe('0.0105')
    expect(display(634_000_000_000n, 18, feeAmountOptions)).toBe('<0.000001')
  })
})

describe('formatGweiAmount', () => {
  it('keeps four significant digits and reaches down to one wei', () => {
    expect(formatGweiAmount(1_000_000_007n, 'en-US').display).toBe('1')
    expect(formatGweiAmount(23_456_789_000n, 'en-US').display).toBe('23.45')
    expect(formatGweiAmount(50_000_000n, 'en-US').display).toBe('0.05')
    expect(formatGweiAmount(1n, 'en-US').display).toBe('0.000000001')
    expect(formatGweiAmount(1_000_000_007n, 'en-US').exact).toBe('1.000000007')
  })
})

describe('formatFiat', () => {
  it('two decimals cut toward zero, a currency sign, "<" below a cent', () => {
    expect(formatFiat(123_456_789_999n, 8, 'USD', 'en-US')).toEqual({
      exact: '1234.56789999',
      display: '$1,234.56',
      approx: true,
    })
    expect(formatFiat(1n, 8, 'USD', 'en-US').display).toBe('<$0.01')
    expect(formatFiat(0n, 8, 'USD', 'en-US').display).toBe('$0.00')
    expect(formatFiat(-150n, 2, 'USD', 'en-US').display).toBe('\u2212$1.50')
    expect(formatFiat(1_000_000n, 0, 'EUR', 'de-DE').display).toBe('1.000.000,00\u00a0€')
  })
})
