import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  buildProtectUrl,
  defaultProtectSettings,
  fastModeBuildersNote,
  protectHints,
  protectSettingsErrors,
  protectSettingsSchema,
  protectSettingsWarnings,
  useMempoolWarning,
} from '../../../../src/core/protect/url'
import { anvil1 as alice, anvil2 as bob } from '../../../support/builders/addresses'

describe('protectSettingsSchema', () => {
  it('defaults (the Max privacy preset): default mode, only the hash, originId hush, no mempool', () => {
    expect(defaultProtectSettings).toEqual({
      fast: false,
      hints: ['hash'],
      builders: [],
      refunds: [],
      originId: 'hush',
      useMempool: false,
      canRevert: false,
    })
  })

  it('refuses unknown and repeated hints with a field message', () => {
    expect(protectSettingsErrors({ hints: ['hash', 'everything'] })['hints.1']).toMatch(/must be one of/)
    expect(protectSettingsErrors({ hints: ['hash', 'hash'] }).hints).toBe('each hint only once')
  })

  it('refund percent must be a whole number from 1 to 99', () => {
    for (const percent of [0, 100, -5, 1.5])
      expect(
        protectSettingsErrors({ refunds: [{ address: alice, percent }] })['refunds.0.percent'],
      ).toBeTruthy()
    expect(protectSettingsErrors({ refunds: [{ address: alice, percent: 1 }] })).toEqual({})
    expect(protectSettingsErrors({ refunds: [{ address: alice, percent: 99 }] })).toEqual({})
  })

  it('refund total at most 100', () => {
    expect(
      protectSettingsErrors({
        refunds: [
          { address: alice, percent: 60 },
          { address: bob, percent: 40 },
        ],
      }),
    ).toEqual({})
    expect(
      protectSettingsErrors({
        refunds: [
          { address: alice, percent: 60 },
          { address: bob, percent: 41 },
        ],
      }).refunds,
    ).toBe('refunds add up to 101%, at most 100%')
  })

  it('refund address: valid, and a mixed-case address with a wrong checksum is refused', () => {
    const wrongChecksum = alice.replace('C51812dc', 'c51812dc')
    expect(
      protectSettingsErrors({ refunds: [{ address: wrongChecksum, percent: 5 }] })['refunds.0.address'],
    ).toMatch(/checksum/)
    expect(
      protectSettingsErrors({ refunds: [{ address: '0x1234', percent: 5 }] })['refunds.0.address'],
    ).toBeTruthy()
    const parsed = protectSettingsSchema.parse({ refunds: [{ address: alice.toLowerCase(), percent: 5 }] })
    expect(parsed.refunds[0]?.address).toBe(alice)
  })

  it('originId: under 255 characters from a URL-safe set', () => {
    expect(protectSettingsErrors({ originId: 'a'.repeat(254) })).toEqual({})
    expect(protectSettingsErrors({ originId: 'a'.repeat(255) }).originId).toMatch(/255/)
    expect(protectSettingsErrors({ originId: 'my app&x=1' }).originId).toMatch(/only letters/)
  })

  it('builders: names only, each once; Flashbots is always included, so never listed', () => {
    expect(protectSettingsErrors({ builders: ['flashbots', 'beaverbuild.org'] })).toEqual({})
    expect(protectSettingsSchema.parse({ builders: ['flashbots', 'Titan'] }).builders).toEqual(['Titan'])
    expect(protectSettingsErrors({ builders: ['a b'] })['builders.0']).toBeTruthy()
    expect(protectSettingsErrors({ builders: ['Titan', 'Titan'] }).builders).toBe('each builder only once')
  })

  it('"full" shares everything, so it cannot be combined with another hint', () => {
    expect(protectSettingsErrors({ hints: ['full'] })).toEqual({})
    expect(protectSettingsErrors({ hints: ['full', 'logs'] }).hints).toMatch(/cannot be combined/)
    expect(protectSettingsErrors({ hints: ['hash', 'full'] }).hints).toMatch(/cannot be combined/)
  })

  it('blockRange: a whole number of blocks, 1 to 1000 (Protect refuses negatives and non-numbers)', () => {
    for (const blockRange of [1, 25, 1000]) expect(protectSettingsErrors({ blockRange })).toEqual({})
    for (const blockRange of [0, -1, 1.5, 1001, Number.NaN])
      expect(protectSettingsErrors({ blockRange }).blockRange).toBe(
        'a whole number of blocks from 1 to 1,000',
      )
    expect(protectSettingsSchema.parse({}).blockRange).toBeUndefined()
  })

  it('auctionTimeout: a whole number of milliseconds, 1 to 12,000 (one slot)', () => {
    for (const auctionTimeout of [1, 3000, 12_000])
      expect(protectSettingsErrors({ auctionTimeout })).toEqual({})
    for (const auctionTimeout of [0, -5, 2.5, 12_001, Number.NaN])
      expect(protectSettingsErrors({ auctionTimeout }).auctionTimeout).toMatch(
        /milliseconds from 1 to 12,000/,
      )
  })

  it('canRevert: a yes/no, off by default and only in the URL when on', () => {
    expect(protectSettingsErrors({ canRevert: 'yes' }).canRevert).toBeTruthy()
    expect(buildProtectUrl('https://rpc.flashbots.net', { canRevert: false })).not.toContain('canRevert')
  })

  it('settings stored before blockRange, auctionTimeout and canRevert existed still parse', () => {
    const old = { fast: true, hints: [], builders: [], refunds: [], originId: 'hush', useMempool: false }
    expect(protectSettingsSchema.parse(old)).toEqual({ ...old, canRevert: false })
  })

  it('warns about useMempool and builders ignored in fast mode', () => {
    expect(protectSettingsWarnings({ ...defaultProtectSettings, useMempool: true })).toEqual([
      useMempoolWarning,
    ])
    expect(protectSettingsWarnings({ ...defaultProtectSettings, fast: true, builders: ['Titan'] })).toEqual([
      fastModeBuildersNote,
    ])
    expect(protectSettingsWarnings(defaultProtectSettings)).toEqual([])
  })
})

describe('buildProtectUrl', () => {
  it('fast mode with the default originId', () => {
    expect(buildProtectUrl('https://rpc.flashbots.net', {})).toBe(
      'https://rpc.flashbots.net/fast?originId=hush',
    )
    expect(buildProtectUrl('https://rpc.flashbots.net/fast', {})).toBe(
      'https://rpc.flashbots.net/fast?originId=hush',
    )
    expect(buildProtectUrl('http://127.0.0.1:9000/', { originId: '' })).toBe('http://127.0.0.1:9000/fast')
  })

  it('default mode drops /fast and carries builders', () => {
    expect(
      buildProtectUrl('https://rpc.flashbots.net/fast', {
        fast: false,
        builders: ['flashbots', 'Titan'],
        originId: '',
      }),
    ).toBe('https://rpc.flashbots.net/?builder=Titan')
  })

  it('every parameter, repeatable ones repeated', () => {
    const url = new URL(
      buildProtectUrl('https://rpc-sepolia.flashbots.net/', {
        fast: false,
        hints: ['hash', 'logs'],
        builders: ['rsync'],
        refunds: [
          { address: alice, percent: 50 },
          { address: bob, percent: 50 },
        ],
        originId: 'hush-test',
        useMempool: true,
        canRevert: true,
        blockRange: 10,
        auctionTimeout: 3000,
      }),
    )
    expect(url.pathname).toBe('/')
    expect(url.searchParams.get('canRevert')).toBe('true')
    expect(url.searchParams.get('blockRange')).toBe('10')
    expect(url.searchParams.get('auctionTimeout')).toBe('3000')
    expect(url.searchParams.getAll('hint')).toEqual(['hash', 'logs'])
    expect(url.searchParams.getAll('builder')).toEqual(['rsync'])
    expect(url.searchParams.getAll('refund')).toEqual([`${alice}:50`, `${bob}:50`])
    expect(url.searchParams.get('originId')).toBe('hush-test')
    expect(url.searchParams.get('useMempool')).toBe('true')
  })

  it('throws on invalid settings instead of building a URL', () => {
    expect(() =>
      buildProtectUrl('https://rpc.flashbots.net', { refunds: [{ address: alice, percent: 100 }] }),
    ).toThrow()
  })

  it('property: valid settings always round-trip through the URL', () => {
    const refund = fc.record({
      address: fc.constantFrom(alice, bob, alice.toLowerCase()),
      percent: fc.integer({ min: 1, max: 99 }),
    })
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.uniqueArray(fc.constantFrom(...protectHints)),
        fc.array(refund, { maxLength: 3 }).filter((r) => r.reduce((s, x) => s + x.percent, 0) <= 100),
        fc.stringMatching(/^[A-Za-z0-9._~-]{0,40}$/),
        fc.boolean(),
        fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
        (fast, hintList, refunds, originId, useMempool, blockRange) => {
          const hints = hintList.includes('full') ? (['full'] as const) : hintList
          const url = new URL(
            buildProtectUrl('https://rpc.flashbots.net', {
              fast,
              hints: [...hints],
              refunds,
              originId,
              useMempool,
              blockRange,
            }),
          )
          expect(url.searchParams.get('blockRange')).toBe(
            blockRange === undefined ? null : String(blockRange),
          )
          expect(url.pathname).toBe(fast ? '/fast' : '/')
          expect(url.searchParams.getAll('hint')).toEqual(hints)
          expect(url.searchParams.getAll('refund').map((r) => Number(r.split(':')[1]))).toEqual(
            refunds.map((r) => r.percent),
          )
          expect(url.searchParams.get('originId')).toBe(originId || null)
          expect(url.searchParams.get('useMempool')).toBe(useMempool ? 'true' : null)
        },
      ),
    )
  })

  it('property: any percent outside 1..99 or any total over 100 is refused', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 200 }), { minLength: 1, maxLength: 4 }),
        (percents) => {
          const refunds = percents.map((percent) => ({ address: alice, percent }))
          const valid = percents.every((p) => p >= 1 && p <= 99) && percents.reduce((s, p) => s + p, 0) <= 100
          expect(protectSettingsSchema.safeParse({ refunds }).success).toBe(valid)
        },
      ),
    )
  })
})
