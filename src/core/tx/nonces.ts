import type { ActivityRecord, TxStatus } from './records'

/** Records whose nonce is (or may still be) used on chain. FAILED/CANCELLED/REPLACED free theirs. */
const holdsNonce: ReadonlySet<TxStatus> = new Set(['PENDING', 'UNKNOWN', 'INCLUDED', 'REVERTED'])

/**
 * The next nonce for an account. Private transactions are invisible to a public node's
 * `eth_getTransactionCount(…, 'pending')`, so our own records count too: the next nonce is past both the
 * node's count and every nonce we still hold.
 */
export function nextNonce(
  pendingCount: number,
  records: readonly ActivityRecord[],
  chainId: number,
  from: string,
): number {
  let next = pendingCount
  const who = from.toLowerCase()
  for (const r of records) {
    if (r.chainId !== chainId || r.from.toLowerCase() !== who || r.nonce === undefined) continue
    if (holdsNonce.has(r.status) && r.nonce + 1 > next) next = r.nonce + 1
  }
  return next
}
