import { type Address, encodeFunctionData, erc20Abi, getAddress, type Hex, isAddress } from 'viem'
import type { TxRecord } from '../tx/records/records'
import type { PlainCall } from './asked'
import { readOutcome } from './onRecord'

export type CheckSubject = { hashes: Hex[]; calls: PlainCall[] }

const isHex = (v: unknown): v is Hex => typeof v === 'string' && /^0x[0-9a-fA-F]*$/.test(v)
const isUint = (v: unknown): v is string => typeof v === 'string' && /^\d+$/.test(v)

/** A stored call or step, as the record's schema declares it (values checked again: a step may be partial). */
type StoredCall = { to?: string | undefined; value?: string | undefined; data?: string | undefined }

function plainCall(c: StoredCall | undefined): PlainCall | undefined {
  if (!c || typeof c.to !== 'string' || !isAddress(c.to, { strict: false })) return undefined
  const value = isUint(c.value) ? BigInt(c.value) : 0n
  return { to: getAddress(c.to), value, ...(isHex(c.data) && c.data !== '0x' ? { data: c.data } : {}) }
}

/** The calls a record asked the chain to run, rebuilt from what the record keeps. */
export function callsOfRecord(record: TxRecord): PlainCall[] | undefined {
  if (record.kind === 'cancel') return undefined
  if (record.kind === 'batch') {
    const calls = (record.steps ?? []).map(plainCall)
    return calls.length > 0 && calls.every(Boolean) ? (calls as PlainCall[]) : undefined
  }
  const kept = plainCall(record.call)
  if (kept) return [kept]
  if (!record.to || record.amount === undefined) return undefined
  const amount = BigInt(record.amount)
  const token: Address | undefined = record.asset?.address
  if (!token) return [{ to: record.to, value: amount }]
  const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [record.to, amount] })
  return [{ to: token, value: 0n, data }]
}

const onChain = (r: TxRecord) => r.status === 'INCLUDED' || r.status === 'REVERTED'

/**
 * The hashes of a one-by-one batch, from its step records (linked by `batchId` + `stepIndex`; the newest
 * attempt of each step). Undefined while any step is not on chain.
 */
function stepHashes(batch: TxRecord, all: readonly TxRecord[]): Hex[] | undefined {
  const count = batch.steps?.length ?? 0
  if (count === 0) return undefined
  const latest: (TxRecord | undefined)[] = Array.from({ length: count }, () => undefined)
  for (const r of all) {
    if (r.batchId !== batch.id || r.stepIndex === undefined || r.stepIndex >= count) continue
    const current = latest[r.stepIndex]
    if (!current || r.createdAt > current.createdAt) latest[r.stepIndex] = r
  }
  if (!latest.every((r) => r?.hash && onChain(r))) return undefined
  return latest.map((r) => r?.hash as Hex)
}

/**
 * What the outcome check of a record is about, once it is on chain (included or reverted) and not checked yet
 * for those hashes: a speed-up replaces the hash, a reorg can move it. A one-by-one batch is checked as a
 * whole on its container record (every step's hash); its step records are not checked alone. Undefined:
 * nothing to check (yet).
 */
export function outcomeCheckSubject(
  record: TxRecord,
  all: readonly TxRecord[] = [],
): CheckSubject | undefined {
  if (!onChain(record) || record.batchId !== undefined) return undefined
  const calls = callsOfRecord(record)
  if (!calls) return undefined
  const hashes = record.hash ? [record.hash] : record.kind === 'batch' ? stepHashes(record, all) : undefined
  if (!hashes) return undefined
  const done = readOutcome(record)
  const checked = new Set(done?.hashes.map((h) => h.toLowerCase()))
  if (done && hashes.every((h) => checked.has(h.toLowerCase()))) return undefined
  return { hashes, calls }
}
