import type { Client } from 'viem'
import { call } from 'viem/actions'
import { revertReason } from '../batch/simulate'
import { isRevert } from '../errors/predicates'
import type { EndpointSession } from '../rpc/pool'
import { askedBy } from './asked'
import { effectsOf, type Preview } from './outcome'
import type { PreviewInput } from './preview'
import { readTokenInfo } from './tokenInfo'

/**
 * The preview when no read endpoint simulates: each call is run alone with `eth_call` (a revert and its reason
 * are real answers), and the figures are what the calls ask for, decoded from their value and ERC-20 calldata.
 * Labelled `limited`: a token's own rules (a fee on transfer) and the effects of other contract calls are not
 * seen, and a call that depends on an earlier one may fail when checked alone.
 */
export async function limitedPreview(
  session: EndpointSession,
  input: PreviewInput,
): Promise<Omit<Preview, 'at'>> {
  const head = await session.head()
  const client = session.client as Client
  const base = {
    version: 1 as const,
    method: 'limited' as const,
    block: head.toString(),
    endpoint: session.endpointName,
    calls: input.calls.length,
    ...(input.maxGasFee !== undefined ? { maxGasFee: input.maxGasFee.toString() } : {}),
  }
  for (const [step, c] of input.calls.entries()) {
    try {
      await call(client, {
        account: input.account,
        to: c.to,
        value: c.value,
        ...(c.data ? { data: c.data } : {}),
        blockNumber: head,
      })
    } catch (error) {
      if (!isRevert(error)) throw error
      return {
        ...base,
        ok: false,
        revert: { step, reason: revertReason(error).slice(0, 300), alone: step > 0 },
        sender: [],
        receives: [],
        approvals: [],
        gaps: [],
        tokens: [],
      }
    }
  }
  const asked = askedBy(input.account, input.calls)
  const tokens = await readTokenInfo(client, asked, undefined, input.knownTokens, head)
  return {
    ...base,
    ok: true,
    ...(asked.opaque > 0 ? { opaque: asked.opaque } : {}),
    ...effectsOf(asked, [], tokens),
  }
}
