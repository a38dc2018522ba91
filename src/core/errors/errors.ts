/** Errors the RPC layer raises itself; the classifier recognises them by `name` (survives minification). */

export class WrongChainError extends Error {
  override name = 'WrongChainError'
  constructor(
    readonly expectedChainId: number,
    readonly actualChainId: number,
    readonly endpoint?: string,
  ) {
    super(`Endpoint answers chain ${actualChainId}, but chain ${expectedChainId} was expected.`)
  }
}

/** Every endpoint failed for one request; `cause` is the most telling failure, `errors` all of them. */
export class AllEndpointsFailedError extends Error {
  override name = 'AllEndpointsFailedError'
  constructor(
    readonly method: string,
    readonly errors: unknown[],
    options: { cause: unknown },
  ) {
    super(`Every endpoint failed for ${method}.`, options)
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
