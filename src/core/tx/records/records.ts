// Over 250 lines: the record schema and the store that validates every read and write against it belong together.
import { getAddress, isAddress } from 'viem'
import { z } from 'zod'
import { outcomeCheckSchema, previewSchema } from '../../proof/outcome'
import { readStored, reportStorageReset, storageKeys, writeStoredChecked } from '../../storage/stored'
import { idOf, mergeRecordLists } from './merge'
import { markActivityInUse } from './presence'
import { proofFields } from './proofFields'
import { type TxStatus, txStatuses } from './statuses'
import { tolerant } from './tolerant'

const address = z
  .string()
  .refine((v) => isAddress(v, { strict: false }), 'not an address')
  .transform((v) => getAddress(v))
const hash = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'not a transaction hash') as z.ZodType<`0x${string}`>
/** bigints are stored as decimal strings. */
const uint = z.string().regex(/^\d+$/, 'not an unsigned integer')
const hexData = z.string().regex(/^0x[0-9a-fA-F]*$/)

/**
 * No account reaches this nonce (2^32): a stored record above it is corrupt or hostile, and would push every
 * later nonce out of reach, so it is not read.
 */
export const maxRecordNonce = 2 ** 32

export type { TxStatus } from './statuses'
/** The pipeline's own: the intent is recorded before the wallet prompt, and closed when nothing went out. */
export const intentStatuses = ['AWAITING_WALLET', 'NOT_SENT'] as const
export type IntentStatus = (typeof intentStatuses)[number]
export type KnownStatus = TxStatus | IntentStatus
export type RecordStatus = KnownStatus | (string & {})

/** What we can say about privacy; see README "Privacy verdicts". */
export const privacyVerdicts = [
  'checking',
  'private',
  'likely-private',
  'went-public',
  'privacy-lost',
  'status-unavailable',
  'unprotected',
] as const
export type PrivacyVerdict = (typeof privacyVerdicts)[number]

/** `call`: one contract call (a step of a one-by-one batch). */
export const recordKinds = ['transfer', 'cancel', 'speed-up', 'batch', 'call', 'tracked'] as const
export type RecordKind = (typeof recordKinds)[number]

export const receiptSummarySchema = z.object({
  blockNumber: uint,
  gasUsed: uint,
  effectiveGasPrice: uint,
  /** gasUsed × effectiveGasPrice, in wei. */
  fee: uint,
  success: z.boolean(),
  /** The block it was included in, as the confirming endpoints saw it (absent in records written before). */
  blockHash: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/)
    .optional(),
})
export type ReceiptSummary = z.infer<typeof receiptSummarySchema>

/** The exact call handed to the wallet (for a token transfer `to` is the token, not the recipient). */
export const callSchema = z.looseObject({ to: address, value: uint, data: hexData.optional() })

/** A call as a record keeps it: the value as a decimal string, no `data` key for a plain transfer. */
export function storedCall(call: { to: `0x${string}`; value: bigint; data?: `0x${string}` }) {
  return { to: call.to, value: call.value.toString(), ...(call.data ? { data: call.data } : {}) }
}

/** One step of a multi-call record (batch helper); extra keys are kept as they are. */
export const txStepSchema = z.looseObject({
  label: z.string().max(200),
  to: address.optional(),
  value: uint.optional(),
  data: hexData.optional(),
})

export const txRecordSchema = z.looseObject({
  id: z.string().min(1).max(100),
  kind: tolerant(recordKinds),
  chainId: z.number().int().positive(),
  from: address,
  hash: hash.optional(),
  nonce: z.number().int().nonnegative().max(maxRecordNonce).optional(),
  /** The nonce Hush asked the wallet for, kept when its transaction used another (the wallet picked it). */
  askedNonce: z.number().int().nonnegative().max(maxRecordNonce).optional(),
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
  call: callSchema.optional(),
  fees: z.object({ maxFeePerGas: uint, maxPriorityFeePerGas: uint, gas: uint }).optional(),
  createdAt: z.number().int().nonnegative(),
  /** When the wallet answered with the hash (createdAt is when it was asked). */
  sentAt: z.number().int().nonnegative().optional(),
  protected: z.boolean(),
  steps: z.array(txStepSchema).optional(),
  status: tolerant([...intentStatuses, ...txStatuses]),
  privacy: z.enum(privacyVerdicts),
  /** One sentence explaining the status (simulation error, unavailable status API, …). */
  detail: z.string().max(500).optional(),
  maxBlockNumber: z.number().int().nonnegative().optional(),
  receipt: receiptSummarySchema.optional(),
  /** The record this one replaces (cancel / speed-up) or is replaced by. */
  replaces: z.string().optional(),
  replacedBy: z.string().optional(),
  /** The record this one sends again (same nonce). */
  resends: z.string().optional(),
  /** A step of a one-by-one batch: the batch record and the step's place in it. */
  batchId: z.string().max(100).optional(),
  stepIndex: z.number().int().nonnegative().optional(),
  label: z.string().max(200).optional(),
  /** The head when the intent was recorded: the search for its transaction after a reload starts here. */
  intentBlock: z.number().int().nonnegative().optional(),
  /**
   * The wallet answered with an error that does not prove nothing went out (a relay may have taken it): "Sent?
   * Not known yet". The intent stays open until its nonce is used, by it (found) or by another transaction.
   */
  sentUnknown: z.literal(true).optional(),
  /**
   * When its wallet prompt ended with the outcome unknown (the wallet's error, or the time-out): one of Hush's own
   * sends requested after it that used its nonce proves it was not sent; one requested before does not (intents.ts).
   */
  unknownAt: z.number().int().nonnegative().optional(),
  /** Another of Hush's sends that used its nonce without proving it was not sent: only the user can close it then. */
  nonceUsedBy: hash.optional(),
  /** A batch's path: one atomic wallet_sendCalls, or a container whose steps are records of their own. */
  path: tolerant(['atomic', 'sequential'] as const).optional(),
  /** EIP-5792 batch id the wallet answered wallet_sendCalls with. */
  callsId: z.string().max(200).optional(),
  /**
   * What the review previewed before signing, and the outcome check after inclusion (core/proof/onRecord.ts).
   * A damaged one is read as absent, never shown, and never a reason to drop the record.
   */
  preview: previewSchema.optional().catch(undefined),
  outcome: outcomeCheckSchema.optional().catch(undefined),
  updatedAt: z.number().int().nonnegative().optional(),
  /**
   * Why this record is not Hush's (tracking found its nonce out of reach of the account, intents.ts): it is
   * kept in storage like an unreadable one, closed, and left out of the list, so nothing shows, follows,
   * counts or sends it again.
   */
  notHush: z.string().max(500).optional(),
  /** What tracking saw: evidence log, status-API answers, the public watch, corrections (proofFields.ts). */
  ...proofFields,
})
export type TxRecord = z.infer<typeof txRecordSchema>

const known: ReadonlySet<string> = new Set([...txStatuses, ...intentStatuses])
export function isKnownStatus(status: string): status is KnownStatus {
  return known.has(status)
}

/** Statuses tracking stops at. A status this version does not know is left to the tab that wrote it. */
export function isFinal(status: RecordStatus): boolean {
  return status !== 'PENDING' && status !== 'UNKNOWN' && status !== 'AWAITING_WALLET'
}

/** Open and followed by this version: pending on chain, or an intent still waiting for the wallet. */
export function isOpen(record: TxRecord): boolean {
  return isKnownStatus(record.status) && !isFinal(record.status)
}

/**
 * Whether the wallet, not Hush, picks the record's nonce: wallet_sendCalls carries none, so an atomic batch's
 * stored nonce is only the one Hush expected, and another transaction at it proves nothing about the batch.
 */
export function walletPicksNonce(record: Pick<TxRecord, 'kind' | 'path' | 'callsId'>): boolean {
  return record.callsId !== undefined || (record.kind === 'batch' && record.path === 'atomic')
}

/** A one-by-one batch not fully included: its record is how the user resumes it, so room is never made with it. */
const resumable = (r: TxRecord) => r.kind === 'batch' && r.path === 'sequential' && r.status !== 'INCLUDED'

const maxRecords = 500
const listSchema = z.array(z.unknown())

type Listener = (records: TxRecord[]) => void
type SaveErrorListener = (error: string | undefined) => void

/**
 * The persisted activity list, newest first, shared by every tab of the origin. Every change re-reads storage
 * and merges by id (`merge.ts`) before writing, and `reload()` (on another tab's `storage` event) merges the
 * other way, so one tab never erases another's records. A record this version cannot read is kept in storage
 * untouched (a newer tab may have written it) and only left out of the list, with a notice; so is one tracking
 * proved not Hush's (`notHush`).
 */
export class RecordStore {
  private records: TxRecord[] = []
  /** Records proved not Hush's (`notHush`): not listed, but this tab's copy is merged like its own. */
  private setAside: TxRecord[] = []
  private readonly listeners = new Set<Listener>()
  private readonly errorListeners = new Set<SaveErrorListener>()
  private saveError: string | undefined
  private reportedUnreadable = 0
  private reportedNotHush = 0

  constructor(private readonly key: string = storageKeys.activity) {
    this.mutate()
  }

  /** The valid records of a stored list, newest first. */
  static load(key: string): TxRecord[] {
    return new RecordStore(key).list()
  }

  list(): TxRecord[] {
    return this.records
  }

  get(id: string): TxRecord | undefined {
    return this.records.find((r) => r.id === id)
  }

  add(record: TxRecord): TxRecord {
    const valid = txRecordSchema.parse({ ...record, updatedAt: Date.now() })
    this.mutate((list) => [valid, ...list.filter((r) => r.id !== valid.id)])
    return this.get(valid.id) ?? valid
  }

  /**
   * Adds an intent only if storage keeps it (written, then read back), so no tab or reload can lose it or
   * reuse its nonce. A failed write makes room by dropping Hush's own oldest final records, a few more each
   * time; when even that is not enough the record is taken out again and the caller is told why.
   */
  addDurably(record: TxRecord): { ok: true; record: TxRecord } | { ok: false; reason: string } {
    const added = this.add(record)
    const oldestFinal = this.trimmable()
    for (let drop = 1; !this.isStored(added.id); drop *= 2) {
      if (drop > 2 * oldestFinal.length) {
        const reason = this.saveError ?? 'the browser did not keep it'
        this.mutate((list) => list.filter((r) => r.id !== added.id))
        return { ok: false, reason }
      }
      // A prefix of the same list each time: storage still holds what a failed write did not remove.
      const gone = new Set(oldestFinal.slice(0, drop))
      const before = this.records
      this.mutate((list) => list.filter((r) => !gone.has(r.id)))
      // Not written: this tab keeps its versions of them (newer than storage's when an update failed too).
      if (!this.isStored(added.id)) this.records = before
    }
    return { ok: true, record: this.get(added.id) ?? added }
  }

  /**
   * Ids of the records final both in storage and in this tab, oldest first. A record this tab knows final
   * whose final version could not be written is still open in storage: trimming it would lose it.
   */
  private trimmable(): string[] {
    const finalHere = new Set(
      this.records.filter((r) => isKnownStatus(r.status) && isFinal(r.status)).map((r) => r.id),
    )
    const stored = validRecords(readStored(this.key, listSchema, []))
    // A stopped one-by-one batch and its steps: Resume decides each step from its record (an included step is
    // skipped), so dropping one would pay that step again.
    const kept = new Set(stored.filter(resumable).map((r) => r.id))
    return stored
      .filter((r) => finalHere.has(r.id) && isKnownStatus(r.status) && isFinal(r.status))
      .filter((r) => !kept.has(r.id) && !(r.batchId !== undefined && kept.has(r.batchId)))
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((r) => r.id)
  }

  /** Whether storage itself (not this tab's memory) holds a record with this id. */
  private isStored(id: string): boolean {
    return readStored(this.key, listSchema, []).some((item) => idOf(item) === id)
  }

  /**
   * Changes one record: Hush's writers pass `transition` (lifecycle.ts, through `applyEvent`); a patch is for
   * tests that set a state up.
   */
  update(id: string, change: Partial<TxRecord> | ((current: TxRecord) => TxRecord)): TxRecord | undefined {
    let found = false
    this.mutate((list) =>
      list.map((r) => {
        if (r.id !== id) return r
        found = true
        const next = typeof change === 'function' ? change(r) : { ...r, ...change }
        // An event the transition refused changes nothing: no new version for other tabs to merge.
        if (next === r) return r
        return txRecordSchema.parse({
          ...next,
          updatedAt: Math.max(Date.now(), (r.updatedAt ?? 0) + 1),
        })
      }),
    )
    return found ? this.get(id) : undefined
  }

  /** Re-reads storage (another tab wrote, or a test changed it) and merges it with what this tab holds. */
  reload(): void {
    this.mutate()
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The last storage write failure (quota, blocked storage), or undefined once a write succeeds again. */
  lastSaveError(): string | undefined {
    return this.saveError
  }

  onSaveError(listener: SaveErrorListener): () => void {
    this.errorListeners.add(listener)
    return () => this.errorListeners.delete(listener)
  }

  /** Read storage, merge this tab's records in, apply `change` to the valid records, write back, publish. */
  private mutate(change?: (valid: TxRecord[]) => TxRecord[]) {
    const stored = readStored(this.key, listSchema, [])
    const openHere = (item: unknown) => {
      const parsed = txRecordSchema.safeParse(item)
      return !parsed.success || isOpen(parsed.data) || !isKnownStatus(parsed.data.status)
    }
    // A record this tab knows final but storage still holds open (its update was not written) is not trimmed.
    const openStored = new Set(stored.filter(openHere).map(idOf))
    const isOpenItem = (item: unknown) => openStored.has(idOf(item)) || openHere(item)
    // Set-aside records this tab closed are merged too: a close storage could not take must not lose to storage's
    // open copy, or the tab would show another app's record again and track it without end.
    const here = [...this.records, ...this.setAside]
    const merged = mergeRecordLists(stored, here, { max: maxRecords, isOpen: isOpenItem })
    let list = merged.list
    let dirty = merged.changed
    if (change) {
      const valid = validRecords(list)
      const aside = list.filter((item) => shownRecord(item) === undefined)
      const next = mergeRecordLists(aside, change(valid), { max: maxRecords, isOpen: isOpenItem })
      list = next.list
      dirty = true
    }
    if (dirty) this.write(list)
    const unreadable = stored.filter((item) => !txRecordSchema.safeParse(item).success).length
    if (unreadable > this.reportedUnreadable)
      reportStorageReset(this.key, `${unreadable} activity record(s) could not be read and are not shown`)
    this.reportedUnreadable = unreadable
    const notHush = list.filter(
      (item) => typeof item === 'object' && item !== null && 'notHush' in item,
    ).length
    if (notHush > this.reportedNotHush)
      reportStorageReset(
        this.key,
        `${notHush} activity record(s) not written by Hush (a nonce out of reach of the account) are not shown`,
      )
    this.reportedNotHush = notHush
    const { shown, aside } = readable(list)
    this.records = shown
    this.setAside = aside
    for (const l of this.listeners) l(this.records)
  }

  private write(list: unknown[]) {
    const result = writeStoredChecked(this.key, list)
    const error = result.ok ? undefined : result.reason
    if (error === this.saveError) return
    this.saveError = error
    for (const l of this.errorListeners) l(error)
  }
}

/** A stored item as the list shows it: readable, and Hush's own (`notHush` ones stay aside, like unreadable). */
function shownRecord(item: unknown): TxRecord | undefined {
  const parsed = txRecordSchema.safeParse(item)
  return parsed.success && parsed.data.notHush === undefined ? parsed.data : undefined
}

function validRecords(list: readonly unknown[]): TxRecord[] {
  return readable(list).shown
}

/** The list's readable records, each parsed once: those shown (newest first), and those proved not Hush's. */
function readable(list: readonly unknown[]): { shown: TxRecord[]; aside: TxRecord[] } {
  const shown: TxRecord[] = []
  const aside: TxRecord[] = []
  for (const item of list) {
    const parsed = txRecordSchema.safeParse(item)
    if (parsed.success) (parsed.data.notHush === undefined ? shown : aside).push(parsed.data)
  }
  shown.sort((a, b) => b.createdAt - a.createdAt)
  return { shown, aside }
}

let shared: RecordStore | undefined
/** The app's one store (created on first use so node tests can make their own). */
export function recordStore(): RecordStore {
  if (!shared) {
    shared = new RecordStore()
    markActivityInUse()
  }
  return shared
}

export function newRecordId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}
