import { type Address, isAddressEqual } from 'viem'
import { z } from 'zod'
import { addressSchema } from '../config/schema'
import { readStored, storageKeys, writeStored } from '../storage/stored'

/**
 * The EIP-7702 delegate Hush last saw on each account (per chain), so a delegation that changed between two
 * visits is announced: public reports tell of accounts re-delegated to sweepers after their owners undelegated.
 */
const maxEntries = 50
const storeSchema = z.record(
  z.string().regex(/^\d{1,12}\|0x[0-9a-fA-F]{40}$/, 'chainId|address'),
  z.union([z.literal('none'), addressSchema]),
)
const keyOf = (chainId: number, account: Address) => `${chainId}|${account.toLowerCase()}`

export type DelegationChange = { before: Address | undefined; after: Address | undefined }

/** What changed between the delegate last seen and the one read now; undefined on a first visit or no change. */
export function delegationChange(
  seen: Address | 'none' | undefined,
  now: Address | undefined,
): DelegationChange | undefined {
  if (seen === undefined) return undefined
  const before = seen === 'none' ? undefined : seen
  if (before === undefined && now === undefined) return undefined
  if (before && now && isAddressEqual(before, now)) return undefined
  return { before, after: now }
}

/** Compares with the last visit and records what is seen now. */
export function noteDelegation(
  chainId: number,
  account: Address,
  delegate: Address | undefined,
): DelegationChange | undefined {
  const stored = readStored(storageKeys.seenDelegation, storeSchema, {})
  const key = keyOf(chainId, account)
  const change = delegationChange(stored[key], delegate)
  const next = Object.entries({ ...stored, [key]: delegate ?? 'none' }).slice(-maxEntries)
  writeStored(storageKeys.seenDelegation, Object.fromEntries(next))
  return change
}
