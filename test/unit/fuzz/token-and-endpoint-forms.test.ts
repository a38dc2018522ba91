import fc from 'fast-check'
import { createClient, custom, getAddress } from 'viem'
import { describe, expect, it } from 'vitest'
import { readTokenMetadata } from '../../../src/core/balances/tokenMetadata'
import { chainSchema, endpointUrlProblem, tokenSchema } from '../../../src/core/config/schema'
import {
  emptyChainEndpointSettings,
  endpointEdits,
  resolveEndpoints,
  validateNewEndpoint,
} from '../../../src/core/rpc/endpoints'
import { hostileString, hostileValue, isClearMessage, unsafeTextChars } from './hostile'

const token = getAddress('0x5FbDB2315678afecb367f032d93F642f64180aa3')

describe('"add a token" form: address typed by the user, answers from the chain', () => {
  const addressText = fc.oneof(hostileString, fc.constantFrom(token, token.toLowerCase(), ` ${token} `))

  it('refuses a bad address without a request; otherwise a clean token, a refusal with a reason, or a thrown Error', async () => {
    await fc.assert(
      fc.asyncProperty(
        addressText,
        hostileValue,
        hostileValue,
        fc.boolean(),
        async (address, code, callAnswer, fails) => {
          let requests = 0
          // No retries: a failing fake answer is final.
          const client = createClient({
            transport: custom(
              {
                request: async ({ method }: { method: string }) => {
                  requests++
                  if (fails) throw new Error('HTTP request failed')
                  return method === 'eth_getCode' ? code : callAnswer
                },
              },
              { retryCount: 0 },
            ),
          })
          try {
            const result = await readTokenMetadata(client, { address })
            if (result.ok) {
              expect(tokenSchema.safeParse(result.token).success).toBe(true)
              expect(result.token.symbol).not.toMatch(unsafeTextChars)
            } else {
              expect(isClearMessage(result.reason), result.reason).toBe(true)
              if (result.code === 'invalid-address') expect(requests).toBe(0)
            }
          } catch (error) {
            expect(error).toBeInstanceOf(Error)
          }
        },
      ),
      { numRuns: 150 },
    )
  })
})

describe('"add an endpoint" form', () => {
  const chain = chainSchema.parse({
    id: 31337,
    name: 'Devnet',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpc: [{ url: 'http://127.0.0.1:8545' }],
    protect: null,
  })
  const url = fc.oneof(
    hostileString,
    fc.webUrl({ withQueryParameters: true }),
    fc.constantFrom(
      'http://127.0.0.1:8545',
      'http://localhost:9/x',
      'ftp://a.example',
      'https://',
      'https://a.example/k/SECRET',
    ),
  )

  it('a URL and label either pass and then resolve to one more endpoint, or get a clear message at their field', () => {
    fc.assert(
      fc.property(url, fc.option(hostileString, { nil: undefined }), (u, label) => {
        const existing = resolveEndpoints(chain, undefined)
        const input = label === undefined ? { url: u } : { url: u, label }
        const errors = validateNewEndpoint(input, existing)
        for (const [field, message] of Object.entries(errors)) {
          expect(['url', 'label']).toContain(field)
          expect(isClearMessage(message, [u])).toBe(true)
        }
        if (Object.keys(errors).length > 0) return
        expect(endpointUrlProblem(u.trim(), 'http')).toBeUndefined()
        const after = resolveEndpoints(chain, endpointEdits.add(emptyChainEndpointSettings, input))
        expect(after.length).toBe(existing.length + 1)
        const added = after.find((e) => e.source === 'user')
        expect(added?.name).not.toContain('SECRET')
        expect(added?.name).not.toMatch(unsafeTextChars)
      }),
      { numRuns: 400 },
    )
  })
})
