import type { TxRecord } from '../records/records'

/** Blocks Protect keeps trying a private transaction by default before it drops it (its documented window). */
export const privateRetryBlocks = 25

/**
 * Why a missing nonce is not simply empty: a transaction sent privately from another app (through Flashbots
 * Protect or another private relay) holds its nonce unseen until it is included, and a filler would replace it.
 */
export function foreignNonceWarning(nonce: number): string {
  return `A transaction sent from another app may hold nonce ${nonce}: a private one stays invisible until it is included (Flashbots Protect keeps trying for about ${privateRetryBlocks} blocks, some 5 minutes). Filling the gap would replace it.`
}

/** What the user ticks before a gap is filled. */
export function foreignNonceTick(nonce: number): string {
  return `I sent no other transaction with nonce ${nonce} from another app in the last few minutes (or I want to replace it).`
}

/**
 * Whether filling nonce `n` needs the user's word that no other app holds it: not when Hush's own intent whose
 * outcome the wallet left unknown sits there (the fill is meant to settle that one: only one of the two can be
 * included, and the user was told so).
 */
export function needsForeignAck(
  records: readonly TxRecord[],
  account: { chainId: number; from: string },
  n: number,
): boolean {
  const who = account.from.toLowerCase()
  return !records.some(
    (r) =>
      r.chainId === account.chainId &&
      r.from.toLowerCase() === who &&
      r.nonce === n &&
      r.status === 'AWAITING_WALLET' &&
      r.sentUnknown === true,
  )
}
