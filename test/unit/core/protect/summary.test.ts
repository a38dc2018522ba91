import { describe, expect, it } from 'vitest'
import { summarizeSettings } from '../../../../src/core/protect/summary'
import {
  defaultProtectSettings,
  type ProtectSettingsInput,
  protectSettingsSchema,
} from '../../../../src/core/protect/url'

const alice = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const words = (input: ProtectSettingsInput) => {
  const s = summarizeSettings(protectSettingsSchema.parse(input))
  return [s.privacy.word, s.speed.word, s.refund.word]
}

describe('privacy / speed / refund summary', () => {
  it("Hush's defaults (Max privacy): high privacy, slow, low refunds", () => {
    expect(words(defaultProtectSettings)).toEqual(['High', 'Slow', 'Low'])
  })

  it('fast mode with Protect default hints: medium privacy, fast, medium refunds', () => {
    expect(words({ fast: true })).toEqual(['Medium', 'Fast', 'Medium'])
  })

  it('only the hash, default mode: high privacy, slow, low refunds', () => {
    expect(words({ fast: false, hints: ['hash'] })).toEqual(['High', 'Slow', 'Low'])
  })

  it('sharing logs, calldata or everything: low privacy, high refunds', () => {
    for (const hints of [['logs'], ['calldata'], ['full']] as const)
      expect(words({ fast: false, hints: [...hints] })).toEqual(['Low', 'Slow', 'High'])
  })

  it('the public-mempool fallback is low privacy whatever the hints', () => {
    expect(words({ fast: false, hints: ['hash'], useMempool: true })[0]).toBe('Low')
  })

  it('giving validators half or more, or adding builders, is medium speed', () => {
    expect(words({ fast: false, refunds: [{ address: alice, percent: 50 }] })[1]).toBe('Medium')
    expect(words({ fast: false, refunds: [{ address: alice, percent: 51 }] })[1]).toBe('Slow')
    expect(words({ fast: false, builders: ['Titan'] })[1]).toBe('Medium')
  })

  it('the reasons mention a short block range, the hold-back and who gets the refund', () => {
    const s = summarizeSettings(
      protectSettingsSchema.parse({
        blockRange: 5,
        auctionTimeout: 2000,
        refunds: [{ address: alice, percent: 30 }],
      }),
    )
    expect(s.speed.why).toContain('fails after 5 block(s) instead of 25')
    expect(s.speed.why).toContain('2000 ms')
    expect(s.refund.why).toContain('30% of any MEV refund goes to the recipients you listed')
  })
})
