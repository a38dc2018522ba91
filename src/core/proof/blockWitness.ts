import type { Hex } from 'viem'
import { getBlock } from 'viem/actions'
import type { ChainReads } from '../tx/track/evidence'
import type { OutcomeCheck } from './outcome'

/** A second endpoint has another block at the check's height: the check read a block that may not stand. */
export class BlockDisagreement extends Error {
  constructor(endpoint: string, block: string) {
    super(
      `${endpoint} has a different block ${block} than the endpoint the outcome check read: it is not kept; check again later.`,
    )
    this.name = 'BlockDisagreement'
  }
}

/**
 * Confirms the outcome check's inclusion block on a second healthy endpoint, where there is one: the same hash
 * at the same height. One endpoint only (or a second that cannot answer) is said on the check; a different
 * hash throws `BlockDisagreement`, so nothing from that read is stored as a verdict.
 */
export async function witnessBlock(
  reads: Pick<ChainReads, 'withEndpoint' | 'healthyEndpoints'>,
  first: { endpointId: string },
  check: OutcomeCheck,
): Promise<OutcomeCheck> {
  const others = reads.healthyEndpoints().filter((e) => e.id !== first.endpointId)
  if (!check.blockHash || others.length === 0) return { ...check, blockWitness: { kind: 'one-endpoint' } }
  let seen: { hash: Hex | null; endpoint: string }
  try {
    const { value, endpointName } = await reads.withEndpoint(
      async (s) => (await getBlock(s.client, { blockNumber: BigInt(check.block) })).hash,
      { exclude: [first.endpointId], healthyOnly: true },
    )
    seen = { hash: value, endpoint: endpointName }
  } catch {
    return { ...check, blockWitness: { kind: 'one-endpoint' } }
  }
  if (seen.hash?.toLowerCase() !== check.blockHash.toLowerCase())
    throw new BlockDisagreement(seen.endpoint, check.block)
  return { ...check, blockWitness: { kind: 'confirmed', endpoint: seen.endpoint.slice(0, 120) } }
}
