import fc from 'fast-check'
import { formatUnits, parseEther } from 'viem'
import { describe, expect, it } from 'vitest'
import { amountSchema, checkAmount, maxAmountText, maxSendable } from '../../../../src/core/validation/amount'

const decimals = fc.integer({ min: 0, max: 36 })
const big = fc.bigInt({ min: 0n, max: 10n ** 40n })

describe('amount', () => {
  it('round-trips every positive amount within the balance', () => {
    fc.assert(
      fc.property(decimals, fc.bigInt({ min: 1n, max: 10n ** 40n }), big, (d, value, extra) => {
        const result = checkAmount(formatUnits(value, d), { decimals: d, balance: value + extra })
        expect(result).toEqual({ ok: true, value })
      }),
    )
  })

  it('refuses more decimal places than the token has', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), (d) => {
        const text = `1.${'1'.repeat(d + 1)}`
        const result = checkAmount(text, { decimals: d, balance: 10n ** 60n })
        expect(result.ok).toBe(false)
        if (!result.ok) expect(result.message).toMatch(/decimal/)
      }),
    )
  })

  it('refuses zero, negatives and non-numbers', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        fc.pre(!/^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(s))
        expect(checkAmount(s, { decimals: 18, balance: 10n ** 30n }).ok).toBe(false)
      }),
    )
    for (const text of ['0', '0.000', '-1', '1e3', '1,5', '0x10', '', ' ', '1.2.3'])
      expect(checkAmount(text, { decimals: 18, balance: 10n ** 30n }).ok).toBe(false)
  })

  it('refuses more than the balance, and for ETH more than balance − max gas cost', () => {
    fc.assert(
      fc.property(decimals, big, fc.bigInt({ min: 1n, max: 10n ** 20n }), (d, balance, over) => {
        const result = checkAmount(formatUnits(balance + over, d), { decimals: d, balance })
        expect(result.ok).toBe(false)
      }),
    )
    const balance = parseEther('1')
    const reserve = parseEther('0.001')
    expect(checkAmount('1', { decimals: 18, balance, reserve }).ok).toBe(false)
    expect(checkAmount('0.999', { decimals: 18, balance, reserve })).toEqual({
      ok: true,
      value: parseEther('0.999'),
    })
    expect(checkAmount('0.999000000000000001', { decimals: 18, balance, reserve }).ok).toBe(false)
  })

  it('"Max" is exactly balance − reserve and passes validation', () => {
    fc.assert(
      fc.property(decimals, big, big, (d, balance, reserve) => {
        const text = maxAmountText(balance, d, reserve)
        const max = maxSendable(balance, reserve)
        const result = checkAmount(text, { decimals: d, balance, reserve })
        if (max === 0n) expect(result.ok).toBe(false)
        else expect(result).toEqual({ ok: true, value: max })
      }),
    )
  })

  it('cannot be checked while the balance is unknown', () => {
    expect(checkAmount('1', { decimals: 6, balance: undefined })).toEqual({
      ok: false,
      message: 'The balance is not known yet.',
    })
  })

  it('works as a zod schema', () => {
    expect(amountSchema({ decimals: 6, balance: 5_000_000n }).parse('1.5')).toBe(1_500_000n)
    const bad = amountSchema({ decimals: 6, balance: 5_000_000n }).safeParse('6')
    expect(bad.success).toBe(false)
    expect(bad.error?.issues[0]?.message).toBe('More than the balance.')
    expect(checkAmount('.5', { decimals: 1, balance: 10n })).toEqual({ ok: true, value: 5n })
  })
})
