import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { chooseBatchPath } from '../../../src/core/batch/path'
import { classifyError } from '../../../src/core/errors/classify'
import { decodeFlashRpcResult, detectProtection } from '../../../src/core/protect/detect'
import { protectStatusSchema } from '../../../src/core/protect/status'
import { txRecordSchema } from '../../../src/core/tx/records/records'
import { deriveStatus } from '../../../src/core/tx/track/status'
import { hostileString, hostileValue, isClearMessage, junkObject } from './hostile'

/** Errors as wallets and RPC libraries throw them: Error subclasses, plain objects, strings, cause chains. */
const hostileError: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  error: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileValue,
    fc.record(
      {
        message: fc.oneof(hostileString, hostileValue),
        code: fc.oneof(
          fc.constantFrom(4001, 4100, 4902, -32000, -32002, -32003, -32005, -32603, 429, 3),
          hostileValue,
        ),
        name: fc.oneof(
          fc.constantFrom('HttpRequestError', 'TimeoutError', 'UserRejectedRequestError'),
          hostileString,
        ),
        shortMessage: hostileString,
        details: hostileString,
        status: fc.oneof(fc.constantFrom(429, 500, 403), hostileValue),
        data: hostileValue,
        cause: tie('error'),
      },
      { requiredKeys: [] },
    ),
    fc.tuple(hostileString, tie('error')).map(([m, cause]) => new Error(m, { cause })),
  ),
})).error

describe('errors from wallets and endpoints', () => {
  it('any thrown value is classified into one sentence with URLs masked', () => {
    fc.assert(
      fc.property(hostileError, fc.option(hostileString, { nil: undefined }), (error, method) => {
        const c = classifyError(
          error,
          method === undefined ? {} : { method, endpoint: 'https://rpc.example/k/SECRET' },
        )
        expect(c.message.trim().length).toBeGreaterThan(0)
        expect(c.message).not.toContain('[object Object]')
        expect(c.message).not.toContain('SECRET')
      }),
      {
        numRuns: 400,
        examples: [
          [{ cause: { name: '__proto__' } }, undefined],
          [{ name: 'constructor', message: 'x' }, undefined],
        ],
      },
    )
  })

  it('a self-referencing cause chain does not loop', () => {
    const e: { message: string; cause?: unknown } = { message: 'loop' }
    e.cause = e
    expect(classifyError(e).message.length).toBeGreaterThan(0)
  })
})

describe('wallet answers', () => {
  it('wallet_getCapabilities: any answer or error picks atomic or sequential with a reason', () => {
    const caps = fc.oneof(
      hostileValue,
      junkObject(['atomic', 'paymasterService']),
      fc.record({
        atomic: fc.oneof(
          hostileValue,
          fc.record({ status: fc.oneof(fc.constantFrom('supported', 'ready', 'unsupported'), hostileValue) }),
        ),
      }),
    )
    fc.assert(
      fc.property(caps, fc.option(hostileError, { nil: undefined }), (capabilities, error) => {
        const path = chooseBatchPath(capabilities, error)
        if (path.kind === 'atomic') expect(['supported', 'ready']).toContain(path.status)
        else expect(isClearMessage(path.reason)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('the Protect probe: any eth_call answer or error is protected, not protected or unknown', async () => {
    const states = ['protected', 'not-protected', 'unknown']
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostileValue,
          fc.bigInt({ min: 0n, max: 2n ** 256n }).map((n) => `0x${n.toString(16)}`),
        ),
        fc.boolean(),
        async (answer, fails) => {
          expect(states).toContain(decodeFlashRpcResult(answer))
          const state = await detectProtection(async () => {
            if (fails) throw answer
            return answer
          })
          expect(states).toContain(state)
          if (state === 'protected') expect(fails).toBe(false)
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('status API answer → activity record', () => {
  const status = fc
    .record(
      {
        status: fc.constantFrom('PENDING', 'INCLUDED', 'FAILED', 'CANCELLED', 'UNKNOWN'),
        hash: fc.constant(`0x${'cd'.repeat(32)}`),
        maxBlockNumber: fc.oneof(fc.nat(), fc.constant(null)),
        simError: fc.oneof(
          hostileString,
          fc.constantFrom('SimErrorNonceTooLow', `SimError${'X'.repeat(5000)}`),
        ),
        revertReason: hostileString,
        seenInMempool: fc.boolean(),
        isRevert: fc.boolean(),
      },
      { requiredKeys: ['status', 'hash'] },
    )
    .map((raw) => protectStatusSchema.parse(raw))
  const receipt = fc.option(
    fc.record({
      blockNumber: fc.nat().map(String),
      gasUsed: fc.nat().map(String),
      effectiveGasPrice: fc.nat().map(String),
      fee: fc.nat().map(String),
      success: fc.boolean(),
    }),
    { nil: undefined },
  )

  it('the derived status and detail always fit the stored record (so tracking never throws on save)', () => {
    const base = {
      id: 'r1',
      kind: 'transfer',
      chainId: 1,
      from: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
      createdAt: 1,
      protected: true,
      status: 'PENDING',
      privacy: 'unknown',
    }
    fc.assert(
      fc.property(
        fc.oneof(
          status.map((s) => ({ kind: 'ok' as const, status: s })),
          // fetchProtectStatus builds reasons from the host and a zod message: short text.
          fc
            .string({ minLength: 1, maxLength: 120 })
            .map((reason) => ({ kind: 'unavailable' as const, reason })),
        ),
        receipt,
        fc.boolean(),
        fc.nat({ max: 100_000 }),
        fc.option(fc.nat({ max: 10 }), { nil: undefined }),
        (protectStatus, r, isProtected, elapsed, minedCount) => {
          const derived = deriveStatus({
            protected: isProtected,
            protectStatus,
            view: {
              endpointId: 'a',
              endpointName: 'a.example',
              head: 10,
              tx: r ? 'mined' : 'unknown',
              ...(r ? { receipt: { ...r, blockHash: `0x${'ab'.repeat(32)}` } } : {}),
              ...(minedCount !== undefined ? { minedCount } : {}),
            },
            confirmation: { kind: 'single' },
            nonce: 4,
            current: 'PENDING',
            sentAt: 0,
            now: elapsed,
          })
          const { provisional: _, ...fields } = derived
          const record = { ...base, privacy: 'checking', ...fields, ...(r ? { receipt: r } : {}) }
          const parsed = txRecordSchema.safeParse(record)
          expect(parsed.success, parsed.success ? '' : parsed.error.issues[0]?.message).toBe(true)
          if (derived.detail) expect(derived.detail.trim().length).toBeGreaterThan(0)
        },
      ),
      { numRuns: 400 },
    )
  })
})
