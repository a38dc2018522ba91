import { decodeFunctionData, erc20Abi } from 'viem'
import { describe, expect, it } from 'vitest'
import type { TxRecord } from '../../../../../src/core/tx/records/records'
import {
  cancelIntent,
  canReplace,
  canSendAgain,
  type Original,
  originalFrom,
  rebuildOriginal,
  sendAgainIntent,
  speedUpIntent,
} from '../../../../../src/core/tx/send/replace'

const from = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const to = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
const token = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
const data =
  '0xa9059cbb0000000000000000000000003c44cdddb6a900fa2b585dd299e03d12fa4293bc000000000000000000000000000000000000000000000000000000000016e360'
const hash = `0x${'ab'.repeat(32)}` as const
const record: TxRecord = {
  id: 'r1',
  kind: 'transfer',
  chainId: 1,
  from,
  to,
  hash,
  nonce: 7,
  asset: { symbol: 'USDC', decimals: 6, address: token },
  amount: '1500000',
  call: { to: token, value: '0', data },
  fees: { maxFeePerGas: '1000', maxPriorityFeePerGas: '100', gas: '60000' },
  createdAt: 1,
  protected: true,
  status: 'PENDING',
  privacy: 'private',
}
const current = { maxFeePerGas: 900n, maxPriorityFeePerGas: 50n }
const onChain = {
  from,
  to: token,
  value: 0n,
  input: data,
  nonce: 7,
  gas: 61_000n,
  maxFeePerGas: 1200n,
  maxPriorityFeePerGas: 120n,
}
const base = { consentToPublic: false }

describe('rebuilding the original', () => {
  it('comes from eth_getTransactionByHash on the read endpoints when the chain has it', async () => {
    const original = await rebuildOriginal(
      { reader: { getTransaction: async () => onChain as never } },
      record,
    )
    expect(original).toMatchObject({ source: 'chain', nonce: 7, gas: 61_000n, fees: { maxFeePerGas: 1200n } })
  })

  it('then from the wallet’s RPC, which may know a private pending transaction', async () => {
    const wallet = async () => ({
      ...onChain,
      value: '0x0',
      nonce: '0x7',
      gas: '0xee48',
      maxFeePerGas: '0x4b0',
      maxPriorityFeePerGas: '0x78',
    })
    const notFound = async () => {
      throw new Error('Transaction not found')
    }
    const original = await rebuildOriginal({ reader: { getTransaction: notFound }, wallet }, record)
    expect(original).toMatchObject({ source: 'wallet', nonce: 7, gas: 61_000n })
  })

  it('falls back to the record only when neither has it, and refuses when the chain disagrees with the record', async () => {
    const nowhere = { reader: { getTransaction: async () => Promise.reject(new Error('not found')) } }
    expect(await rebuildOriginal(nowhere, record)).toMatchObject({ source: 'record', gas: 60_000n })
    expect(originalFrom(record, { ...onChain, value: 5n }, 'chain')).toMatch(/differs from the record/)
    expect(originalFrom(record, { ...onChain, nonce: 8 }, 'chain')).toMatch(/differs from the record/)
    expect(await rebuildOriginal(nowhere, { ...record, call: undefined, fees: undefined })).toMatch(
      /cannot be rebuilt/,
    )
  })
})

describe('replacement intents', () => {
  const original: Original = {
    call: { to: token, value: 0n, data },
    nonce: 7,
    gas: 61_000n,
    fees: { maxFeePerGas: 1000n, maxPriorityFeePerGas: 100n },
    source: 'chain',
  }

  it('cancel is a zero-value, empty-data self-transfer reusing the nonce, priced above the original', () => {
    const intent = cancelIntent(record, original, current, base)
    expect(intent).toMatchObject({
      kind: 'cancel',
      from,
      gas: 21_000n,
      reuse: { recordId: 'r1', mode: 'replace' },
    })
    expect(intent.call).toEqual({ to: from, value: 0n })
    expect(intent.fees.maxFeePerGas).toBeGreaterThan(1100n)
    expect(intent.fees.maxPriorityFeePerGas).toBeGreaterThan(110n)
  })

  it('speed-up is the same call and gas, reusing the nonce, with higher fees', () => {
    const intent = speedUpIntent(record, original, current, base)
    expect(intent).toMatchObject({
      kind: 'speed-up',
      gas: 61_000n,
      amount: 1_500_000n,
      reuse: { mode: 'replace' },
    })
    expect(decodeFunctionData({ abi: erc20Abi, data: intent.call.data! }).args).toEqual([to, 1_500_000n])
    expect(intent.fees.maxFeePerGas).toBeGreaterThan(1100n)
  })

  it('send again is the same call, asking the pipeline for the same nonce; never signed before: current fees', () => {
    const unsigned = { ...record, status: 'NOT_SENT', hash: undefined }
    const intent = sendAgainIntent(unsigned, original, current, base)
    expect(intent).toMatchObject({
      kind: 'transfer',
      fees: current,
      reuse: { recordId: 'r1', mode: 'resend' },
    })
    const step = sendAgainIntent(
      { ...record, kind: 'call', batchId: 'b', stepIndex: 2 },
      original,
      current,
      base,
    )
    expect(step.batch).toEqual({ id: 'b', index: 2 })
  })

  it('send again after a signed attempt goes at least 20% over its fees, even when fees have not moved', () => {
    // Current fees equal to the failed attempt's: the same fees would re-sign the identical transaction (same
    // hash), which Protect reports FAILED again.
    const same = { maxFeePerGas: 1000n, maxPriorityFeePerGas: 100n }
    const failed = { ...record, status: 'FAILED' }
    expect(sendAgainIntent(failed, original, same, base).fees).toEqual({
      maxFeePerGas: 1201n,
      maxPriorityFeePerGas: 121n,
    })
    // Fees that rose by more than 20% are used as they are.
    const risen = { maxFeePerGas: 5000n, maxPriorityFeePerGas: 500n }
    expect(sendAgainIntent(failed, original, risen, base).fees).toEqual(risen)
  })

  it('only pending sent records can be replaced; send again only once the original is final without effect', () => {
    expect(canReplace(record)).toBe(true)
    expect(canReplace({ ...record, status: 'INCLUDED' })).toBe(false)
    expect(canReplace({ ...record, nonce: undefined })).toBe(false)
    expect(canReplace({ ...record, replacedBy: 'r2' })).toBe(false)
    expect(canReplace({ ...record, kind: 'batch' })).toBe(false)
    expect(canReplace({ ...record, status: 'AWAITING_WALLET', hash: undefined })).toBe(false)
    // Protect's window for it is past (it may include a FAILED or UNKNOWN one until then).
    const past = { maxBlockNumber: 40, observedHead: 40 }
    for (const status of ['FAILED', 'CANCELLED', 'NOT_SENT', 'UNKNOWN'])
      expect(canSendAgain({ ...record, ...past, status }, [])).toBe(true)
    for (const status of ['FAILED', 'UNKNOWN']) {
      expect(canSendAgain({ ...record, maxBlockNumber: 40, observedHead: 39, status }, [])).toBe(false)
      // No window known yet (no answer of Protect's with one, no look of tracking's): nothing is sent again.
      expect(canSendAgain({ ...record, status }, [])).toBe(false)
      // Only tracking's first look known: Protect's longest window (25 blocks) and 3 of slack from it.
      expect(canSendAgain({ ...record, firstSeenHead: 10, observedHead: 37, status }, [])).toBe(false)
      expect(canSendAgain({ ...record, firstSeenHead: 10, observedHead: 38, status }, [])).toBe(true)
    }
    for (const status of ['PENDING', 'AWAITING_WALLET', 'INCLUDED', 'REPLACED'])
      expect(canSendAgain({ ...record, status }, [])).toBe(false)
    expect(canSendAgain({ ...record, kind: 'speed-up', replaces: 'r0', status: 'NOT_SENT' }, [])).toBe(false)
    const failed = { ...record, ...past, status: 'FAILED' }
    expect(canSendAgain(failed, [{ ...record, id: 'r2', resends: 'r1', status: 'PENDING' }])).toBe(false)
    expect(canSendAgain(failed, [{ ...record, id: 'r2', resends: 'r1', status: 'NOT_SENT' }])).toBe(true)
  })
})
