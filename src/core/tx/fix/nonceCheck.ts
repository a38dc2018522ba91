import { isFinal, type TxRecord } from '../records/records'
import { readProof } from '../track/observations'
import { type Diagnosis, type DiagnosisContext, diagnose, missingNonces } from './diagnosis'

/** How long after a failure the wallet may still show it as dropped (and may have seen the huge nonce). */
export const droppedWindowMs = 60 * 60_000

export type NonceProblem =
  | { kind: 'gap'; nonce: number; before: TxRecord }
  | { kind: 'stuck'; record: TxRecord; diagnosis: Diagnosis }
  | { kind: 'maybe-dropped'; record: TxRecord }

export type NonceReport = {
  /** The next nonce the chain expects (transactions mined by the latest block). */
  chainNonce: number
  /** Open records of the account, lowest nonce first. */
  open: TxRecord[]
  problems: NonceProblem[]
  /** What stops the account's next transaction, in one sentence; undefined when nothing does. */
  blocking?: string
}

/**
 * The account's nonces as the chain, Hush's records and Protect see them: nonces missing below an open
 * transaction, open transactions stuck for a reason, and failed ones the wallet may now show as dropped.
 */
export function checkNonces(
  account: { chainId: number; address: string },
  ctx: DiagnosisContext & { chainNonce: number },
): NonceReport {
  const who = account.address.toLowerCase()
  const mine = ctx.records.filter((r) => r.chainId === account.chainId && r.from.toLowerCase() === who)
  const open = mine
    .filter((r) => r.hash && !isFinal(r.status) && r.nonce !== undefined && r.nonce >= ctx.chainNonce)
    .sort((a, b) => (a.nonce ?? 0) - (b.nonce ?? 0))
  const problems: NonceProblem[] = []
  const gaps = new Set<number>()
  for (const r of open)
    for (const n of missingNonces(r, ctx) ?? [])
      if (!gaps.has(n)) {
        gaps.add(n)
        problems.push({ kind: 'gap', nonce: n, before: r })
      }
  for (const r of open) {
    if (readProof(r).provisional) continue
    const d = diagnose(r, ctx)
    if (d && d.code !== 'nonce-gap' && d.code !== 'waiting-for-earlier')
      problems.push({ kind: 'stuck', record: r, diagnosis: d })
  }
  for (const r of mine)
    if (r.status === 'FAILED' && ctx.now - (r.updatedAt ?? r.createdAt) < droppedWindowMs)
      problems.push({ kind: 'maybe-dropped', record: r })
  const firstGap = [...gaps].sort((a, b) => a - b)[0]
  const lowestStuck = problems.find((p): p is Extract<NonceProblem, { kind: 'stuck' }> => p.kind === 'stuck')
  const blocking =
    firstGap !== undefined
      ? `Nonce ${firstGap} is missing: your next transaction would wait behind it until it is filled.`
      : lowestStuck
        ? `Your transaction with nonce ${lowestStuck.record.nonce} is stuck (${lowestStuck.diagnosis.title.toLowerCase()}): your next transaction would wait behind it.`
        : undefined
  return { chainNonce: ctx.chainNonce, open, problems, ...(blocking ? { blocking } : {}) }
}
