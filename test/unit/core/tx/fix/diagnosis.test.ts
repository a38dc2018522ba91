import { parseEther, parseGwei } from 'viem'
import { describe, expect, it } from 'vitest'
import { type DiagnosisContext, diagnose, walletAfterFailure } from '../../../../../src/core/tx/fix/diagnosis'
import { checkNonces, type NonceProblem, problemFix } from '../../../../../src/core/tx/fix/nonceCheck'
import type { TxRecord } from '../../../../../src/core/tx/records/records'

const from = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
let n = 0
function record(extra: Partial<TxRecord> & { simError?: string; revertReason?: string } = {}): TxRecord {
  const { simError, revertReason, ...rest } = extra
  return {
    id: `r${n++}`,
    kind: 'transfer',
    chainId: 1,
    from,
    hash: `0x${String(n).padStart(64, '0')}`,
    nonce: 5,
    to: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
    asset: { symbol: 'ETH', decimals: 18 },
    amount: parseEther('1').toString(),
    fees: {
      maxFeePerGas: parseGwei('1').toString(),
      maxPriorityFeePerGas: parseGwei('0.1').toString(),
      gas: '21000',
    },
    createdAt: 1_000,
    protected: true,
    status: 'PENDING',
    privacy: 'private',
    maxBlockNumber: 130,
    ...(simError !== undefined
      ? {
          api: {
            answered: true,
            last: {
              status: 'PENDING',
              simError,
              revertReason: revertReason ?? '',
              seenInMempool: false,
              at: 1,
            },
          },
        }
      : {}),
    ...rest,
  }
}
const ctx = (records: TxRecord[], extra: Partial<DiagnosisContext> = {}): DiagnosisContext => ({
  records,
  now: 2_000,
  ...extra,
})

describe('a diagnosis for every pending, failed or stuck transaction', () => {
  it('fee too low: speed up', () => {
    const r = record({ simError: 'SimErrorMaxFeePerGasTooLow' })
    expect(diagnose(r, ctx([r], { baseFee: parseGwei('3') }))).toEqual({
      code: 'fee-too-low',
      title: 'Fee too low',
      text: 'Its max fee (1 gwei) is below the base fee (3 gwei), so no block can include it. Protect keeps trying until block 130.',
      action: { kind: 'speed-up' },
    })
  })

  it('nonce too high: names the missing nonces and fills the first', () => {
    const r = record({ nonce: 7, simError: 'SimErrorNonceTooHigh' })
    const d = diagnose(r, ctx([r], { chainNonce: 5 }))
    expect(d?.text).toBe(
      'Nonce 5 and 6 are missing before this one (nonce 7): it cannot be included until they are used. Filling the gap sends 0 to yourself at that nonce.',
    )
    expect(d?.action).toEqual({ kind: 'fill-gap', nonce: 5 })
    // A pending record of ours holds nonce 5: only 6 is missing.
    const earlier = record({ nonce: 5 })
    expect(diagnose(r, ctx([r, earlier], { chainNonce: 5 }))?.action).toEqual({ kind: 'fill-gap', nonce: 6 })
    // Every nonce below is held by our own pending transactions: it waits for them.
    const six = record({ nonce: 6 })
    expect(diagnose(r, ctx([r, earlier, six], { chainNonce: 5 }))).toMatchObject({
      code: 'waiting-for-earlier',
      action: { kind: 'show-record', id: earlier.id },
    })
  })

  it('nonce too low: which transaction used the nonce', () => {
    const r = record({ simError: 'SimErrorNonceTooLow' })
    const used = record({
      kind: 'speed-up',
      status: 'INCLUDED',
      receipt: { blockNumber: '99', gasUsed: '1', effectiveGasPrice: '1', fee: '1', success: true },
    })
    expect(diagnose(r, ctx([r, used]))).toMatchObject({
      code: 'nonce-used',
      text: expect.stringMatching(
        /^Nonce 5 was used by your speed-up 0x00000000… in block 99\. This one can never be included\.$/,
      ),
      action: { kind: 'show-record', id: used.id },
    })
    expect(diagnose(r, ctx([r]))?.text).toMatch(
      /another transaction from this account \(not sent from Hush\)/,
    )
  })

  it('insufficient funds: the shortfall', () => {
    const r = record({ simError: 'InsufficientFunds' })
    const d = diagnose(r, ctx([r], { balance: parseEther('0.5') }))
    expect(d?.code).toBe('insufficient-funds')
    expect(d?.text).toMatch(/can cost up to 1\.000021 ETH .* holds 0\.5 ETH: 0\.500021 ETH short\./)
    expect(d?.action).toEqual({ kind: 'copy-address' })
  })

  it('reverts: the reason, with control and direction characters removed', () => {
    const r = record({ simError: 'SimErrorExecutionReverted', revertReason: 'Vault: \u202eno\u0007 deposit' })
    expect(diagnose(r, ctx([r]))?.text).toBe(
      "Protect's simulation of it reverts: Vault: no deposit. Protect does not include reverting transactions.",
    )
    const onChain = record({
      status: 'REVERTED',
      receipt: { blockNumber: '9', gasUsed: '1', effectiveGasPrice: '1', fee: '1', success: false },
    })
    expect(diagnose(onChain, ctx([onChain]))?.text).toBe(
      'It was included in block 9 but reverted. The fee was paid; nothing else changed.',
    )
  })

  it('out of gas: a higher limit (replace while pending, send again once failed)', () => {
    const r = record({ simError: 'SimErrorOutOfGas' })
    expect(diagnose(r, ctx([r], { gasNeeded: 30_000n }))?.action).toEqual({ kind: 'speed-up', gas: 36_001n })
    const failed = record({ status: 'FAILED', simError: 'SimErrorOutOfGas' })
    expect(diagnose(failed, ctx([failed]))?.action).toEqual({ kind: 'send-again', gas: 42_000n })
  })

  it('failed: what the wallet may show, how to clear it in MetaMask, then send again', () => {
    const r = record({ status: 'FAILED' })
    expect(diagnose(r, ctx([r]))).toEqual({
      code: 'failed',
      title: 'Not included',
      text: 'Protect tried until block 130 and did not include it.',
      wallet: walletAfterFailure,
      action: { kind: 'send-again' },
    })
    expect(walletAfterFailure).toMatch(/dropped.*1,000,000,001.*Clear activity tab data/)
  })

  it('never Protect said UNKNOWN, stuck for long, nothing for a fresh or final record', () => {
    expect(diagnose(record({ status: 'UNKNOWN' }), ctx([]))?.code).toBe('not-received')
    expect(diagnose(record(), ctx([], { now: 1_000 + 4 * 60_000 }))?.code).toBe('stuck')
    expect(diagnose(record(), ctx([]))).toBeUndefined()
    expect(diagnose(record({ status: 'INCLUDED' }), ctx([]))).toBeUndefined()
  })
})

describe('the account nonce check', () => {
  it('reports gaps, stuck and maybe-dropped transactions and what blocks the next one', () => {
    const failed = record({ nonce: 5, status: 'FAILED', updatedAt: 1_500 })
    const blocked = record({ nonce: 6, simError: 'SimErrorNonceTooHigh' })
    const report = checkNonces(
      { chainId: 1, address: from.toLowerCase() },
      { ...ctx([failed, blocked]), chainNonce: 5 },
    )
    expect(report.open.map((r) => r.nonce)).toEqual([6])
    expect(report.problems).toEqual([
      { kind: 'gap', nonce: 5, before: blocked },
      { kind: 'maybe-dropped', record: failed },
    ])
    expect(report.blocking).toBe(
      'Nonce 5 is missing: your next transaction would wait behind it until it is filled.',
    )
  })

  it('a stuck lowest transaction blocks the next; a clean account blocks nothing', () => {
    const low = record({ nonce: 5, simError: 'SimErrorMaxFeePerGasTooLow' })
    const report = checkNonces({ chainId: 1, address: from }, { ...ctx([low]), chainNonce: 5 })
    expect(report.blocking).toBe(
      'Your transaction with nonce 5 is stuck (fee too low): your next transaction would wait behind it.',
    )
    expect(
      checkNonces({ chainId: 1, address: from }, { ...ctx([record({ status: 'INCLUDED' })]), chainNonce: 6 })
        .blocking,
    ).toBeUndefined()
  })

  it('an outcome the wallet left unknown at a nonce nothing else uses: its one fix fills that nonce', () => {
    const { hash: _, ...intent } = record({ nonce: 5, status: 'AWAITING_WALLET', sentUnknown: true })
    const account = { chainId: 1, address: from }
    const alone = checkNonces(account, { ...ctx([intent]), chainNonce: 5 })
    expect(alone.problems).toEqual([{ kind: 'unknown', nonce: 5, record: intent }])
    expect(problemFix(alone.problems[0] as NonceProblem, [intent])).toEqual({
      record: intent,
      action: { kind: 'fill-gap', nonce: 5 },
    })
    // Alone it blocks nothing yet (a later send would reuse nonce 5, nonces.ts), but nothing of Hush's settles it
    // either: Activity's one warning offers the fill, the action the user takes to settle it.
    expect(alone.blocker).toEqual({ kind: 'unknown', nonce: 5, record: intent })
    expect(alone.blocking).toMatch(
      /^Your wallet did not confirm whether it sent the transaction with nonce 5/,
    )
    const behind = record({ nonce: 6 })
    const waited = checkNonces(account, { ...ctx([intent, behind]), chainNonce: 5 })
    expect(waited.blocker).toEqual({ kind: 'unknown', nonce: 5, record: intent })
    expect(waited.blocking).toMatch(/your transactions after it wait until that nonce is used/)
    // Not offered once something else may use the nonce, the chain used it, or the wallet's prompt may be live.
    const reused = record({ nonce: 5 })
    expect(checkNonces(account, { ...ctx([intent, reused]), chainNonce: 5 }).problems).toEqual([])
    expect(checkNonces(account, { ...ctx([intent]), chainNonce: 6 }).problems).toEqual([])
    const waiting = { ...intent, sentUnknown: undefined }
    expect(checkNonces(account, { ...ctx([waiting]), chainNonce: 5 }).problems).toEqual([])
    const accepted = { ...intent, kind: 'batch', callsId: '0xc0' }
    expect(checkNonces(account, { ...ctx([accepted]), chainNonce: 5 }).problems).toEqual([])
    // Nor for an atomic batch whose answer was lost: its wallet picks the nonce, so a fill proves nothing.
    const lostBatch = { ...intent, kind: 'batch', path: 'atomic' }
    expect(checkNonces(account, { ...ctx([lostBatch]), chainNonce: 5 }).problems).toEqual([])
  })
})
