import { describe, expect, it } from 'vitest'
import { type RawMetadata, validateMetadata } from '../../../../src/core/balances/tokenMetadata'

const address = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const good: RawMetadata = {
  name: { ok: true, value: 'Demo' },
  symbol: { ok: true, value: 'DMO' },
  decimals: { ok: true, value: 18n },
  totalSupply: { ok: true, value: 1n },
}

describe('validateMetadata', () => {
  it('accepts a well-formed token, hostile markup included (it is only text)', () => {
    expect(validateMetadata(address, good)).toEqual({
      ok: true,
      token: { address, name: 'Demo', symbol: 'DMO', decimals: 18 },
    })
    const html = validateMetadata(address, {
      ...good,
      symbol: { ok: true, value: '<img src=x onerror=alert(1)>' },
    })
    expect(html.ok && html.token.symbol).toBe('<img src=x onerror=alert(1)>')
  })
  it('refuses a missing function, naming it', () => {
    const r = validateMetadata(address, { ...good, symbol: { ok: false }, decimals: { ok: false } })
    expect(r).toMatchObject({ ok: false, code: 'not-erc20' })
    expect(!r.ok && r.reason).toContain('symbol(), decimals()')
  })
  it('refuses decimals over 36 (36 is fine)', () => {
    expect(validateMetadata(address, { ...good, decimals: { ok: true, value: 37n } })).toMatchObject({
      ok: false,
      code: 'bad-decimals',
    })
    expect(validateMetadata(address, { ...good, decimals: { ok: true, value: 2n ** 200n } })).toMatchObject({
      ok: false,
      code: 'bad-decimals',
    })
    expect(validateMetadata(address, { ...good, decimals: { ok: true, value: 36n } }).ok).toBe(true)
  })
  it('refuses empty, over-long or control-character symbols and names', () => {
    expect(validateMetadata(address, { ...good, symbol: { ok: true, value: '' } })).toMatchObject({
      code: 'bad-symbol',
    })
    expect(validateMetadata(address, { ...good, name: { ok: true, value: 'x'.repeat(33) } })).toMatchObject({
      code: 'bad-name',
    })
    expect(validateMetadata(address, { ...good, name: { ok: true, value: 'x'.repeat(32) } }).ok).toBe(true)
    expect(
      validateMetadata(address, { ...good, symbol: { ok: true, value: 'A\u202e\u0000' } }),
    ).toMatchObject({ code: 'bad-symbol' })
    expect(validateMetadata(address, { ...good, name: { ok: true, value: 'line\nbreak' } })).toMatchObject({
      code: 'bad-name',
    })
  })
})
