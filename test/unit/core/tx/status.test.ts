import { describe, expect, it } from 'vitest'
import type { ProtectStatus, ProtectStatusResult } from '../../../../src/core/protect/status'
import type { ReceiptSummary } from '../../../../src/core/tx/records'
import { deriveStatus, type Observation, unknownGraceMs } from '../../../../src/core/tx/status'

const hash = `0x${'ab'.repeat(32)}`
function api(status: ProtectStatus['status'], extra: Partial<ProtectStatus> = {}): ProtectStatusResult {
  return {
    kind: 'ok',
    status: {
      status,
      hash,
      maxBlockNumber: 120,
      transaction: {},
      fastMode: true,
      seenInMempool: false,
      simError: '',
      revertReason: '',
      isRevert: false,
      ...extra,
    },
  }
}
const receipt: ReceiptSummary = {
  blockNumber: '100',
  gasUsed: '21000',
  effectiveGasPrice: '1000',
  fee: '21000000',
  success: true,
}
const base: Observation = {
  protected: true,
  protectStatus: undefined,
  receipt: undefined,
  sentAt: 1_000_000,
  now: 1_000_500,
}

describe('status mapping', () => {
  it('PENDING from Protect is pending and private', () => {
    expect(deriveStatus({ ...base, protectStatus: api('PENDING') })).toMatchObject({
      status: 'PENDING',
      privacy: 'private',
      maxBlockNumber: 120,
    })
  })

  it('a receipt makes it INCLUDED (or REVERTED) whatever the API says', () => {
    expect(deriveStatus({ ...base, protectStatus: api('PENDING'), receipt })).toMatchObject({
      status: 'INCLUDED',
      privacy: 'private',
    })
    expect(
      deriveStatus({ ...base, protectStatus: api('INCLUDED'), receipt: { ...receipt, success: false } }),
    ).toMatchObject({ status: 'REVERTED' })
  })

  it('INCLUDED from the API without a receipt yet stays pending until the read endpoints confirm', () => {
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

  it('UNKNOWN shortly after our send means it went public', () => {
    const early = deriveStatus({ ...base, protectStatus: api('UNKNOWN') })
    expect(early).toMatchObject({ status: 'PENDING', privacy: 'checking' })
    const later = deriveStatus({ ...base, now: base.sentAt + unknownGraceMs, protectStatus: api('UNKNOWN') })
    expect(later).toMatchObject({ status: 'UNKNOWN', privacy: 'went-public' })
    const mined = deriveStatus({ ...base, protectStatus: api('UNKNOWN'), receipt })
    expect(mined).toMatchObject({ status: 'INCLUDED', privacy: 'went-public' })
  })

  it('seenInMempool means privacy was lost, even once included', () => {
    expect(
      deriveStatus({ ...base, protectStatus: api('INCLUDED', { seenInMempool: true }), receipt }),
    ).toMatchObject({ status: 'INCLUDED', privacy: 'privacy-lost' })
  })

  it('an unreachable status API is "status unavailable", never failed', () => {
    const d = deriveStatus({
      ...base,
      protectStatus: {
        kind: 'unavailable',
        reason: 'protect.example could not be reached (network or CORS)',
      },
    })
    expect(d).toMatchObject({ status: 'PENDING', privacy: 'status-unavailable' })
    expect(d.detail).toMatch(/Status unavailable/)
    const included = deriveStatus({ ...base, protectStatus: { kind: 'unavailable', reason: 'x' }, receipt })
    expect(included).toMatchObject({ status: 'INCLUDED', privacy: 'status-unavailable' })
  })

  it('another transaction mined at our nonce means replaced', () => {
    expect(
      deriveStatus({ ...base, protectStatus: api('PENDING'), nonce: 4, minedNonceCount: 5 }).status,
    ).toBe('REPLACED')
    expect(
      deriveStatus({ ...base, protectStatus: api('PENDING'), nonce: 4, minedNonceCount: 4 }).status,
    ).toBe('PENDING')
  })

  it('an unprotected send is tracked by receipt alone and says so', () => {
    expect(deriveStatus({ ...base, protected: false })).toMatchObject({
      status: 'PENDING',
      privacy: 'unprotected',
    })
    expect(deriveStatus({ ...base, protected: false, receipt })).toMatchObject({
      status: 'INCLUDED',
      privacy: 'unprotected',
    })
  })
})
