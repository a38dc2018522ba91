import { describe, expect, it } from 'vitest'
import { formatAge, formatAmount } from '../../../../src/core/balances/format'

describe('formatAmount', () => {
  it('keeps short amounts exact', () => {
    expect(formatAmount(1_500_000n, 6)).toEqual({ full: '1.5', short: '1.5', truncated: false })
    expect(formatAmount(0n, 18)).toEqual({ full: '0', short: '0', truncated: false })
  })
  it('cuts (never rounds up) long fractions and keeps the full value for hover and copy', () => {
    expect(formatAmount(1_999_999_999_999_999_999n, 18)).toEqual({
      full: '1.999999999999999999',
      short: '1.999999…',
      truncated: true,
    })
    expect(formatAmount(1_000_000_000_000_001n, 18)).toEqual({
      full: '0.001000000000000001',
      short: '0.001…',
      truncated: true,
    })
    expect(formatAmount(1n, 18).short).toBe('0…')
  })
  it('handles 36 decimals and huge values', () => {
    const big = 2n ** 255n
    expect(formatAmount(big, 36).full.replace('.', '')).toContain(big.toString().slice(0, 20))
  })
})

describe('formatAge', () => {
  it('says seconds, minutes or hours', () => {
    expect(formatAge(12_400)).toBe('12 s')
    expect(formatAge(3 * 60_000)).toBe('3 min')
    expect(formatAge(2 * 3_600_000)).toBe('2 h')
    expect(formatAge(-5)).toBe('0 s')
  })
})
