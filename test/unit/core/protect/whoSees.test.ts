import { describe, expect, it } from 'vitest'
import { applyPreset, defaultPresetId, type PresetId, presetOf } from '../../../../src/core/protect/presets'
import { buildProtectUrl, defaultProtectSettings } from '../../../../src/core/protect/url'
import { whoSees } from '../../../../src/core/protect/whoSees'

const rpc = 'https://rpc.flashbots.net/fast'
const me = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const
const other = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' as const
const urlOf = (id: PresetId) => buildProtectUrl(rpc, applyPreset(defaultProtectSettings, id))

describe('who sees this, per preset', () => {
  it.each<[PresetId, string]>([
    [
      'max-privacy',
      'Seen by the Flashbots builder only; searchers see only its hash; it never goes to the public mempool; 90 % of any MEV refund goes to you.',
    ],
    [
      'balanced',
      'Seen by the builders Flashbots, Titan, beaverbuild.org and rsync; searchers see its hash and whether it is a swap; it never goes to the public mempool; 90 % of any MEV refund goes to you.',
    ],
    [
      'fast',
      'Seen by all registered builders, including TEE searchers who see it in full; other searchers see its hash and whether it is a swap; it never goes to the public mempool; any MEV refund goes to you, less a validator share larger than the usual 10 %.',
    ],
  ])('%s', (id, sentence) => {
    const seen = whoSees({ kind: 'given', url: urlOf(id), source: 'current' }, me)
    expect(seen.sentence).toBe(sentence)
    expect(seen.offerApply).toBe(false)
  })

  it('the default is Max privacy, and presets round-trip through presetOf', () => {
    expect(defaultPresetId).toBe('max-privacy')
    expect(presetOf(defaultProtectSettings)).toBe('max-privacy')
    for (const id of ['max-privacy', 'balanced', 'fast'] as const)
      expect(presetOf(applyPreset(defaultProtectSettings, id))).toBe(id)
    expect(presetOf({ ...defaultProtectSettings, hints: ['logs'] })).toBe('custom')
  })

  it('a preset keeps refunds and originId', () => {
    const mine = { ...defaultProtectSettings, originId: 'x', refunds: [{ address: other, percent: 50 }] }
    expect(applyPreset(mine, 'fast')).toMatchObject({ fast: true, originId: 'x', refunds: mine.refunds })
  })

  it('fast mode details name the 5-minute TEE disclosure of failed transactions', () => {
    const seen = whoSees({ kind: 'given', url: urlOf('fast'), source: 'current' }, me)
    expect(seen.details.join(' ')).toMatch(/even if it fails, after about 5 minutes/)
  })
})

describe('who sees this, beyond the presets', () => {
  it('a Protect URL Hush did not set: says so and offers to apply the current settings', () => {
    const seen = whoSees({ kind: 'unrecorded' }, me)
    expect(seen.sentence).toBe(
      "Hush did not set your wallet's Protect URL, so it cannot tell who will see this transaction: with Protect's plain URL only the Flashbots builder would, with /fast all registered builders and TEE searchers would.",
    )
    expect(seen.offerApply).toBe(true)
  })

  it('an older URL Hush gave is read for what it is, with the offer to apply', () => {
    const seen = whoSees({ kind: 'given', url: `${rpc}?originId=hush`, source: 'older' }, me)
    expect(seen.sentence).toMatch(/^Seen by all registered builders/)
    expect(seen.offerApply).toBe(true)
  })

  it('mempool fallback, hints and a refund split are named', () => {
    const url = `https://rpc.flashbots.net?hint=calldata&hint=logs&useMempool=true&refund=${me}:60&refund=${other}:30`
    expect(whoSees({ kind: 'given', url, source: 'current' }, me).sentence).toBe(
      'Seen by the Flashbots builder only; searchers see its hash, its call data and its logs; it can fall back to the public mempool, where anyone sees it; of any MEV refund, 60 % goes to you and 30 % goes to 0x3C44…93BC.',
    )
  })

  it('an unreadable URL is not guessed at', () => {
    const seen = whoSees({
      kind: 'given',
      url: 'https://rpc.flashbots.net?hint=everything',
      source: 'current',
    })
    expect(seen.sentence).toMatch(/cannot read the Protect URL .*a hint must be one of/)
    expect(seen.offerApply).toBe(true)
  })

  it('public: anyone can see it', () => {
    expect(whoSees({ kind: 'public' }).sentence).toMatch(/public mempool, where anyone can see it/)
  })
})
