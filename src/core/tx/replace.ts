import { type Address, getAddress } from 'viem'
import { bumpedFees, type Fees } from '../fees/presets'
import { transferCall } from './prepare'
import type { ActivityRecord } from './records'
import type { SubmitInput } from './submit'

function recordFees(record: ActivityRecord): Fees | undefined {
  if (!record.fees) return undefined
  return {
    maxFeePerGas: BigInt(record.fees.maxFeePerGas),
    maxPriorityFeePerGas: BigInt(record.fees.maxPriorityFeePerGas),
  }
}

/** Whether a pending record can be cancelled / sped up (same nonce, so we must know it). */
export function canReplace(record: ActivityRecord): boolean {
  return record.status === 'PENDING' && record.nonce !== undefined && record.replacedBy === undefined
}

/**
 * Protect's cancellation: a zero-value, empty-data transfer from the sender to itself with the same nonce,
 * sent through Protect, priced above the original so a node would also accept it as a replacement.
 */
export function cancelInput(record: ActivityRecord, current: Fees, isProtected: boolean): SubmitInput {
  const from = getAddress(record.from)
  return {
    kind: 'cancel',
    chainId: record.chainId,
    from,
    call: { to: from, value: 0n },
    gas: 21_000n,
    fees: bumpedFees(recordFees(record) ?? current, current),
    protected: isProtected,
    recipient: from,
    nonce: record.nonce,
    replaces: record.id,
  }
}

/** The same transfer again, same nonce, higher fees. Only transfers can be rebuilt from their record. */
export function speedUpInput(
  record: ActivityRecord,
  current: Fees,
  isProtected: boolean,
): SubmitInput | undefined {
  const base = transferInputFrom(record, current, isProtected)
  if (!base) return undefined
  return {
    ...base,
    kind: 'speed-up',
    fees: bumpedFees(recordFees(record) ?? current, current),
    nonce: record.nonce,
    replaces: record.id,
  }
}

/** A FAILED transfer sent again as a new transaction (fresh nonce: the failed one never used it). */
export function resendInput(
  record: ActivityRecord,
  current: Fees,
  isProtected: boolean,
): SubmitInput | undefined {
  return transferInputFrom(record, current, isProtected)
}

function transferInputFrom(
  record: ActivityRecord,
  current: Fees,
  isProtected: boolean,
): SubmitInput | undefined {
  if (record.kind === 'batch' || !record.to || record.amount === undefined || !record.asset) return undefined
  const recipient = getAddress(record.to) as Address
  const amount = BigInt(record.amount)
  return {
    kind: 'transfer',
    chainId: record.chainId,
    from: getAddress(record.from),
    call: transferCall(record.asset, recipient, amount),
    gas: record.fees ? BigInt(record.fees.gas) : 100_000n,
    fees: current,
    protected: isProtected,
    asset: record.asset,
    amount,
    recipient,
  }
}
