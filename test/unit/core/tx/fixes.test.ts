import { describe, expect, it } from 'vitest'
import { readAccountState } from '../../../../src/core/tx/accountState'
import { fillGapInput, fixInput, gapFillerData } from '../../../../src/core/tx/fixes'
import type { ActivityRecord } from '../../../../src/core/tx/records'

const from = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const to = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
const record: ActivityRecord = {
  id: 'r1',
  kind: 'transfer',
  chainId: 1,
  from,
  to,
  hash: `0x${'ab'.repeat(32)}`,
  nonce: 7,
  asset: { symbol: 'ETH', decimals: 18 },
  amount: '1000',
  fees: { maxFeePerGas: '1000', maxPriorityFeePerGas: '100', gas: '21000' },
  createdAt: 1,
  protected: true,
  status: 'FAILED',
  privacy: 'private',
}
const fees = {
  speedUp: { maxFeePerGas: 5000n, maxPriorityFeePerGas: 500n },
  normal: { maxFeePerGas: 900n, maxPriorityFeePerGas: 50n },
}

describe('the one fix of a diagnosis', () => {
  it('fills a gap at exactly the missing nonce, with data so Protect does not take it for a cancellation', () => {
    const input = fillGapInput(record, 5, fees.normal, true)
    expect(input).toMatchObject({
      kind: 'cancel',
      from,
      nonce: 5,
      call: { to: from, value: 0n },
      protected: true,
    })
    expect(input.replaces).toBeUndefined()
    // Protect's cancellation shape is a self-transfer with at most 2 bytes of data.
    expect((input.call.data?.length ?? 2) - 2).toBeGreaterThan(4)
    expect(input.call.data).toBe(gapFillerData)
    expect(fixInput(record, { kind: 'fill-gap', nonce: 5 }, fees)).toEqual(input)
  })

  it('sends again with the higher gas limit an out-of-gas diagnosis names, above the failed fees and a fresh nonce', () => {
    const input = fixInput(record, { kind: 'send-again', gas: 42_000n }, fees)
    expect(input).toMatchObject({ kind: 'transfer', gas: 42_000n, amount: 1000n })
    // Never the same signed transaction as the failed one: 20% over its fees, or the current ones if higher.
    expect(input?.fees).toEqual({ maxFeePerGas: 1201n, maxPriorityFeePerGas: 121n })
    expect(input?.nonce).toBeUndefined()
    expect(fixInput(record, { kind: 'send-again' }, fees)?.gas).toBe(21_000n)
  })

  it('speeds up at the same nonce, at least 20% over the old fees and at the speed-up preset', () => {
    const input = fixInput({ ...record, status: 'PENDING' }, { kind: 'speed-up' }, fees)
    expect(input).toMatchObject({ kind: 'speed-up', nonce: 7, replaces: 'r1' })
    expect(input?.fees).toEqual({ maxFeePerGas: 5000n, maxPriorityFeePerGas: 500n })
  })
})

describe('the account state behind a diagnosis', () => {
  const client = (count: number) => ({
    getBlock: async () => ({ number: 10n, baseFeePerGas: 7n }) as never,
    getTransactionCount: async () => count,
    getBalance: async () => 99n,
  })
  it('reads nonce, balance and base fee at one block', async () => {
    expect(await readAccountState(client(3), from)).toEqual({
      block: 10n,
      chainNonce: 3,
      balance: 99n,
      baseFee: 7n,
    })
  })
  it('refuses the huge nonce Protect answers after a failure: never a next nonce', async () => {
    await expect(readAccountState(client(1_000_000_001), from)).rejects.toThrow(/not a real count/)
  })
})
