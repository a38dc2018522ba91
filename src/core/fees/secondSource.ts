import { formatGwei, parseGwei } from 'viem'
import { getFeeHistory } from 'viem/actions'
import { MalformedResponseError } from '../errors/errors'
import type { EndpointPool } from '../rpc/pool'

/** Base fees this close are the same chain seen a few blocks apart (each block moves it by 12.5 % at most). */
const maxRatio = 2n
const slack = parseGwei('1')

/** Two base fees agree: within a factor of two, or within 1 gwei (a near-idle chain or devnet). */
export function baseFeesAgree(a: bigint, b: bigint): boolean {
  const [low, high] = a < b ? [a, b] : [b, a]
  return high - low <= slack || high <= low * maxRatio
}

/**
 * Checks one endpoint's base fee against a second endpoint's, so one endpoint alone cannot price a transaction
 * (every preset and its cap follow from the base fee). Resolves with the second endpoint's name when they
 * agree, or undefined when no second endpoint could answer (the fee then rests on one endpoint: shown, not
 * used unseen). Throws, with both figures, when they disagree.
 */
export async function secondBaseFee(
  pool: EndpointPool,
  first: { endpointId: string; endpointName: string; baseFee: bigint },
): Promise<string | undefined> {
  let second: { value: bigint; endpointName: string }
  try {
    second = await pool.withEndpoint(
      async (s) => {
        const history = await getFeeHistory(s.client, {
          blockCount: 1,
          rewardPercentiles: [],
          blockTag: 'latest',
        })
        return history.baseFeePerGas.at(-1) ?? 0n
      },
      { exclude: [first.endpointId] },
    )
  } catch {
    return undefined
  }
  if (baseFeesAgree(first.baseFee, second.value)) return second.endpointName
  throw new MalformedResponseError(
    `read endpoints disagree on the fee: ${first.endpointName} says a base fee of ${formatGwei(first.baseFee)} gwei, ${second.endpointName} ${formatGwei(second.value)} gwei; no fee is offered until they agree`,
  )
}
