import { describe, expect, it } from 'vitest'
import { formatAge } from '../../../../src/core/balances/format'

describe('formatAge', () => {
  it('says seconds, minutes or hours', () => {
    expect(formatAge(12_400)).toBe('12 s')
    expect(formatAge(3 * 60_000)).toBe('3 min')
    expect(formatAge(2 * 3_600_000)).toBe('2 h')
    expect(formatAge(-5)).toBe('0 s')
  })
})
