import { getAddress } from 'viem'
import { describe, expect, it } from 'vitest'
import { assetUnit } from '../../../../src/core/proof/describe'
import { looksLikeListed } from '../../../../src/core/proof/tokenInfo'

const native = { symbol: 'ETH', decimals: 18 }
const usdc = getAddress('0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48')
const fake = getAddress('0x1000000000000000000000000000000000000abc')
const other = getAddress('0x2000000000000000000000000000000000000def')

describe('token symbols cannot be spoofed (issue 22)', () => {
  it('a listed token is its symbol; an unlisted one shows its address beside its self-reported symbol', () => {
    const effects = {
      tokens: [
        { address: usdc, symbol: 'USDC', decimals: 6, listed: true },
        { address: other, symbol: 'WOOF', decimals: 18 },
      ],
    }
    expect(assetUnit(effects, usdc, native).symbol).toBe('USDC')
    expect(assetUnit(effects, other, native).symbol).toBe(`WOOF (unlisted token ${other})`)
  })

  it("an unlisted token using a listed token's symbol is flagged as a look-alike", () => {
    const effects = { tokens: [{ address: fake, symbol: 'USDC', decimals: 6, lookAlike: true }] }
    expect(assetUnit(effects, fake, native).symbol).toBe(
      `USDC (LOOK-ALIKE: not the listed USDC; unlisted token ${fake})`,
    )
    const known = [{ address: usdc, symbol: 'USDC', decimals: 6 }]
    expect(looksLikeListed('usdc', known)).toBe(true)
    expect(looksLikeListed('ＵＳＤＣ', known)).toBe(true)
    expect(looksLikeListed('USDT', known)).toBe(false)
  })
})
