import { z } from 'zod'

/** The seven simError codes Protect's status API reports (the API prefixes them with `SimError`). */
export const simErrorNames = [
  'MaxFeePerGasTooLow',
  'InsufficientFunds',
  'NonceTooLow',
  'NonceTooHigh',
  'InvalidChainId',
  'ExecutionReverted',
  'OutOfGas',
] as const
export type SimErrorName = (typeof simErrorNames)[number]

/**
 * Real-world Protect behaviours the stand-in can switch on per sender address (or per `/k/<key>/` URL path),
 * so tests sharing one stand-in never affect each other. Each field is one "mode"; see README "Stand-in modes".
 */
export const behaviourSchema = z
  .object({
    /** Blocks a transaction is retried before FAILED (Protect: 25). */
    blockWindow: z.number().int().min(1).max(1000),
    /**
     * After a FAILED transaction's receipt is asked for through the RPC (as MetaMask does), the next this-many
     * `eth_getTransactionCount` calls for the sender answer 1,000,000,001 (rpc-endpoint's MetaMask fix).
     */
    hugeNonceAnswers: z.number().int().min(1).max(100),
    /** Held for the whole window (FAILED), then included this many blocks later; the status API stays FAILED. */
    includeAfterFailedBlocks: z.number().int().min(1).max(1000),
    /** Holds every transaction with this simError until the window ends (InvalidChainId has no devnet cause). */
    forceSimError: z.enum(simErrorNames),
    /** `eth_call`, receipts, balances and `…ByBlockNumberAndIndex` answer HTTP 429 / -32005 after this many. */
    readLimit: z.number().int().min(0).max(100_000),
    /** The read-limit window in ms (Protect: 5 minutes). */
    readLimitWindowMs: z.number().int().min(1).max(3_600_000),
    /** A valid transaction is included only this many blocks after it arrived (a slow builder auction). */
    inclusionDelayBlocks: z.number().int().min(1).max(1000),
    /** The status API answers this sender's transactions without CORS headers: a browser cannot read them. */
    statusWithoutCors: z.boolean(),
    /** Also puts every transaction into the upstream's public pool (a leaking relay); the API still says private. */
    alsoPublic: z.boolean(),
    /** The status API reports `seenInMempool: true` for this sender from now on (Protect's own watchers saw a
     * public copy; with `alsoPublic`, possibly only after inclusion). */
    mempoolSeen: z.boolean(),
  })
  .partial()
  .strict()
export type StandInBehaviour = z.infer<typeof behaviourSchema>

export const limitedReadMethods: ReadonlySet<string> = new Set([
  'eth_call',
  'eth_getTransactionReceipt',
  'eth_getBalance',
  'eth_getTransactionByBlockNumberAndIndex',
])

export const hugeNonce = 1_000_000_001

export type BehaviourStats = { hugeNonceAnswered: number; rateLimited: number; limitedReads: number }

/** Behaviours and their counters, keyed by lower-case sender address or URL path key. */
export class BehaviourRegistry {
  private readonly byKey = new Map<string, StandInBehaviour>()
  private readonly hugeNonceLeft = new Map<string, number>()
  private readonly reads = new Map<string, number[]>()
  private readonly counters = new Map<string, BehaviourStats>()

  set(key: string, behaviour: StandInBehaviour | null): void {
    const k = key.toLowerCase()
    this.hugeNonceLeft.delete(k)
    this.reads.delete(k)
    this.counters.delete(k)
    if (behaviour) this.byKey.set(k, behaviourSchema.parse(behaviour))
    else this.byKey.delete(k)
  }

  get(key: string | undefined): StandInBehaviour {
    return (key && this.byKey.get(key.toLowerCase())) || {}
  }

  stats(key: string): BehaviourStats {
    const k = key.toLowerCase()
    let s = this.counters.get(k)
    if (!s) {
      s = { hugeNonceAnswered: 0, rateLimited: 0, limitedReads: 0 }
      this.counters.set(k, s)
    }
    return s
  }

  armHugeNonce(sender: string, answers: number): void {
    this.hugeNonceLeft.set(sender.toLowerCase(), answers)
  }

  /** True when this eth_getTransactionCount must be answered with the huge nonce (and counts it). */
  takeHugeNonce(address: string): boolean {
    const k = address.toLowerCase()
    const left = this.hugeNonceLeft.get(k) ?? 0
    if (left <= 0) return false
    this.hugeNonceLeft.set(k, left - 1)
    this.stats(k).hugeNonceAnswered++
    return true
  }

  /** Counts one limited read for `key`; true when it is over the limit (and must be answered 429). */
  overReadLimit(key: string, now: number): boolean {
    const { readLimit, readLimitWindowMs = 5 * 60_000 } = this.get(key)
    if (readLimit === undefined) return false
    const k = key.toLowerCase()
    const recent = (this.reads.get(k) ?? []).filter((t) => t > now - readLimitWindowMs)
    const stats = this.stats(k)
    stats.limitedReads++
    if (recent.length >= readLimit) {
      this.reads.set(k, recent)
      stats.rateLimited++
      return true
    }
    recent.push(now)
    this.reads.set(k, recent)
    return false
  }
}
