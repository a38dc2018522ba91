import { getAddress, isAddress } from 'viem'
import { z } from 'zod'
import { readStored, reportStorageReset, storageKeys, writeStored } from '../storage/stored'

const address = z
  .string()
  .refine((v) => isAddress(v, { strict: false }), 'not an address')
  .transform((v) => getAddress(v))
const hash = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'not a transaction hash') as z.ZodType<`0x${string}`>
/** bigints are stored as decimal strings. */
const uint = z.string().regex(/^\d+$/, 'not an unsigned integer')

export const txStatuses = [
  'PENDING',
  'INCLUDED',
  'REVERTED',
  'FAILED',
  'CANCELLED',
  'REPLACED',
  'UNKNOWN',
] as const
export type TxStatus = (typeof txStatuses)[number]

/** What we can say about privacy; see README "Privacy verdicts". */
export const privacyVerdicts = [
  'checking',
  'private',
  'went-public',
  'privacy-lost',
  'status-unavailable',
  'unprotected',
] as const
export type PrivacyVerdict = (typeof privacyVerdicts)[number]

export const receiptSummarySchema = z.object({
  blockNumber: uint,
  gasUsed: uint,
  effectiveGasPrice: uint,
  /** gasUsed × effectiveGasPrice, in wei. */
  fee: uint,
  success: z.boolean(),
})
export type ReceiptSummary = z.infer<typeof receiptSummarySchema>

/** One step of a multi-call record (batch helper); extra keys are kept as they are. */
export const txStepSchema = z.looseObject({
  label: z.string().max(200),
  to: address.optional(),
  value: uint.optional(),
  data: z
    .string()
    .regex(/^0x[0-9a-fA-F]*$/)
    .optional(),
})

export const activityRecordSchema = z.looseObject({
  id: z.string().min(1).max(100),
  kind: z.enum(['transfer', 'cancel', 'speed-up', 'batch', 'tracked']),
  chainId: z.number().int().positive(),
  from: address,
  hash: hash.optional(),
  nonce: z.number().int().nonnegative().optional(),
  to: address.optional(),
  asset: z
    .object({
      symbol: z.string().min(1).max(32),
      decimals: z.number().int().min(0).max(36),
      /** Absent for the chain's native currency. */
      address: address.optional(),
    })
    .optional(),
  /** Base units. */
  amount: uint.optional(),
  fees: z.object({ maxFeePerGas: uint, maxPriorityFeePerGas: uint, gas: uint }).optional(),
  createdAt: z.number().int().nonnegative(),
  protected: z.boolean(),
  steps: z.array(txStepSchema).optional(),
  status: z.enum(txStatuses),
  privacy: z.enum(privacyVerdicts),
  /** One sentence explaining the status (simulation error, unavailable status API, …). */
  detail: z.string().max(500).optional(),
  maxBlockNumber: z.number().int().nonnegative().optional(),
  receipt: receiptSummarySchema.optional(),
  /** The record this one replaces (cancel / speed-up) or is replaced by. */
  replaces: z.string().optional(),
  replacedBy: z.string().optional(),
  updatedAt: z.number().int().nonnegative().optional(),
})
export type ActivityRecord = z.infer<typeof activityRecordSchema>

/** Statuses tracking stops at. */
export function isFinal(status: TxStatus): boolean {
  return status !== 'PENDING' && status !== 'UNKNOWN'
}

const maxRecords = 500
const listSchema = z.array(z.unknown())

type Listener = (records: ActivityRecord[]) => void

/**
 * The persisted activity list, newest first. Each record is validated on read; one corrupt record is dropped
 * (and reported) without losing the rest.
 */
export class ActivityStore {
  private records: ActivityRecord[]
  private readonly listeners = new Set<Listener>()

  constructor(private readonly key: string = storageKeys.activity) {
    this.records = ActivityStore.load(key)
  }

  static load(key: string): ActivityRecord[] {
    const raw = readStored(key, listSchema, [])
    const valid: ActivityRecord[] = []
    for (const item of raw) {
      const parsed = activityRecordSchema.safeParse(item)
      if (parsed.success) valid.push(parsed.data)
    }
    if (valid.length !== raw.length) {
      writeStored(key, valid)
      reportStorageReset(key, `${raw.length - valid.length} unreadable activity record(s) were dropped`)
    }
    return valid.sort((a, b) => b.createdAt - a.createdAt)
  }

  list(): ActivityRecord[] {
    return this.records
  }

  get(id: string): ActivityRecord | undefined {
    return this.records.find((r) => r.id === id)
  }

  add(record: ActivityRecord): ActivityRecord {
    const valid = activityRecordSchema.parse(record)
    this.records = [valid, ...this.records.filter((r) => r.id !== valid.id)].slice(0, maxRecords)
    this.commit()
    return valid
  }

  update(id: string, patch: Partial<ActivityRecord>): ActivityRecord | undefined {
    const current = this.get(id)
    if (!current) return undefined
    const next = activityRecordSchema.parse({ ...current, ...patch, updatedAt: Date.now() })
    this.records = this.records.map((r) => (r.id === id ? next : r))
    this.commit()
    return next
  }

  /** Re-reads storage (another tab, or a test that changed it). */
  reload(): void {
    this.records = ActivityStore.load(this.key)
    for (const l of this.listeners) l(this.records)
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private commit() {
    writeStored(this.key, this.records)
    for (const l of this.listeners) l(this.records)
  }
}

let shared: ActivityStore | undefined
/** The app's one store (created on first use so node tests can make their own). */
export function activityStore(): ActivityStore {
  shared ??= new ActivityStore()
  return shared
}

export function newRecordId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}
