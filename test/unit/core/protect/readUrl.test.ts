import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type ProtectRoute, readProtectUrl } from '../../../../src/core/protect/readUrl'
import { buildProtectUrl, type ProtectHint, protectHints } from '../../../../src/core/protect/url'

const a = '0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
const b = '0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'
const A = '0xaAaAaAaaAaAaAaaAaAAAAAAAAaaaAaAaAaaAaaAa' as const // a, checksummed
const B = '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB' as const
const rpc = 'https://rpc.flashbots.net'

const route = (r: Partial<ProtectRoute> = {}): ProtectRoute => ({
  fast: false,
  hints: [],
  builders: [],
  refunds: [],
  useMempool: false,
  canRevert: false,
  ...r,
})

/**
 * The URL-parameter cases of Protect's own server tests (flashbots/rpc-endpoint, server/url_params_test.go),
 * restated as facts: the URL, and what Protect does with it or which error it answers. Hush's reader must
 * agree with every one.
 */
const serverCases: Array<[name: string, url: string, want: ProtectRoute | string]> = [
  ['no parameters: Protect default sharing, default mode', rpc, route()],
  ['only the hash hint', `${rpc}?hint=hash`, route({ hints: ['hash'] })],
  [
    'five hints, in the order given',
    `${rpc}?hint=contract_address&hint=function_selector&hint=logs&hint=calldata&hint=hash`,
    route({ hints: ['contract_address', 'function_selector', 'logs', 'calldata', 'hash'] }),
  ],
  ['an unknown hint is an error', `${rpc}?hint=contract_address&hint=logs&hint=incorrect`, 'hint'],
  ['an unknown parameter (rpc=) is ignored', `${rpc}?rpc=https://mainnet.infura.io/v3/123`, route()],
  ['originId', `${rpc}?originId=123`, route({ originId: '123' })],
  ['originid, lower case', `${rpc}?originid=123`, route({ originId: '123' })],
  ['originID, upper case ID', `${rpc}?originID=123`, route({ originId: '123' })],
  [
    'two target builders',
    `${rpc}?builder=builder1&builder=builder2`,
    route({ builders: ['builder1', 'builder2'] }),
  ],
  ['one refund address:percent', `${rpc}?refund=${a}:17`, route({ refunds: [{ address: A, percent: 17 }] })],
  [
    'two refund recipients (70 + 10)',
    `${rpc}?&refund=${a}:70&refund=${b}:10`,
    route({
      refunds: [
        { address: A, percent: 70 },
        { address: B, percent: 10 },
      ],
    }),
  ],
  ['a bare refund is an error', `${rpc}?refund`, 'refund'],
  ['a refund of 110 % is an error', `${rpc}?refund=${a}:110`, 'refund-percent'],
  ['a refund to a non-address is an error', `${rpc}?refund=0x${'x'.repeat(40)}:80`, 'refund-address'],
  [
    'refunds adding up to 110 % (50 + 60) are an error',
    `${rpc}?refund=${a}:50&refund=${b}:60`,
    'refund-total',
  ],
  ['/fast', `${rpc}/fast`, route({ fast: true })],
  [
    '/fast ignores builders (it sends to all)',
    `${rpc}/fast?builder=builder3&builder=builder4`,
    route({ fast: true }),
  ],
  [
    '/fast keeps the hints',
    `${rpc}/fast?hint=contract_address&hint=function_selector&hint=logs&hint=calldata&hint=hash`,
    route({ fast: true, hints: ['contract_address', 'function_selector', 'logs', 'calldata', 'hash'] }),
  ],
]

/**
 * Older stored versions of the same server test file read the URL differently from today's server and
 * today's settings guide (`refund=<address>:<percent>`, repeatable). Hush follows the docs; each difference is
 * named here.
 */
const olderCases: Array<[difference: string, url: string, want: ProtectRoute | string]> = [
  [
    'older: refund=17 asked for 17 % with no address; docs: a refund is address:percent, so it is refused',
    `${rpc}?refund=17`,
    'refund',
  ],
  [
    'older: refund=17&refundAddress=0x… paid 100 % of the 17 % to that address; docs: no refundAddress parameter',
    `${rpc}?refund=17&refundAddress=${a}`,
    'refund',
  ],
  [
    'older: refundAddress=0x…:80 carried the split; docs: the split is in refund= itself (refundAddress is ignored)',
    `${rpc}?refund=${a}:80&refundAddress=${b}:20`,
    route({ refunds: [{ address: A, percent: 80 }] }),
  ],
  ['older: refund=-1 was a bad refund query; docs: still refused (no address)', `${rpc}?refund=-1`, 'refund'],
  [
    'older: refund=120 was a bad refund query; docs: still refused (no address)',
    `${rpc}?refund=120`,
    'refund',
  ],
  [
    'older: any hint list got special_logs added; docs: "any hint not listed is disabled"',
    `${rpc}?hint=hash&hint=logs`,
    route({ hints: ['hash', 'logs'] }),
  ],
]

describe('readProtectUrl agrees with Protect server test cases', () => {
  it.each(serverCases)('%s', (_name, url, want) => {
    const read = readProtectUrl(url)
    expect(read).toEqual(typeof want === 'string' ? { ok: false, problem: want } : { ok: true, route: want })
  })

  it.each(olderCases)('%s', (_difference, url, want) => {
    const read = readProtectUrl(url)
    expect(read).toEqual(typeof want === 'string' ? { ok: false, problem: want } : { ok: true, route: want })
  })

  it('parameter names in any case; useMempool and canRevert only for "true"', () => {
    expect(readProtectUrl(`${rpc}?HINT=hash&UseMempool=true&CANREVERT=yes&BlockRange=10`)).toEqual({
      ok: true,
      route: route({ hints: ['hash'], useMempool: true, blockRange: 10 }),
    })
    expect(readProtectUrl(`${rpc}?blockRange=-1`)).toEqual({ ok: false, problem: 'number' })
    expect(readProtectUrl('not a url')).toEqual({ ok: false, problem: 'not-a-url' })
  })
})

describe('what buildProtectUrl writes, readProtectUrl reads back', () => {
  it('round trip over valid settings', () => {
    fc.assert(
      fc.property(
        fc.record({
          fast: fc.boolean(),
          hints: fc.oneof(
            fc.constant<ProtectHint[]>(['full']),
            fc.uniqueArray(fc.constantFrom<ProtectHint>(...protectHints.filter((h) => h !== 'full'))),
          ),
          builders: fc.uniqueArray(fc.constantFrom('Titan', 'beaverbuild.org', 'rsync')),
          useMempool: fc.boolean(),
          canRevert: fc.boolean(),
          percent: fc.option(fc.integer({ min: 1, max: 99 }), { nil: undefined }),
          blockRange: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
        }),
        ({ percent, ...s }) => {
          const refunds = percent ? [{ address: A, percent }] : []
          const read = readProtectUrl(buildProtectUrl(`${rpc}/fast`, { ...s, refunds, originId: 'hush' }))
          const { blockRange, ...rest } = s
          expect(read).toEqual({
            ok: true,
            route: route({
              ...rest,
              builders: s.fast ? [] : s.builders,
              refunds,
              originId: 'hush',
              ...(blockRange ? { blockRange } : {}),
            }),
          })
        },
      ),
    )
  })
})
