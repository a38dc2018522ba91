import fc from 'fast-check'
import { getAddress, isAddress, zeroAddress } from 'viem'
import { normalize } from 'viem/ens'
import { describe, expect, it } from 'vitest'
import { parseHash } from '../../../src/app/router'
import { classifyError } from '../../../src/core/errors/classify'
import { checkCustomFees } from '../../../src/core/fees/presets'
import { amountSchema, checkAmount, maxSendable } from '../../../src/core/validation/amount'
import { findLookalike } from '../../../src/core/validation/poisoning'
import {
  addressProblem,
  looksLikeEnsName,
  recipientAddressSchema,
} from '../../../src/core/validation/recipient'
import { findAsset, type SendAsset } from '../../../src/features/send/useSendAssets'
import { hostileString, isClearMessage } from './hostile'

const token = '0x5FbDB2315678afecb367f032d93F642f64180aa3' as const
const decimals = fc.integer({ min: 0, max: 36 })
const balance = fc.oneof(fc.constant(undefined), fc.bigInt({ min: 0n, max: 2n ** 256n }))
const address = fc
  .uint8Array({ minLength: 20, maxLength: 20 })
  .map((b) => getAddress(`0x${Buffer.from(b).toString('hex')}`))
const recipientText = fc.oneof(
  hostileString,
  address,
  address.map((a) => a.toLowerCase()),
)

describe('send form: amount', () => {
  it('gives base units within the balance, or one clear message — never a throw', () => {
    fc.assert(
      fc.property(
        hostileString,
        decimals,
        balance,
        fc.bigInt({ min: 0n, max: 2n ** 80n }),
        (text, d, bal, reserve) => {
          const result = checkAmount(text, { decimals: d, balance: bal, reserve })
          if (result.ok) {
            expect(result.value).toBeGreaterThan(0n)
            expect(bal).toBeDefined()
            expect(result.value).toBeLessThanOrEqual(maxSendable(bal ?? 0n, reserve))
          } else expect(isClearMessage(result.message), result.message).toBe(true)
          const parsed = amountSchema({ decimals: d, balance: bal, reserve }).safeParse(text)
          expect(parsed.success).toBe(result.ok)
          if (!parsed.success) expect(isClearMessage(parsed.error.issues[0]?.message)).toBe(true)
        },
      ),
      { numRuns: 600 },
    )
  })

  it('the amount schema refuses non-strings with a message instead of throwing', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const parsed = amountSchema({ decimals: 18, balance: 10n ** 30n }).safeParse(value)
        if (!parsed.success) expect(parsed.error.issues[0]?.message.length).toBeGreaterThan(0)
        else expect(typeof value).toBe('string')
      }),
      { numRuns: 200 },
    )
  })
})

describe('send form: recipient', () => {
  it('accepts only a checksum-consistent non-zero address, else a clear message', () => {
    fc.assert(
      fc.property(recipientText, fc.boolean(), (text, withToken) => {
        const rules = withToken ? { tokenAddress: token } : {}
        const problem = addressProblem(text, rules)
        const parsed = recipientAddressSchema(rules).safeParse(text)
        expect(parsed.success).toBe(problem === undefined)
        if (parsed.success) {
          expect(isAddress(parsed.data, { strict: true })).toBe(true)
          expect(parsed.data).not.toBe(zeroAddress)
          if (withToken) expect(parsed.data).not.toBe(token)
        } else expect(isClearMessage(problem), String(problem)).toBe(true)
      }),
      { numRuns: 600 },
    )
  })

  it('ENS-looking input either normalizes or fails with an error the classifier turns into a sentence', () => {
    const ensLike = fc.oneof(
      hostileString,
      fc.tuple(hostileString, fc.constantFrom('.eth', '.xyz', '.')).map(([a, b]) => `${a}${b}`),
    )
    fc.assert(
      fc.property(ensLike, (text) => {
        const isEns = looksLikeEnsName(text)
        if (isEns) expect(text.trim()).not.toMatch(/^0x[0-9a-fA-F]*$/)
        if (!isEns) return
        try {
          expect(typeof normalize(text.trim())).toBe('string')
        } catch (error) {
          const classified = classifyError(error, { method: 'ens_resolve' })
          expect(isClearMessage(classified.message, [text]), classified.message).toBe(true)
        }
      }),
      { numRuns: 400 },
    )
  })

  it('the poisoning guard handles any address list', () => {
    fc.assert(
      fc.property(address, fc.array(address, { maxLength: 30 }), (a, known) => {
        const found = findLookalike(a, known)
        if (found !== undefined) {
          expect(known).toContain(found)
          expect(found.toLowerCase()).not.toBe(a.toLowerCase())
        }
      }),
      { numRuns: 300 },
    )
  })
})

describe('send form: custom fees', () => {
  it('gives a tip above zero and below the max fee, or a message at the right field', () => {
    fc.assert(
      fc.property(
        hostileString,
        hostileString,
        fc.bigInt({ min: 0n, max: 10n ** 40n }),
        (maxFee, tip, baseFee) => {
          const check = checkCustomFees({ maxFeeGwei: maxFee, priorityFeeGwei: tip }, baseFee)
          if (check.ok) {
            expect(check.fees.maxPriorityFeePerGas).toBeGreaterThan(0n)
            expect(check.fees.maxPriorityFeePerGas).toBeLessThanOrEqual(check.fees.maxFeePerGas)
            expect(check.fees.maxFeePerGas).toBeGreaterThanOrEqual(baseFee)
          } else {
            expect(['maxFeeGwei', 'priorityFeeGwei']).toContain(check.field)
            expect(isClearMessage(check.message), check.message).toBe(true)
          }
        },
      ),
      { numRuns: 400 },
    )
  })
})

describe('deep links #/send?to=…&amount=…&token=…', () => {
  const assets: SendAsset[] = [
    { key: 'native', symbol: 'ETH', name: 'Ether', decimals: 18 } as SendAsset,
    { key: token, symbol: 'DUSD', name: 'Demo USD', decimals: 6, address: token } as SendAsset,
  ]
  const query = fc.array(
    fc.tuple(
      fc.oneof(fc.constantFrom('to', 'amount', 'token', '__proto__', 'TO'), hostileString),
      recipientText,
    ),
    { maxLength: 6 },
  )
  const hash = fc.oneof(
    hostileString,
    fc
      .tuple(fc.constantFrom('#/send', '#send', '#/send/', '#//send', '', '#'), query)
      .map(([path, q]) => `${path}?${new URLSearchParams(q).toString()}`),
    fc.tuple(hostileString, hostileString).map(([a, b]) => `#/send?to=${a}&amount=${b}&token=${a}`),
  )

  it('every link gives a route, and each parameter goes through the form rules', () => {
    fc.assert(
      fc.property(hash, balance, (h, bal) => {
        const route = parseHash(h)
        expect(route.path.startsWith('/')).toBe(true)
        expect(route.path === '/' || !route.path.endsWith('/')).toBe(true)
        const to = route.query.get('to')
        const amount = route.query.get('amount')
        const tokenParam = route.query.get('token')
        const asset = findAsset(assets, tokenParam)
        if (asset) expect(assets).toContain(asset)
        if (to !== null) {
          const problem = addressProblem(to)
          if (problem) expect(isClearMessage(problem)).toBe(true)
        }
        if (amount !== null) {
          const check = checkAmount(amount, { decimals: asset?.decimals ?? 18, balance: bal })
          if (!check.ok) expect(isClearMessage(check.message)).toBe(true)
        }
      }),
      { numRuns: 500 },
    )
  })
})
