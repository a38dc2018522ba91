import { errorCategory } from './category'
import { causeChain } from './causes'

/**
 * The questions modules ask of a thrown error, each answered from the classifier's one walk of the cause chain
 * (viem wraps provider errors several levels deep). No module walks `cause` itself.
 */

export const isUserRejection = (error: unknown) => errorCategory(error) === 'user-rejected'

/** The node executed the call and it reverted: an answer about the chain, unlike a transport failure. */
export const isRevert = (error: unknown) => errorCategory(error) === 'reverted'

/** The wallet or endpoint does not offer this method (-32601, 4200, "method not found"…). */
export const isUnsupportedMethod = (error: unknown) => errorCategory(error) === 'unsupported'

export const isRateLimited = (error: unknown) => errorCategory(error) === 'rate-limited'

export const isTimeout = (error: unknown) => errorCategory(error) === 'timeout'

/** Unreachable, a broken or unusable answer, or an endpoint behind the head. */
export const isNetwork = (error: unknown) => errorCategory(error) === 'network'

/** No usable answer at all (network, timeout, rate limit): it says nothing about the chain or a contract. */
export function isTransportFailure(error: unknown): boolean {
  const category = errorCategory(error)
  return category === 'network' || category === 'timeout' || category === 'rate-limited'
}

/** viem's "no receipt yet" for a transaction the node does not have mined (not a failed read). */
export const isReceiptNotFound = (error: unknown) =>
  causeChain(error).some((node) => node.name === 'TransactionReceiptNotFoundError')

/** The first numeric EIP-1193 / JSON-RPC code in the chain. */
export const errorCode = (error: unknown): number | undefined =>
  causeChain(error).find((node) => node.code !== undefined)?.code

/** Every message in the chain, one per line (for matching a wallet's specific wording). */
export const errorText = (error: unknown): string =>
  causeChain(error)
    .map((node) => node.text)
    .join('\n')
