import fc from 'fast-check'
import { createClient, custom, encodeAbiParameters, getAddress, type Hex, numberToHex } from 'viem'
import { describe, expect, it } from 'vitest'
import { readBalances } from '../../../src/core/balances/readBalances'
import { balancesSnapshotSchema } from '../../../src/core/balances/snapshotSchema'
import { type RawMetadata, validateMetadata } from '../../../src/core/balances/tokenMetadata'
import { tokenSchema } from '../../../src/core/config/schema'
import { classifyError } from '../../../src/core/errors/classify'
import { absurdFeePerGas, presetsFromFeeHistory } from '../../../src/core/fees/presets'
import { fetchProtectStatus, protectStatusSchema, simErrorMessage } from '../../../src/core/protect/status'
import { startHeadWatcher } from '../../../src/core/rpc/headWatcher'
import { hostileString, hostileValue, isClearMessage, toJsonText, unsafeTextChars } from './hostile'

const tokenAddress = getAddress('0x5FbDB2315678afecb367f032d93F642f64180aa3')
const owner = getAddress('0x70997970C51812dc3A010C7d01b50e0d17dc79C8')
const multicall3 = getAddress('0xcA11bde05977b3631167028862bE2a173976CA11')
const hex = fc.uint8Array({ maxLength: 96 }).map((b) => `0x${Buffer.from(b).toString('hex')}` as Hex)

describe('token metadata from the chain', () => {
  // ABI decoding gives strings for name/symbol and a uint256 for decimals (read as uint256 on purpose).
  const answer = <T>(value: fc.Arbitrary<T>) =>
    fc.oneof(
      { weight: 4, arbitrary: value.map((v) => ({ ok: true as const, value: v })) },
      fc.constant({ ok: false as const }),
    )
  const tokenText = fc.oneof(hostileString, fc.constantFrom('\u202eDSU', 'US\u2067D', 'USDC\u200b', 'DUSD'))
  const raw: fc.Arbitrary<RawMetadata> = fc.record({
    name: answer(tokenText),
    symbol: answer(tokenText),
    decimals: answer(
      fc.oneof(fc.bigInt({ min: 0n, max: 40n }), fc.bigInt({ min: 0n, max: 2n ** 256n - 1n })),
    ),
    totalSupply: answer(fc.bigInt({ min: 0n, max: 2n ** 256n - 1n })),
  })

  it('is a clean token or a refusal with a code and a sentence — bidi and control characters refused', () => {
    fc.assert(
      fc.property(raw, (metadata) => {
        const result = validateMetadata(tokenAddress, metadata)
        if (result.ok) {
          expect(tokenSchema.safeParse(result.token).success).toBe(true)
          expect(result.token.symbol).not.toMatch(unsafeTextChars)
          expect(result.token.name).not.toMatch(unsafeTextChars)
        } else {
          expect(['not-erc20', 'bad-decimals', 'bad-symbol', 'bad-name']).toContain(result.code)
          expect(isClearMessage(result.reason), result.reason).toBe(true)
        }
      }),
      {
        numRuns: 500,
        examples: [
          [
            {
              name: { ok: true, value: 'Demo' },
              symbol: { ok: true, value: '\u202eDSU' },
              decimals: { ok: true, value: 6n },
              totalSupply: { ok: true, value: 1n },
            },
          ],
        ],
      },
    )
  })
})

describe('balances decoded from an RPC answer', () => {
  const answer = fc.oneof(
    hostileValue,
    hex,
    // A well-formed aggregate3 answer whose items carry random return data.
    fc
      .array(
        fc.record({
          success: fc.boolean(),
          returnData: fc.oneof(
            hex,
            fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }).map((n) => numberToHex(n, { size: 32 })),
          ),
        }),
        {
          minLength: 0,
          maxLength: 5,
        },
      )
      .map((items) =>
        encodeAbiParameters(
          [
            {
              type: 'tuple[]',
              components: [
                { name: 'success', type: 'bool' },
                { name: 'returnData', type: 'bytes' },
              ],
            },
          ],
          [items],
        ),
      ),
  )

  it('gives a valid snapshot or throws an Error — never a made-up zero or a non-bigint balance', async () => {
    await fc.assert(
      fc.asyncProperty(answer, hostileValue, fc.boolean(), async (callResult, other, withMulticall) => {
        const client = createClient({
          transport: custom({
            request: async ({ method }: { method: string }) => (method === 'eth_call' ? callResult : other),
          }),
        })
        try {
          const snapshot = await readBalances(client, {
            chainId: 31337,
            owner,
            tokens: [tokenAddress],
            ...(withMulticall ? { multicall3 } : {}),
          })
          expect(balancesSnapshotSchema.safeParse(snapshot).success).toBe(true)
          const read = snapshot.tokens[tokenAddress]
          if (read?.status === 'error') expect(read.reason.length).toBeGreaterThan(0)
        } catch (error) {
          expect(error).toBeInstanceOf(Error)
        }
      }),
      { numRuns: 300 },
    )
  })
})

describe('fee history from an RPC answer', () => {
  const wei = fc.bigInt({ min: 0n, max: 2n ** 256n - 1n })
  it('presets always have a tip above zero, ordered slow ≤ normal ≤ fast, max fee ≥ tip, within the cap — or the answer is refused', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(wei, fc.bigInt({ min: 0n, max: absurdFeePerGas })), { maxLength: 12 }),
        fc.option(fc.array(fc.array(wei, { maxLength: 4 }), { maxLength: 12 }), { nil: undefined }),
        (baseFeePerGas, reward) => {
          let result: ReturnType<typeof presetsFromFeeHistory>
          try {
            result = presetsFromFeeHistory({ baseFeePerGas, reward })
          } catch (error) {
            expect(classifyError(error).message).toMatch(/unusable answer: eth_feeHistory answered/)
            return
          }
          const { presets, baseFee, cap } = result
          for (const p of Object.values(presets)) expect(p.maxFeePerGas).toBeLessThanOrEqual(cap.maxFee)
          expect(baseFee).toBeGreaterThanOrEqual(0n)
          for (const p of Object.values(presets)) {
            expect(p.maxPriorityFeePerGas).toBeGreaterThan(0n)
            expect(p.maxFeePerGas).toBeGreaterThanOrEqual(p.maxPriorityFeePerGas)
          }
          expect(presets.slow.maxPriorityFeePerGas).toBeLessThanOrEqual(presets.normal.maxPriorityFeePerGas)
          expect(presets.normal.maxPriorityFeePerGas).toBeLessThanOrEqual(presets.fast.maxPriorityFeePerGas)
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('head numbers from a WebSocket', () => {
  const message = fc.oneof(
    hostileString,
    fc.json(),
    hostileValue.map(toJsonText),
    fc
      .record({
        jsonrpc: fc.constant('2.0'),
        method: fc.constant('eth_subscription'),
        params: fc.record({ result: fc.record({ number: fc.oneof(hostileString, hostileValue) }) }),
      })
      .map(toJsonText),
    fc
      .record({ id: fc.constant(1), result: hostileValue, error: hostileValue }, { requiredKeys: ['id'] })
      .map(toJsonText),
  )

  /** The socket answers our chain's id first (asked before subscribing). */
  const chainIdReply = JSON.stringify({ jsonrpc: '2.0', id: 0, result: '0x1' })
  const run = (messages: unknown[]) => {
    const heads: number[] = []
    const states: string[] = []
    let socket: { onmessage: ((ev: { data: unknown }) => void) | null } | undefined
    const watcher = startHeadWatcher({
      url: 'ws://127.0.0.1:1',
      chainId: 1,
      onHead: (n) => heads.push(n),
      onState: (s) => states.push(s),
      onCatchUp: () => {},
      maxAttempts: 0,
      socket: () => {
        const s = {
          onopen: null,
          onmessage: null,
          onclose: null,
          onerror: null,
          send: () => {},
          close: () => {},
        }
        socket = s
        return s
      },
    })
    try {
      for (const data of [chainIdReply, ...messages]) socket?.onmessage?.({ data })
    } finally {
      watcher.stop()
    }
    return { heads, states }
  }

  it('well-formed answers still work among junk: the subscription goes live and heads arrive', () => {
    fc.assert(
      fc.property(fc.array(message, { maxLength: 4 }), fc.nat({ max: 2 ** 40 }), (junk, n) => {
        const { heads, states } = run([
          JSON.stringify({ jsonrpc: '2.0', id: 1, result: '0x9ce59a13059e417087c02d3236a0b1cc' }),
          ...junk,
          JSON.stringify({
            jsonrpc: '2.0',
            method: 'eth_subscription',
            params: { subscription: '0x9c', result: { number: `0x${n.toString(16)}`, hash: '0x00' } },
          }),
        ])
        expect(states[0]).toBe('live')
        expect(heads.at(-1)).toBe(n)
      }),
      { numRuns: 100 },
    )
  })

  it('any message is ignored or gives a whole, non-negative block number; nothing throws', () => {
    fc.assert(
      fc.property(fc.array(message, { maxLength: 8 }), (messages) => {
        const { heads } = run(messages)
        for (const n of heads) expect(Number.isSafeInteger(n) && n >= 0, String(n)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })
})

describe('Protect status API answers', () => {
  const hash = `0x${'ab'.repeat(32)}` as Hex
  const statusBody = fc.record(
    {
      status: fc.oneof(
        fc.constantFrom('PENDING', 'INCLUDED', 'FAILED', 'CANCELLED', 'UNKNOWN'),
        hostileValue,
      ),
      hash: fc.oneof(fc.constant(hash), fc.constant(hash.toUpperCase().replace('0X', '0x')), hostileValue),
      maxBlockNumber: fc.oneof(fc.nat(), hostileValue),
      transaction: fc.oneof(
        hostileValue,
        fc.record({ from: hostileValue, to: hostileValue, nonce: hostileValue }, { requiredKeys: [] }),
      ),
      fastMode: hostileValue,
      seenInMempool: fc.oneof(fc.boolean(), hostileValue),
      simError: fc.oneof(hostileString, fc.constantFrom('SimErrorNonceTooLow', 'OutOfGas')),
      revertReason: hostileValue,
      isRevert: hostileValue,
    },
    { requiredKeys: [] },
  )
  const body = fc.oneof(hostileString, fc.json(), statusBody.map(toJsonText))
  const baseUrl = fc.oneof(
    fc.constantFrom('https://protect.flashbots.net/tx/', 'http://127.0.0.1:8546/tx'),
    hostileString,
  )

  it('is a validated status about this transaction, or "unavailable" with a reason', async () => {
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.constantFrom(200, 200, 200, 404, 429, 500),
        fc.boolean(),
        baseUrl,
        async (text, status, fail, base) => {
          const result = await fetchProtectStatus(base, hash, async () => {
            if (fail) throw new TypeError('Failed to fetch')
            return { ok: status === 200, status, text: async () => text }
          })
          if (result.kind === 'ok') {
            expect(protectStatusSchema.safeParse(result.status).success).toBe(true)
            expect(result.status.hash.toLowerCase()).toBe(hash)
            const sim = simErrorMessage(result.status.simError)
            if (sim !== undefined) expect(isClearMessage(sim, [result.status.simError])).toBe(true)
          } else expect(isClearMessage(result.reason, [base, text]), result.reason).toBe(true)
        },
      ),
      { numRuns: 400 },
    )
  })
})
