import fc from 'fast-check'
import { getAddress, zeroAddress } from 'viem'
import { describe, expect, it } from 'vitest'
import {
  addressProblem,
  looksLikeEnsName,
  recipientAddressSchema,
} from '../../../../src/core/validation/recipient'

const hexAddress = fc
  .uint8Array({ minLength: 20, maxLength: 20 })
  .map((bytes) => `0x${Buffer.from(bytes).toString('hex')}`)
  .filter((a) => a !== zeroAddress)

const vitalik = '0xd8dA6BF26964aF9D7eEd9e03E53415D37aA96045'
const token = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'

describe('recipient address', () => {
  it('accepts every checksummed and every all-lowercase address', () => {
    fc.assert(
      fc.property(hexAddress, (a) => {
        expect(addressProblem(a)).toBeUndefined()
        expect(addressProblem(getAddress(a))).toBeUndefined()
        expect(recipientAddressSchema().parse(a)).toBe(getAddress(a))
      }),
    )
  })

  it('refuses a mixed-case address whose checksum is wrong', () => {
    fc.assert(
      fc.property(hexAddress, fc.nat(39), (a, i) => {
        const good = getAddress(a)
        const pos = 2 + i
        const ch = good[pos] ?? ''
        fc.pre(/[a-fA-F]/.test(ch))
        const flipped = ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase()
        const bad = `${good.slice(0, pos)}${flipped}${good.slice(pos + 1)}`
        fc.pre(bad.toLowerCase() !== bad && bad.toUpperCase().slice(2) !== bad.slice(2))
        expect(addressProblem(bad)).toMatch(/checksum/)
      }),
    )
  })

  it('refuses strings that are not 20-byte hex', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        fc.pre(!/^0x[0-9a-fA-F]{40}$/.test(s.trim()))
        expect(addressProblem(s)).toBeDefined()
      }),
    )
    expect(addressProblem('')).toMatch(/Enter/)
    expect(addressProblem(`${vitalik}00`)).toMatch(/40 hex/)
    expect(addressProblem('0xzz')).toMatch(/40 hex/)
  })

  it('refuses the zero address and the token’s own contract', () => {
    expect(addressProblem(zeroAddress)).toMatch(/zero address/)
    expect(addressProblem(token.toLowerCase(), { tokenAddress: token })).toMatch(/own contract/)
    expect(addressProblem(token)).toBeUndefined()
    expect(recipientAddressSchema({ tokenAddress: token }).safeParse(token).success).toBe(false)
  })

  it('tells ENS names from addresses', () => {
    expect(looksLikeEnsName('vitalik.eth')).toBe(true)
    expect(looksLikeEnsName('pay.hush.eth')).toBe(true)
    expect(looksLikeEnsName(vitalik)).toBe(false)
    expect(looksLikeEnsName('vitalik')).toBe(false)
    expect(looksLikeEnsName('a b.eth')).toBe(false)
  })
})
