import { parseGwei } from 'viem'
import { describe, expect, it } from 'vitest'
import { baseFeesAgree } from '../../../../src/core/fees/secondSource'

const gwei = (v: string) => parseGwei(v)

describe('a base fee checked against a second endpoint', () => {
  it.each([
    ['the same fee', gwei('20'), gwei('20'), true],
    ['a few blocks apart (within a factor of two)', gwei('20'), gwei('35'), true],
    ['a near-idle chain (within 1 gwei)', 7n, gwei('0.9'), true],
    ['one endpoint answers 90,000 gwei', gwei('90000'), gwei('20'), false],
    ['one endpoint answers a fee far too low', gwei('1.5'), gwei('40'), false],
  ])('%s', (_, a, b, agree) => {
    expect(baseFeesAgree(a, b)).toBe(agree)
    expect(baseFeesAgree(b, a)).toBe(agree)
  })
})
