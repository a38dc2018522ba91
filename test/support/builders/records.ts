import type { TxRecord } from '../../../src/core/tx/records/records'

/** The two dev accounts the record builders send between. */
export const recordFrom = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
export const recordTo = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'

/** A private 1000 wei ETH transfer at nonce 7 that Protect reported FAILED, with any field overridden. */
export function transferRecord(overrides: Partial<TxRecord> = {}): TxRecord {
  return {
    id: 'r1',
    kind: 'transfer',
    chainId: 1,
    from: recordFrom,
    to: recordTo,
    hash: `0x${'ab'.repeat(32)}`,
    nonce: 7,
    asset: { symbol: 'ETH', decimals: 18 },
    amount: '1000',
    fees: { maxFeePerGas: '1000', maxPriorityFeePerGas: '100', gas: '21000' },
    createdAt: 1,
    protected: true,
    status: 'FAILED',
    privacy: 'private',
    ...overrides,
  }
}
