import fc from 'fast-check'
import { type AbiParameter, encodeAbiParameters, getAddress, isAddress, isHex } from 'viem'
import { describe, expect, it } from 'vitest'
import { parseAbiArgument, parseFunctionFragment } from '../../../src/core/batch/abiArgs'
import { type BatchAction, batchDraftSchema } from '../../../src/core/batch/actions'
import { resolveAction, type ValidationContext } from '../../../src/core/batch/validate'
import { hostileString, hostileValue, isClearMessage, junkObject, prototypeIsClean } from './hostile'

const dusd = {
  address: getAddress('0x5FbDB2315678afecb367f032d93F642f64180aa3'),
  symbol: 'DUSD',
  decimals: 6,
}
const hdt = { address: getAddress('0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512'), symbol: 'HDT', decimals: 18 }
const ctx: ValidationContext = {
  tokens: [dusd, hdt],
  nativeSymbol: 'ETH',
  account: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  knownAddresses: ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8'],
}

const validFragments = [
  'function deposit(uint256 amount)',
  'withdraw(uint256)',
  'function ping()',
  'function pay(address to) payable',
  'function set(bool on, string note, bytes data, bytes32 salt)',
  'function many(uint8[] xs, address[2] pair, int24 tick)',
  'function nested(uint256[][] grid)',
  'function tuple((uint256 a, address b) s)',
]
const signature = fc.oneof(fc.constantFrom(...validFragments), hostileString)
const field = fc.oneof(
  hostileString,
  fc.constantFrom(dusd.address, hdt.address.toLowerCase(), '1', '0.000001', '[1, "2"]', '[]', 'true'),
)
const id = fc.string({ minLength: 1, maxLength: 64 })

const action: fc.Arbitrary<BatchAction> = fc.oneof(
  fc.record({ id, kind: fc.constant('eth-transfer' as const), to: field, amount: field }),
  fc.record({ id, kind: fc.constant('token-transfer' as const), token: field, to: field, amount: field }),
  fc.record({
    id,
    kind: fc.constant('token-approval' as const),
    token: field,
    spender: field,
    amount: field,
    unlimited: fc.boolean(),
    unlimitedConfirmed: fc.boolean(),
  }),
  fc.record({
    id,
    kind: fc.constant('contract-call' as const),
    to: field,
    signature,
    args: fc.array(field, { maxLength: 6 }),
    value: field,
  }),
)

const fieldName = /^(to|amount|token|spender|unlimitedConfirmed|value|signature|arg\.\d+)$/

describe('batch actions under random and hostile input', () => {
  it('every action resolves to an encodable call or to clear messages at named fields', () => {
    fc.assert(
      fc.property(action, (a) => {
        const resolved = resolveAction(a, ctx)
        for (const [k, m] of Object.entries(resolved.warnings)) {
          expect(k).toMatch(fieldName)
          expect(isClearMessage(m)).toBe(true)
        }
        if (resolved.ok) {
          expect(isAddress(resolved.call.to, { strict: true })).toBe(true)
          expect(resolved.call.value).toBeGreaterThanOrEqual(0n)
          expect(resolved.call.value).toBeLessThan(2n ** 256n)
          if (resolved.call.data !== undefined) expect(isHex(resolved.call.data, { strict: true })).toBe(true)
        } else {
          for (const [k, m] of Object.entries(resolved.errors)) {
            expect(k).toMatch(fieldName)
            expect(isClearMessage(m, [a.kind === 'contract-call' ? a.signature : '']), m).toBe(true)
          }
        }
        expect(prototypeIsClean()).toBe(true)
      }),
      { numRuns: 600 },
    )
  })

  it('a stored draft of any shape parses to actions or is refused with a path and message', () => {
    const draft = fc.oneof(
      hostileValue,
      fc.record({
        version: fc.oneof(fc.constant(1), hostileValue),
        actions: fc.array(action, { maxLength: 4 }),
      }),
      fc.record({
        version: fc.constant(1),
        actions: fc.array(junkObject(['id', 'kind', 'to', 'amount']), { maxLength: 3 }),
      }),
    )
    fc.assert(
      fc.property(draft, (value) => {
        const parsed = batchDraftSchema.safeParse(value)
        if (parsed.success) for (const a of parsed.data.actions) resolveAction(a, ctx)
        else expect(parsed.error.issues[0]?.message.length).toBeGreaterThan(0)
      }),
      { numRuns: 400 },
    )
  })
})

describe('ABI fragments and arguments typed by the user', () => {
  it('a fragment parses to a function or gives a clear error', () => {
    fc.assert(
      fc.property(signature, (text) => {
        const parsed = parseFunctionFragment(text)
        if (parsed.ok) expect(parsed.fn.type).toBe('function')
        else expect(isClearMessage(parsed.error, [text]), parsed.error).toBe(true)
      }),
      { numRuns: 500 },
    )
  })

  const types = fc.constantFrom(
    'uint256',
    'uint8',
    'int8',
    'int256',
    'int24',
    'address',
    'bool',
    'string',
    'bytes',
    'bytes1',
    'bytes32',
    'uint256[]',
    'address[2]',
    'uint8[][]',
    'bool[3][]',
  )
  const argText = fc.oneof(
    hostileString,
    fc.bigInt().map(String),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc
      .array(fc.oneof(fc.bigInt().map(String), hostileString), { maxLength: 4 })
      .map((xs) => JSON.stringify(xs)),
    fc
      .array(fc.bigInt({ min: -(2n ** 300n), max: 2n ** 300n }), { maxLength: 4 })
      .map((xs) => `[${xs.join(', ')}]`),
    fc.constant(`${'['.repeat(5000)}${']'.repeat(5000)}`),
  )

  it('an argument parses to a value viem can encode, or to a clear error', () => {
    fc.assert(
      fc.property(types, argText, (type, text) => {
        const parsed = parseAbiArgument(type, text)
        if (parsed.ok) {
          const param = { type } as AbiParameter
          expect(() => encodeAbiParameters([param], [parsed.value])).not.toThrow()
        } else expect(isClearMessage(parsed.error, [type]), parsed.error).toBe(true)
      }),
      { numRuns: 800 },
    )
  })
})
