import { describe, expect, it } from 'vitest'
import type { ProtectStatus } from '../../../../../src/core/protect/status'
import type { ChainView } from '../../../../../src/core/tx/track/evidence'
import {
  deriveStatus,
  type Observation,
  replacedAfterBlocks,
  unknownGraceMs,
} from '../../../../../src/core/tx/track/status'
import { protectStatusAnswer } from '../../../../support/builders/protectStatus'

const hash = `0x${'ab'.repeat(32)}`
const api = (status: ProtectStatus['status'], extra: Partial<ProtectStatus> = {}) =>
  protectStatusAnswer(status, { hash, maxBlockNumber: 120, ...extra })
const receipt = {
  blockNumber: '100',
  blockHash: `0x${'cd'.repeat(32)}` as const,
  gasUsed: '21000',
  effectiveGasPrice: '1000',
  fee: '21000000',
  success: true,
}
const notMined: ChainView = {
  endpointId: 'a',
  endpointName: 'a.example',
  head: 100,
  tx: 'unknown',
  minedCount: 4,
}
const mined: ChainView = { endpointId: 'a', endpointName: 'a.example', head: 100, tx: 'mined', receipt }
const base: Observation = {
  protected: true,
  protectStatus: undefined,
  view: notMined,
  nonce: 4,
  current: 'PENDING',
  sentAt: 1_000_000,
  now: 1_000_500,
}

describe('status from one endpoint at one block and the status API', () => {
  it('PENDING from Protect is pending, with the window', () => {
    expect(deriveStatus({ ...base, protectStatus: api('PENDING') })).toMatchObject({
      status: 'PENDING',
      maxBlockNumber: 120,
    })
  })

  it('a failed read concludes nothing: the status stays, whatever the API says', () => {
    for (const s of ['FAILED', 'CANCELLED', 'UNKNOWN', 'INCLUDED'] as const) {
      const d = deriveStatus({ ...base, view: undefined, protectStatus: api(s), now: base.sentAt + 60_000 })
      expect(d.status, s).toBe('PENDING')
      expect(d.detail).toMatch(/nothing is concluded/)
    }
  })

  it('an inconclusive view (same head, still indexing) changes nothing', () => {
    const d = deriveStatus({ ...base, view: { ...mined, receipt: undefined, inconclusive: 'indexing' } })
    expect(d).toEqual({ status: 'PENDING' })
  })

  it('a receipt is final only once confirmed by a second endpoint (or when there is no second one)', () => {
    expect(deriveStatus({ ...base, view: mined }).status).toBe('PENDING')
    expect(deriveStatus({ ...base, view: mined }).detail).toMatch(/waiting for a second endpoint/)
    expect(
      deriveStatus({ ...base, view: mined, confirmation: { kind: 'not-yet', endpoint: 'b' } }).status,
    ).toBe('PENDING')
    const disagree = deriveStatus({
      ...base,
      view: mined,
      confirmation: { kind: 'disagrees', endpoint: 'b', message: 'b has it in block 99' },
    })
    expect(disagree).toMatchObject({ status: 'PENDING', detail: expect.stringMatching(/disagree/) })
    const confirmed = deriveStatus({
      ...base,
      view: mined,
      confirmation: { kind: 'confirmed', endpoint: 'b' },
    })
    expect(confirmed).toMatchObject({ status: 'INCLUDED', provisional: null })
    expect(confirmed.receipt).toEqual({
      blockNumber: '100',
      gasUsed: '21000',
      effectiveGasPrice: '1000',
      fee: '21000000',
      success: true,
      blockHash: mined.receipt?.blockHash,
    })
    const reverted = deriveStatus({
      ...base,
      view: { ...mined, receipt: { ...receipt, success: false } },
      confirmation: { kind: 'single' },
    })
    expect(reverted).toMatchObject({ status: 'REVERTED', detail: expect.stringMatching(/reverted/) })
  })

  it('INCLUDED from the API without a receipt stays pending until the read endpoints confirm', () => {
    expect(deriveStatus({ ...base, protectStatus: api('INCLUDED') }).status).toBe('PENDING')
  })

  it('FAILED after the window is FAILED with the simulation error in words and a re-send hint', () => {
    const d = deriveStatus({ ...base, protectStatus: api('FAILED', { simError: 'SimErrorNonceTooLow' }) })
    expect(d.status).toBe('FAILED')
    expect(d.detail).toMatch(/nonce was already used/)
    expect(d.detail).toMatch(/send it again/)
  })

  it('CANCELLED is CANCELLED', () => {
    expect(deriveStatus({ ...base, protectStatus: api('CANCELLED') }).status).toBe('CANCELLED')
  })

  it('UNKNOWN after the grace period', () => {
    expect(deriveStatus({ ...base, protectStatus: api('UNKNOWN') }).status).toBe('PENDING')
    const later = deriveStatus({ ...base, now: base.sentAt + unknownGraceMs, protectStatus: api('UNKNOWN') })
    expect(later.status).toBe('UNKNOWN')
  })

  it('an unreachable status API is "status unavailable" in the detail, never failed', () => {
    const d = deriveStatus({
      ...base,
      protectStatus: {
        kind: 'unavailable',
        reason: 'protect.example could not be reached (network or CORS)',
      },
    })
    expect(d).toMatchObject({ status: 'PENDING', detail: expect.stringMatching(/Status unavailable/) })
  })

  it('replaced: nonce used at one block with no receipt of ours, provisional for a few blocks, then final', () => {
    const used: ChainView = { ...notMined, minedCount: 5 }
    const first = deriveStatus({ ...base, view: used, protectStatus: api('PENDING') })
    expect(first.status).toBe('PENDING')
    expect(first.provisional).toMatchObject({ status: 'REPLACED', sinceBlock: 100, endpoint: 'a.example' })
    expect(first.detail).toMatch(/Probably replaced/)
    const provisional = first.provisional ?? undefined
    const soon = deriveStatus({
      ...base,
      view: { ...used, head: 100 + replacedAfterBlocks - 1 },
      ...(provisional ? { provisional } : {}),
    })
    expect(soon.status).toBe('PENDING')
    const final = deriveStatus({
      ...base,
      view: { ...used, head: 100 + replacedAfterBlocks },
      ...(provisional ? { provisional } : {}),
    })
    expect(final).toMatchObject({ status: 'REPLACED', provisional: null })
    expect(deriveStatus({ ...base, view: { ...used, minedCount: 4 } }).status).toBe('PENDING')
  })

  it('never replaced while Protect says INCLUDED, and a vanished nonce use clears the provisional status', () => {
    const used: ChainView = { ...notMined, minedCount: 5, head: 200 }
    const provisional = { status: 'REPLACED' as const, sinceBlock: 100, endpoint: 'a', at: 1 }
    const d = deriveStatus({ ...base, view: used, protectStatus: api('INCLUDED'), provisional })
    expect(d.status).toBe('PENDING')
    expect(d.detail).toMatch(/Protect says it was included/)
    const gone = deriveStatus({ ...base, view: { ...notMined, minedCount: 4 }, provisional })
    expect(gone).toMatchObject({ status: 'PENDING', provisional: null })
  })

  it('a public node holding it unmined says so', () => {
    expect(deriveStatus({ ...base, view: { ...notMined, tx: 'pending' } }).detail).toMatch(/public pool/)
  })
})
