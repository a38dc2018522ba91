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
