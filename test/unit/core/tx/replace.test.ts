import { decodeFunctionData, erc20Abi } from 'viem'
import { describe, expect, it } from 'vitest'
import type { ActivityRecord } from '../../../../src/core/tx/records'
import { cancelInput, canReplace, resendInput, speedUpInput } from '../../../../src/core/tx/replace'

const from = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const to = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
const token = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
const record: ActivityRecord = {
  id: 'r1',
  kind: 'transfer',
  chainId: 1,
  from,
  to,
  hash: `0x${'ab'.repeat(32)}`,
  nonce: 7,
  asset: { symbol: 'USDC', decimals: 6, address: token },
  amount: '1500000',
  fees: { maxFeePerGas: '1000', maxPriorityFeePerGas: '100', gas: '60000' },
  createdAt: 1,
  protected: true,
  status: 'PENDING',
  privacy: 'private',
}
const current = { maxFeePerGas: 900n, maxPriorityFeePerGas: 50n }

describe('replacements', () => {
  it('cancel is a zero-value, empty-data self-transfer with the same nonce and higher fees', () => {
    const input = cancelInput(record, current, true)
    expect(input).toMatchObject({ kind: 'cancel', from, nonce: 7, replaces: 'r1', gas: 21_000n })
    expect(input.call).toEqual({ to: from, value: 0n })
    expect(input.fees.maxFeePerGas).toBeGreaterThan(1100n)
    expect(input.fees.maxPriorityFeePerGas).toBeGreaterThan(110n)
  })

  it('speed-up re-sends the same transfer (same call, nonce and gas) with higher fees', () => {
    const input = speedUpInput(record, current, true)!
    expect(input).toMatchObject({
      kind: 'speed-up',
      nonce: 7,
      replaces: 'r1',
      gas: 60_000n,
      amount: 1_500_000n,
    })
    expect(input.call.to).toBe(token)
    const decoded = decodeFunctionData({ abi: erc20Abi, data: input.call.data! })
    expect(decoded.args).toEqual([to, 1_500_000n])
    expect(input.fees.maxFeePerGas).toBeGreaterThan(1100n)
  })

  it('re-send after FAILED is a new transfer with a fresh nonce and current fees', () => {
    const input = resendInput({ ...record, status: 'FAILED' }, current, true)!
    expect(input.kind).toBe('transfer')
    expect(input.nonce).toBeUndefined()
    expect(input.replaces).toBeUndefined()
    expect(input.fees).toEqual(current)
  })

  it('only pending records with a known nonce can be replaced; batches cannot be rebuilt', () => {
    expect(canReplace(record)).toBe(true)
    expect(canReplace({ ...record, status: 'INCLUDED' })).toBe(false)
    expect(canReplace({ ...record, nonce: undefined })).toBe(false)
    expect(canReplace({ ...record, replacedBy: 'r2' })).toBe(false)
    expect(speedUpInput({ ...record, kind: 'batch' }, current, true)).toBeUndefined()
  })
})
