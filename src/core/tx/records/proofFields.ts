import { z } from 'zod'
import { txStatuses } from './statuses'
import { tolerant } from './tolerant'

/**
 * What tracking saw, kept on the record next to its status and declared by the record's schema (`proofFields`).
 * Validated on every read: a damaged part is dropped, never shown, and never a reason to drop the record. Keys
 * and names a newer Hush may add (a log source, a sub-field) are kept, so an older tab's write keeps them. The
 * log is what a proof export (issue 13) needs: every status-API answer and watch result, with times.
 */
const text = (max: number) => z.string().max(max)
const block = z.number().int().nonnegative()
const time = z.number().int().nonnegative()

export const proofSources = ['status-api', 'watch', 'websocket', 'chain', 'refused', 'correction'] as const
export type ProofSource = (typeof proofSources)[number]

/** One distinct answer; repeats only move `last` and `count`, so the log stays bounded. */
export const proofEntrySchema = z.object({
  source: tolerant(proofSources),
  text: text(300),
  endpoint: text(120).optional(),
  block: block.optional(),
  first: time,
  last: time,
  count: z.number().int().positive(),
})
export type ProofEntry = z.infer<typeof proofEntrySchema>

const statusName = tolerant(txStatuses)

export const proofSchema = z.object({
  /** Another transaction used our nonce (seen on one endpoint at one block); final only after a few blocks. */
  provisional: z
    .looseObject({ status: z.literal('REPLACED'), sinceBlock: block, endpoint: text(120), at: time })
    .optional()
    .catch(undefined),
  /** A final status that later evidence contradicted, newest last. */
  corrections: z
    .array(z.looseObject({ at: time, from: statusName, to: statusName, reason: text(300) }))
    .max(10)
    .optional()
    .catch(undefined),
  /** Where and when the status became final; a light watch continues for Protect's block window after it. */
  finalAt: z.looseObject({ at: time, block: block.optional() }).optional().catch(undefined),
  /** Endpoints whose receipt agreed, first one first. */
  confirmedBy: z.array(text(120)).max(5).optional().catch(undefined),
  /** Our own public-mempool watch while the transaction was pending. */
  watch: z
    .looseObject({
      /** Endpoints that answered "not pending" before inclusion. */
      asked: z.array(text(120)).max(20),
      /** Of those, the ones found to list pending transactions (core/proof/pendingSupport.ts): the capability relied on. */
      serving: z.array(text(120)).max(20).optional(),
      /** Read endpoints configured for the chain when last checked. */
      configured: z.number().int().nonnegative(),
      /** `via: 'websocket'`: announced on the endpoint's `newPendingTransactions` stream (else: read by hash). */
      seenPending: z
        .looseObject({
          endpoint: text(120),
          block: block.optional(),
          at: time,
          via: z.literal('websocket').optional(),
        })
        .optional(),
      /** WebSocket pending streams live without a break from before the send to the last look before inclusion. */
      streams: z.array(text(120)).max(10).optional(),
      /** When it was sent: the start of the time it was pending. */
      sentAt: time.optional(),
      /** Looks by hash that found it not pending, and when the first and last were: how long the watch covered. */
      looks: z.number().int().nonnegative().optional(),
      firstLookAt: time.optional(),
      lastLookAt: time.optional(),
      /** When tracking first saw it included (the end of the time it was pending). */
      minedAt: time.optional(),
    })
    .optional()
    .catch(undefined),
  /** The status API: whether it ever answered, its last answer, and its last reason for not answering. */
  api: z
    .looseObject({
      answered: z.boolean(),
      unavailable: text(200).optional(),
      last: z
        .looseObject({
          status: text(20),
          simError: text(120),
          revertReason: text(300),
          seenInMempool: z.boolean(),
          at: time,
        })
        .optional(),
      /** The status API asked again after inclusion (a later `seenInMempool: true` counts): bounded tries. */
      afterInclusion: z
        .looseObject({
          tries: z.number().int().nonnegative(),
          seenInMempool: z.boolean().optional(),
          at: time,
        })
        .optional(),
    })
    .optional()
    .catch(undefined),
  /** The last head an observation completed at (nothing is read again until the head moves). */
  observedHead: block.optional().catch(undefined),
  /** The head at tracking's first look with the hash: Protect's block window for it started no later. */
  firstSeenHead: block.optional().catch(undefined),
  observedAt: time.optional().catch(undefined),
  log: z.array(proofEntrySchema).max(60).optional().catch(undefined),
})
export type Proof = z.infer<typeof proofSchema>

/** The proof's fields as the record's schema declares them: each damaged one is read as absent. */
export const proofFields = proofSchema.shape
