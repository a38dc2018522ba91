import { isFinal, type TxRecord, walletPicksNonce } from '../records/records'
import { maxNonceAhead, nonceHolders } from '../send/nonces'
import { readProof } from '../track/observations'
import {
  type Diagnosis,
  type DiagnosisAction,
  type DiagnosisContext,
  diagnose,
  missingNonces,
} from './diagnosis'
import { withoutSpentAction } from './fixes'

/** How long after a failure the wallet may still show it as dropped (and may have seen the huge nonce). */
export const droppedWindowMs = 60 * 60_000

export type NonceProblem =
  | { kind: 'gap'; nonce: number; before: TxRecord }
  /** An intent whose outcome the wallet left unknown, at a nonce nothing else of Hush's uses: only a use settles it. */
  | { kind: 'unknown'; nonce: number; record: TxRecord }
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
  /**
   * The problem behind `blocking`, the one to fix first: the lowest missing nonce, else an unknown outcome that
   * holds up a later transaction, else the lowest stuck one, else an unknown outcome alone (it blocks nothing yet,
   * but nothing of Hush's settles it either).
   */
  blocker?: Extract<NonceProblem, { kind: 'gap' | 'unknown' | 'stuck' }>
}

/**
 * The account's nonces as the chain, Hush's records and Protect see them: nonces missing below an open
 * transaction, intents whose outcome the wallet left unknown, open transactions stuck for a reason, and failed
 * ones the wallet may now show as dropped.
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
  const unknown = unknownOutcomes(account, mine, ctx.chainNonce)
  problems.push(...unknown)
  for (const r of open) {
    if (readProof(r).provisional) continue
    const d = diagnose(r, ctx)
    if (d && d.code !== 'nonce-gap' && d.code !== 'waiting-for-earlier')
      problems.push({ kind: 'stuck', record: r, diagnosis: d })
  }
  for (const r of mine)
    if (r.status === 'FAILED' && ctx.now - (r.updatedAt ?? r.createdAt) < droppedWindowMs)
      problems.push({ kind: 'maybe-dropped', record: r })
  const firstGap = problems
    .filter((p): p is Extract<NonceProblem, { kind: 'gap' }> => p.kind === 'gap')
    .sort((a, b) => a.nonce - b.nonce)[0]
  const lowestStuck = problems.find((p): p is Extract<NonceProblem, { kind: 'stuck' }> => p.kind === 'stuck')
  const waitedFor = unknown.find((u) => open.some((r) => (r.nonce ?? 0) > u.nonce))
  const blocker = firstGap ?? waitedFor ?? lowestStuck ?? unknown[0]
  return {
    chainNonce: ctx.chainNonce,
    open,
    problems,
    ...(blocker ? { blocking: blockingText(blocker), blocker } : {}),
  }
}

function blockingText(blocker: NonceReport['blocker'] & {}): string {
  if (blocker.kind === 'gap')
    return `Nonce ${blocker.nonce} is missing: your next transaction would wait behind it until it is filled.`
  if (blocker.kind === 'unknown')
    return `Your wallet did not confirm whether it sent the transaction with nonce ${blocker.nonce}, and nothing else uses that nonce, so Hush cannot tell yet; your transactions after it wait until that nonce is used. Filling it sends 0 to yourself at that nonce: only one of the two can be included, so nothing is paid twice.`
  return `Your transaction with nonce ${blocker.record.nonce} is stuck (${blocker.diagnosis.title.toLowerCase()}): your next transaction would wait behind it.`
}

/**
 * Intents left "Sent? Not known yet" whose nonce the chain has not used and no other open record holds (one per
 * nonce, lowest first). Nothing Hush does on its own uses that nonce, so the record would stay open for good;
 * filling it settles it either way: only one of the two can be included, and if the filler is, the intent is
 * closed as not sent on that proof (intents.ts). An atomic batch is not one: its wallet picks the nonce.
 */
function unknownOutcomes(
  account: { chainId: number; address: string },
  mine: readonly TxRecord[],
  chainNonce: number,
): Extract<NonceProblem, { kind: 'unknown' }>[] {
  const found = new Map<number, Extract<NonceProblem, { kind: 'unknown' }>>()
  for (const r of mine) {
    const n = r.nonce
    if (r.status !== 'AWAITING_WALLET' || !r.sentUnknown || walletPicksNonce(r) || n === undefined) continue
    if (n < chainNonce || n > chainNonce + maxNonceAhead || found.has(n)) continue
    if (nonceHolders(mine, account.chainId, account.address, n, new Set()).length > 0) continue
    found.set(n, { kind: 'unknown', nonce: n, record: r })
  }
  return [...found.values()].sort((a, b) => a.nonce - b.nonce)
}

/**
 * The one fix Activity's nonce check offers for a problem (its button, and the simulator's user, press this):
 * a gap, or the nonce of an intent whose outcome is unknown, is filled at its nonce; a stuck transaction gets
 * its diagnosis's fix unless one is already under way; a failed one the wallet may show as dropped is shown.
 */
export function problemFix(
  problem: NonceProblem,
  records: readonly TxRecord[],
): { record: TxRecord; action: DiagnosisAction } | undefined {
  if (problem.kind === 'gap')
    return { record: problem.before, action: { kind: 'fill-gap', nonce: problem.nonce } }
  if (problem.kind === 'unknown')
    return { record: problem.record, action: { kind: 'fill-gap', nonce: problem.nonce } }
  if (problem.kind === 'maybe-dropped')
    return { record: problem.record, action: { kind: 'show-record', id: problem.record.id } }
  const action = withoutSpentAction(problem.diagnosis, problem.record, records).action
  return action ? { record: problem.record, action } : undefined
}
