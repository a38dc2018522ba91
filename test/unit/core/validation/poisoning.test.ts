import fc from 'fast-check'
import { getAddress } from 'viem'
import { describe, expect, it } from 'vitest'
import { diffSegments, findLookalike } from '../../../../src/core/validation/poisoning'

const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`))

describe('address-poisoning guard', () => {
  it('flags an address with the same first 4 and last 4 hex characters but a different middle', () => {
    fc.assert(
      fc.property(hex(4), hex(32), hex(32), hex(4), (head, mid1, mid2, tail) => {
        fc.pre(mid1 !== mid2)
        const known = getAddress(`0x${head}${mid1}${tail}`)
        const poison = getAddress(`0x${head}${mid2}${tail}`)
        expect(findLookalike(poison, [known])).toBe(known)
      }),
    )
  })

  it('does not flag the same address, or addresses whose ends differ', () => {
    fc.assert(
      fc.property(hex(40), hex(40), (a, b) => {
        const x = getAddress(`0x${a}`)
        const y = getAddress(`0x${b}`)
        expect(findLookalike(x, [x])).toBeUndefined()
        const sameEnds = a.slice(0, 4) === b.slice(0, 4) && a.slice(-4) === b.slice(-4)
        expect(findLookalike(x, [y]) !== undefined).toBe(sameEnds && a !== b)
      }),
    )
    const known = '0x1234aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa5678' as const
    expect(findLookalike(getAddress('0x1235aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa5678'), [getAddress(known)])).toBe(
      undefined,
    )
    expect(findLookalike(getAddress('0x1234aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa5679'), [getAddress(known)])).toBe(
      undefined,
    )
  })

  it('highlights exactly the characters that differ', () => {
    const a = '0x1234aaaa00005678'
    const b = '0x1234aaab00105678'
    const segments = diffSegments(a, b)
    expect(segments.map((s) => s.text).join('')).toBe(a)
    expect(segments.filter((s) => s.differs).map((s) => s.text)).toEqual(['a', '0'])
    fc.assert(
      fc.property(hex(40), hex(40), (x, y) => {
        const segs = diffSegments(`0x${x}`, `0x${y}`)
        expect(segs.map((s) => s.text).join('')).toBe(`0x${x}`)
        let i = 0
        for (const s of segs)
          for (const ch of s.text) {
            expect(s.differs).toBe(ch !== `0x${y}`[i])
            i++
          }
      }),
    )
  })
})
