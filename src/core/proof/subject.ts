import { type Address, encodeFunctionData, erc20Abi, getAddress, type Hex, isAddress } from 'viem'
import type { ActivityRecord } from '../tx/records'
import type { PlainCall } from './asked'
import { readOutcome } from './onRecord'

export type CheckSubject = { hashes: Hex[]; calls: PlainCall[] }

const isHex = (v: unknown): v is Hex => typeof v === 'string' && /^0x[0-9a-fA-F]*$/.test(v)
const isUint = (v: unknown): v is string => typeof v === 'string' && /^\d+$/.test(v)

function plainCall(raw: unknown): PlainCall | undefined {
  const c = raw as { to?: unknown; value?: unknown; data?: unknown } | undefined
  if (!c || typeof c.to !== 'string' || !isAddress(c.to, { strict: false })) return undefined
  const value = isUint(c.value) ? BigInt(c.value) : 0n
  return { to: getAddress(c.to), value, ...(isHex(c.data) && c.data !== '0x' ? { data: c.data } : {}) }
}

/** The calls a record asked the chain to run, rebuilt from what the record keeps. */
export function callsOfRecord(record: ActivityRecord): PlainCall[] | undefined {
  if (record.kind === 'cancel') return undefined
  if (record.kind === 'batch') {
    const calls = (record.steps ?? []).map(plainCall)
    return calls.length > 0 && calls.every(Boolean) ? (calls as PlainCall[]) : undefined
  }
  const kept = plainCall((record as { call?: unknown }).call)
  if (kept) return [kept]
  if (!record.to || record.amount === undefined) return undefined
  const amount = BigInt(record.amount)
  const token: Address | undefined = record.asset?.address
  if (!token) return [{ to: record.to, value: amount }]
  const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [record.to, amount] })
  return [{ to: token, value: 0n, data }]
}

/**
 * What the outcome check of a record is about, once it is on chain (included or reverted) and not checked yet
 * for that hash: a speed-up replaces the hash, a reorg can move it. Undefined: nothing to check (yet).
 */
export function outcomeCheckSubject(record: ActivityRecord): CheckSubject | undefined {
  if (record.status !== 'INCLUDED' && record.status !== 'REVERTED') return undefined
  if (!record.hash || !record.receipt) return undefined
  const calls = callsOfRecord(record)
  if (!calls) return undefined
  const done = readOutcome(record)
  if (done?.hashes.some((h) => h.toLowerCase() === record.hash?.toLowerCase())) return undefined
  return { hashes: [record.hash], calls }
}
