import fc from 'fast-check'
import { decodeAbiParameters, encodeAbiParameters, getAddress, toHex } from 'viem'
import { describe, expect, it } from 'vitest'
import { parseAbiArgument, parseFunctionFragment } from '../../../../src/core/batch/abiArgs'

const bits = fc.integer({ min: 1, max: 32 }).map((n) => n * 8)

describe('parseFunctionFragment', () => {
  it('parses a human-readable function with or without the keyword', () => {
    for (const text of ['function deposit(uint256 amount)', 'deposit(uint256 amount)']) {
      const parsed = parseFunctionFragment(text)
      expect(parsed.ok && parsed.fn.name).toBe('deposit')
      expect(parsed.ok && parsed.fn.inputs).toEqual([{ type: 'uint256', name: 'amount' }])
    }
  })
  it('rejects events, garbage and struct arguments with a reason', () => {
    expect(parseFunctionFragment('event Transfer(address from)')).toMatchObject({ ok: false })
    expect(parseFunctionFragment('function (')).toMatchObject({ ok: false })
    expect(parseFunctionFragment('')).toMatchObject({ ok: false })
    expect(parseFunctionFragment('function f((uint256 a, bool b) s)')).toMatchObject({
      ok: false,
      error: 'Struct (tuple) arguments are not supported here.',
    })
  })
})

describe('parseAbiArgument (property-based)', () => {
  it('accepts every in-range uintN written in decimal and encodes it back to the same value', () => {
    fc.assert(
      fc.property(
        bits.chain((n) => fc.tuple(fc.constant(n), fc.bigInt({ min: 0n, max: (1n << BigInt(n)) - 1n }))),
        ([n, value]) => {
          const parsed = parseAbiArgument(`uint${n}`, value.toString())
          expect(parsed).toEqual({ ok: true, value })
          const type = [{ type: `uint${n}` }]
          const decoded = decodeAbiParameters(
            type,
            encodeAbiParameters(type, [parsed.ok ? parsed.value : 0n]),
          )[0]
          // viem decodes uint48 and narrower as a JS number
          expect(BigInt(decoded as bigint | number)).toBe(value)
        },
      ),
    )
  })

  it('rejects every uintN above its range and every negative uint, with a range message', () => {
    fc.assert(
      fc.property(bits, fc.bigInt({ min: 1n, max: 1n << 300n }), (n, extra) => {
        const over = parseAbiArgument(`uint${n}`, ((1n << BigInt(n)) - 1n + extra).toString())
        expect(over.ok).toBe(false)
        expect(!over.ok && over.error).toContain(`uint${n}`)
        expect(parseAbiArgument(`uint${n}`, (-extra).toString()).ok).toBe(false)
      }),
    )
  })

  it('accepts intN exactly within its two-complement range', () => {
    fc.assert(
      fc.property(bits, fc.bigInt({ min: -(1n << 260n), max: 1n << 260n }), (n, value) => {
        const half = 1n << BigInt(n - 1)
        const parsed = parseAbiArgument(`int${n}`, value.toString())
        expect(parsed.ok).toBe(value >= -half && value < half)
      }),
    )
  })

  it('rejects anything that is not plain decimal digits for integers', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/^\s*-?\d+\s*$/.test(s)),
        (text) => {
          expect(parseAbiArgument('uint256', text).ok).toBe(false)
        },
      ),
    )
  })

  it('accepts addresses in lower case or correct checksum and rejects a broken checksum', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), (bytes) => {
        const lower = toHex(bytes)
        const checksummed = getAddress(lower)
        expect(parseAbiArgument('address', lower)).toEqual({ ok: true, value: checksummed })
        expect(parseAbiArgument('address', checksummed)).toEqual({ ok: true, value: checksummed })
        const letters = [...checksummed.slice(2)]
          .map((c, i) => ({ c, i }))
          .filter(({ c }) => /[a-fA-F]/.test(c))
        const flip = letters[0]
        if (flip && checksummed.slice(2) !== checksummed.slice(2).toLowerCase()) {
          const chars = [...checksummed]
          const at = flip.i + 2
          const ch = chars[at] ?? ''
          chars[at] = ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase()
          const broken = chars.join('')
          const mixed =
            broken.slice(2) !== broken.slice(2).toLowerCase() &&
            broken.slice(2) !== broken.slice(2).toUpperCase()
          if (mixed) expect(parseAbiArgument('address', broken).ok).toBe(false)
        }
      }),
    )
  })

  it('accepts bytesN only with exactly N bytes, and bytes only as even-length hex', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 32 }), fc.uint8Array({ maxLength: 40 }), (n, bytes) => {
        const hex = toHex(bytes)
        expect(parseAbiArgument(`bytes${n}`, hex).ok).toBe(bytes.length === n)
        expect(parseAbiArgument('bytes', hex)).toEqual({ ok: true, value: hex })
      }),
    )
    expect(parseAbiArgument('bytes', '0xabc').ok).toBe(false)
  })

  it('parses arrays item by item, big numbers keep their precision, and errors name the item', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }), { maxLength: 8 }), (values) => {
        expect(parseAbiArgument('uint256[]', `[${values.join(', ')}]`)).toEqual({ ok: true, value: values })
      }),
    )
    expect(parseAbiArgument('uint8[2]', '[1, 2, 3]')).toMatchObject({ ok: false })
    expect(parseAbiArgument('uint8[]', '[1, 256]')).toMatchObject({
      ok: false,
      error: expect.stringContaining('Item 2'),
    })
    expect(parseAbiArgument('bool', 'yes').ok).toBe(false)
    expect(parseAbiArgument('string', ' keep spaces ')).toEqual({ ok: true, value: ' keep spaces ' })
  })
})
