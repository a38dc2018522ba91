import { type Proof, type ProofEntry, proofSchema } from '../records/proofFields'
import type { TxRecord, TxStatus } from '../records/records'

/**
 * The record's proof, each part validated again: a record built or patched in memory has not been through the
 * store's parse, and a damaged part is read as absent, never shown.
 */
export function readProof(record: TxRecord): Proof {
  const parsed = proofSchema.safeParse(record)
  return parsed.success ? parsed.data : {}
}

const maxLog = 60

/** Adds an answer to the log: a repeat of the latest entry of the same source and text only updates it. */
export function logAnswer(
  log: readonly ProofEntry[] | undefined,
  entry: Omit<ProofEntry, 'first' | 'last' | 'count'>,
  at: number,
): ProofEntry[] {
  const list = [...(log ?? [])]
  const sameSource = [...list].reverse().find((e) => e.source === entry.source)
  if (sameSource && sameSource.text === entry.text && sameSource.endpoint === entry.endpoint) {
    const i = list.lastIndexOf(sameSource)
    list[i] = {
      ...sameSource,
      last: at,
      count: sameSource.count + 1,
      ...(entry.block ? { block: entry.block } : {}),
    }
    return list
  }
  list.push({ ...entry, first: at, last: at, count: 1 })
  // Bounded: the first entry (how it began) is kept, the oldest after it go.
  while (list.length > maxLog) list.splice(1, 1)
  return list
}

export function correction(from: TxStatus, to: TxStatus, reason: string, at: number) {
  return { at, from, to, reason: reason.slice(0, 300) }
}
