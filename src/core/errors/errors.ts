import { BaseError } from 'viem'

/** Errors the RPC layer raises itself; the classifier recognises them by `name` (survives minification). */

export class WrongChainError extends Error {
  override name = 'WrongChainError'
  constructor(
    readonly expectedChainId: number,
    readonly actualChainId: number,
    readonly endpoint?: string,
  ) {
    super(
      Number.isSafeInteger(actualChainId) && actualChainId >= 0
        ? `Endpoint answers chain ${actualChainId}, but chain ${expectedChainId} was expected.`
        : `Endpoint does not answer a valid chain id, but chain ${expectedChainId} was expected.`,
    )
  }
}

/**
 * Every endpoint failed for one request; `cause` is the most telling failure, `errors` all of them. A viem
 * BaseError so viem's request layer passes it through instead of wrapping it in an UnknownRpcError.
 */
export class AllEndpointsFailedError extends BaseError {
  override name = 'AllEndpointsFailedError'
  /** Each endpoint tried, by its display name, with its own failure sentence (hosts only). */
  readonly endpoints: Array<{ name: string; message: string }>
  constructor(
    readonly method: string,
    readonly errors: unknown[],
    options: { cause: Error; endpoints?: Array<{ name: string; message: string }> },
  ) {
    super(`Every endpoint failed for ${method}.`, { cause: options.cause })
    this.endpoints = options.endpoints ?? []
  }
}

/** The answer was not usable JSON-RPC (malformed body, wrong shape). */
export class MalformedResponseError extends Error {
  override name = 'MalformedResponseError'
}

/** The endpoint's head is too far behind the best known head to be trusted for this read. */
export class StaleEndpointError extends Error {
  override name = 'StaleEndpointError'
}

/** A second send from one account while another awaits the wallet: refused before the wallet is asked. */
export class AccountBusyError extends Error {
  override name = 'AccountBusyError'
  constructor() {
    super(
      'Another transaction from this account is waiting for your wallet: finish it first, then try again.',
    )
  }
}
