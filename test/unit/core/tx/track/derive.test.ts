import { describe, expect, it } from 'vitest'
import type { TxRecord } from '../../../../../src/core/tx/records/records'
import { deriveObservation, type LookReads, type RecordPatch } from '../../../../../src/core/tx/track/derive'
import type { ChainView } from '../../../../../src/core/tx/track/evidence'
import { protectStatusAnswer } from '../../../../support/builders/protectStatus'
import { transferRecord } from '../../../../support/builders/records'

const now = 1_000_000
const receipt = {
  blockNumber: '120',
  gasUsed: '21000',
  effectiveGasPrice: '1000',
  fee: '21000000',
  success: true,
  blockHash: `0x${'cd'.repeat(32)}` as const,
}
const view = (over: Partial<ChainView> = {}): ChainView => ({
  endpointId: 'a',
  endpointName: 'A',
  head: 120,
  tx: 'unknown',
  ...over,
})
const pending = (over: Partial<TxRecord> = {}) => transferRecord({ status: 'PENDING', ...over })
const reads = (over: Partial<LookReads> = {}): LookReads => ({ refused: [], configuredEndpoints: 2, ...over })
const sources = (patch: RecordPatch) => (patch.log ?? []).map((e) => `${e.source}: ${e.text}`)

describe('deriveObservation: what one look proves (pure)', () => {
  it.each<[string, TxRecord, LookReads, Partial<RecordPatch>]>([
    [
      'a receipt confirmed by a second endpoint: included, the block settled',
      pending(),
      reads({ view: view({ tx: 'mined', receipt }), confirmation: { kind: 'confirmed', endpoint: 'B' } }),
      {
        status: 'INCLUDED',
        confirmedBy: ['A', 'B'],
        observedHead: 120,
        observedAt: now,
        finalAt: { at: now, block: 120 },
      },
    ],
    [
      'a receipt not confirmed yet: still pending, the block read again',
      pending(),
      reads({ view: view({ tx: 'mined', receipt }), confirmation: { kind: 'not-yet', endpoint: 'B' } }),
      { status: 'PENDING', observedHead: undefined, receipt: undefined },
    ],
    [
      'Protect says INCLUDED without a receipt: the block read again',
      pending(),
      reads({ view: view(), protectStatus: protectStatusAnswer('INCLUDED') }),
      { observedHead: undefined },
    ],
    [
      'nothing read: the status kept, nothing concluded',
      pending(),
      reads(),
      { status: 'PENDING', observedHead: undefined },
    ],
  ])('%s', (_, record, seen, expected) => {
    const patch = deriveObservation(record, seen, now)
    for (const [key, value] of Object.entries(expected))
      expect(patch[key as keyof RecordPatch], key).toEqual(value)
  })

  it('a wallet that picked its own nonce (as MetaMask does): once included, the record holds the nonce its transaction used', () => {
    const patch = deriveObservation(
      pending({ nonce: 1 }),
      reads({
        view: view({ tx: 'mined', receipt, txNonce: 0 }),
        confirmation: { kind: 'confirmed', endpoint: 'B' },
      }),
      now,
    )
    expect(patch).toMatchObject({ status: 'INCLUDED', nonce: 0, askedNonce: 1 })
  })

  it('the nonce is not taken from a receipt that is not confirmed yet', () => {
    const patch = deriveObservation(
      pending({ nonce: 1 }),
      reads({
        view: view({ tx: 'mined', receipt, txNonce: 0 }),
        confirmation: { kind: 'not-yet', endpoint: 'B' },
      }),
      now,
    )
    expect(patch.nonce).toBeUndefined()
  })

  it('a final FAILED contradicted by a receipt: corrected, and the correction logged', () => {
    const patch = deriveObservation(
      transferRecord({ status: 'FAILED' }),
      reads({ view: view({ tx: 'mined', receipt }), confirmation: { kind: 'confirmed', endpoint: 'B' } }),
      now,
    )
    expect(patch.status).toBe('INCLUDED')
    expect(patch.detail).toMatch(/^Corrected at .*: A receipt in block 120 \(A\)/)
    expect(patch.corrections).toEqual([expect.objectContaining({ from: 'FAILED', to: 'INCLUDED', at: now })])
    expect(patch.receipt?.blockNumber).toBe('120')
    expect(sources(patch).at(-1)).toMatch(/^correction: FAILED → INCLUDED/)
  })

  it.each<[string, LookReads, string[]]>([
    [
      'a refused answer',
      reads({ refused: [{ endpoint: 'C', message: 'head went backwards' }] }),
      ['refused: head went backwards'],
    ],
    [
      'a pending announcement (logged at its own time)',
      reads({
        announced: { endpoint: 'wss', at: 5 },
        stream: { sighting: { endpoint: 'wss', at: 5 }, covering: ['wss'] },
      }),
      ['websocket: announced as pending on its newPendingTransactions stream'],
    ],
    [
      'the public pool watch',
      reads({ view: view({ tx: 'pending' }) }),
      ['watch: pending in its public pool'],
    ],
    [
      'Protect’s answer',
      reads({ view: view(), protectStatus: protectStatusAnswer('PENDING') }),
      ['status-api: PENDING, not seen in the public mempool', 'watch: not seen'],
    ],
  ])('logs %s', (_, seen, log) => {
    expect(sources(deriveObservation(pending(), seen, now))).toEqual(log)
  })

  it('an unprotected send keeps no watch log', () => {
    expect(
      sources(
        deriveObservation(pending({ protected: false }), reads({ view: view({ tx: 'pending' }) }), now),
      ),
    ).toEqual([])
  })
})
