import { getAddress } from 'viem'
import { describe, expect, it } from 'vitest'
import { compareOutcome } from '../../../../src/core/proof/compare'
import type { Effects, Preview } from '../../../../src/core/proof/outcome'

const bob = getAddress('0x2000000000000000000000000000000000000002')
const token = getAddress('0x4000000000000000000000000000000000000004')
const effects: Effects = {
  sender: [
    { asset: 'native', amount: '-5' },
    { asset: token, amount: '-100' },
  ],
  receives: [{ to: bob, asset: token, amount: '100' }],
  approvals: [{ token, spender: bob, amount: '7' }],
  gaps: [],
  tokens: [],
}
const preview: Preview = {
  version: 1,
  method: 'simulated',
  at: 1,
  block: '10',
  endpoint: 'a',
  calls: 1,
  ok: true,
  maxGasFee: '1000',
  ...effects,
}

describe('compareOutcome', () => {
  it('the same figures, a fee within the maximum: as previewed', () => {
    expect(compareOutcome(preview, { ...effects, success: true, fee: 1000n })).toEqual({
      verdict: 'as-previewed',
      differences: [],
    })
  })

  it('names each difference exactly: amount, a missing entry, an extra entry, status and fee', () => {
    const actual = {
      ...effects,
      sender: [{ asset: token, amount: '-100' } as const],
      receives: [
        { to: bob, asset: token, amount: '99' },
        { to: token, asset: token, amount: '1' },
      ],
      success: false,
      fee: 1001n,
    }
    expect(compareOutcome(preview, actual).differences).toEqual([
      { kind: 'status', previewed: 'success', actual: 'failure' },
      { kind: 'sender', asset: 'native', previewed: '-5' },
      { kind: 'receives', asset: token, who: bob, previewed: '100', actual: '99' },
      { kind: 'receives', asset: token, who: token, actual: '1' },
      { kind: 'fee', previewed: '1000', actual: '1001' },
    ])
  })

  it('without a stored preview (a pasted hash) there is nothing to compare', () => {
    expect(compareOutcome(undefined, { ...effects, success: true, fee: 1n }).verdict).toBe('no-preview')
  })
})

describe('compareOutcome past the stored window (issue 22)', () => {
  const tokenAt = (i: number) => getAddress(`0x${(0x1000 + i).toString(16).padStart(40, '0')}`)
  const many = (n: number) => Array.from({ length: n }, (_, i) => ({ asset: tokenAt(i), amount: '-1' }))
  it('a preview that kept only 24 of its entries: an effect missing from it is counted, never "as previewed"', () => {
    const cut: Preview = { ...preview, sender: many(24), receives: [], approvals: [], omitted: 1 }
    const actual = { ...effects, sender: many(25), receives: [], approvals: [], success: true, fee: 1n }
    expect(compareOutcome(cut, actual)).toEqual({ verdict: 'partly-checked', differences: [], unchecked: 1 })
  })

  it('more differences than are kept: the rest are counted', () => {
    const none: Preview = { ...preview, sender: [], receives: [], approvals: [] }
    const actual = { ...effects, sender: many(60), receives: [], approvals: [], success: true, fee: 1n }
    const r = compareOutcome(none, actual)
    expect(r.verdict).toBe('differs')
    expect(r.differences).toHaveLength(48)
    expect(r.moreDifferences).toBe(12)
  })
})
