import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  buildProtectUrl,
  type ProtectHint,
  protectHints,
  protectSettingsSchema,
} from '../../../src/core/protect/url'
import { parseProtectUrl } from '../../../tools/protect/urlParams'
import { anvil1 as alice } from '../../support/builders/addresses'

/**
 * The stand-in's URL parser (written after Protect's server) and the app's validator are separate code: these
 * tests keep them in step. Everything the app sends, the stand-in accepts with the same meaning; everything
 * the server refuses, the app refuses too. The app may be stricter (its own bounds), never looser.
 */
const base = 'http://127.0.0.1:8546/'

describe('stand-in URL parser', () => {
  it('reads blockRange and auctionTimeout like strconv.Atoi, refusing negatives', () => {
    const parse = (q: string) => parseProtectUrl(`/fast?${q}`)
    for (const [q, value] of [
      ['blockRange=10', 10],
      ['blockRange=0', 0],
      ['blockRange=%2B5', 5],
      ['blockRange=007', 7],
      ['blockrange=3', 3],
    ] as const) {
      const r = parse(q)
      expect(r.ok && r.preferences.blockRange, q).toBe(value)
    }
    for (const q of ['auctionTimeout=3000', 'AUCTIONTIMEOUT=3000'])
      expect(parse(q)).toMatchObject({ ok: true, preferences: { auctionTimeout: 3000 } })
    for (const name of ['blockRange', 'auctionTimeout'])
      for (const bad of ['-1', 'abc', '1.5', '', '99999999999999999999', '1e3'])
        expect(parse(`${name}=${encodeURIComponent(bad)}`), `${name}=${bad}`).toEqual({
          ok: false,
          message: 'Invalid auction preference in the rpc endpoint url. Incorrect URL parameter',
        })
  })

  it('canRevert is on only for the exact value "true", never an error', () => {
    expect(parseProtectUrl('/?canRevert=true')).toMatchObject({ ok: true, preferences: { canRevert: true } })
    expect(parseProtectUrl('/?canRevert=yes')).toMatchObject({ ok: true, preferences: { canRevert: false } })
  })

  it('takes "full" with other hints (Protect does; the app refuses the combination itself)', () => {
    expect(parseProtectUrl('/?hint=full&hint=logs')).toMatchObject({ ok: true })
    expect(protectSettingsSchema.safeParse({ hints: ['full', 'logs'] }).success).toBe(false)
  })
})

describe('app validator and stand-in parser agree', () => {
  const settings = fc.record({
    fast: fc.boolean(),
    hints: fc.oneof(
      fc.constant<ProtectHint[]>(['full']),
      fc.uniqueArray(fc.constantFrom<ProtectHint>(...protectHints.filter((h) => h !== 'full'))),
    ),
    builders: fc.uniqueArray(fc.constantFrom('Titan', 'beaverbuild.org', 'rsync')),
    refunds: fc
      .array(fc.record({ address: fc.constant(alice), percent: fc.integer({ min: 1, max: 99 }) }), {
        maxLength: 3,
      })
      .filter((r) => r.reduce((s, x) => s + x.percent, 0) <= 100),
    originId: fc.stringMatching(/^[A-Za-z0-9._~-]{0,40}$/),
    useMempool: fc.boolean(),
    canRevert: fc.boolean(),
    blockRange: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
    auctionTimeout: fc.option(fc.integer({ min: 1, max: 12_000 }), { nil: undefined }),
  })

  it('property: every URL the app builds is accepted by the stand-in with the same meaning', () => {
    fc.assert(
      fc.property(settings, (s) => {
        const url = new URL(buildProtectUrl(base, s))
        const parsed = parseProtectUrl(`${url.pathname}${url.search}`)
        if (!parsed.ok) throw new Error(parsed.message)
        const p = parsed.preferences
        expect(p.fast).toBe(s.fast)
        expect(p.hints).toEqual(s.hints.length > 0 ? s.hints : ['hash', 'special_logs'])
        expect(p.builders).toEqual(s.fast ? [] : s.builders)
        expect(p.refunds.map((r) => r.percent)).toEqual(s.refunds.map((r) => r.percent))
        expect(p.originId).toBe(s.originId)
        expect(p.useMempool).toBe(s.useMempool)
        expect(p.canRevert).toBe(s.canRevert)
        expect(p.blockRange).toBe(s.blockRange)
        expect(p.auctionTimeout).toBe(s.auctionTimeout)
      }),
    )
  })

  it('property: a number the stand-in refuses, the app refuses too (the app may refuse more)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('blockRange', 'auctionTimeout'),
        fc.oneof(fc.integer({ min: -100_000, max: 100_000 }), fc.double({ noNaN: false })),
        (name, value) => {
          const standIn = parseProtectUrl(`/?${name}=${encodeURIComponent(String(value))}`).ok
          const app = protectSettingsSchema.safeParse({ [name]: value }).success
          if (!standIn) expect(app).toBe(false)
          if (app) expect(standIn).toBe(true)
        },
      ),
    )
  })

  it('refund and hint refusals match', () => {
    const cases: Array<[string, unknown]> = [
      ['refund=0x1234:5', { refunds: [{ address: '0x1234', percent: 5 }] }],
      [`refund=${alice}:0`, { refunds: [{ address: alice, percent: 0 }] }],
      [`refund=${alice}:100`, { refunds: [{ address: alice, percent: 100 }] }],
      [
        `refund=${alice}:60&refund=${alice}:41`,
        {
          refunds: [
            { address: alice, percent: 60 },
            { address: alice, percent: 41 },
          ],
        },
      ],
      ['hint=everything', { hints: ['everything'] }],
      [`originId=${'a'.repeat(255)}`, { originId: 'a'.repeat(255) }],
    ]
    for (const [query, input] of cases) {
      expect(parseProtectUrl(`/?${query}`).ok, query).toBe(false)
      expect(protectSettingsSchema.safeParse(input).success, query).toBe(false)
    }
  })
})
