import type { Address, Client, Hex, Log } from 'viem'
import { simulateCalls } from 'viem/actions'
import { revertReason } from '../batch/simulate'
import { classifyError } from '../errors/classify'
import type { EndpointPool, EndpointSession } from '../rpc/pool'
import { askedBy, gapsBetween, type PlainCall } from './asked'
import { flowsFromLogs } from './flows'
import { limitedPreview } from './limitedPreview'
import { effectsOf, type Preview, type TokenInfo } from './outcome'
import { meansUnsupported, type SimulationSupportMemory } from './simulationSupport'
import { readTokenInfo } from './tokenInfo'

export type PreviewInput = {
  account: Address
  /** The exact calls the wallet will be asked for, in order (one for Send). */
  calls: readonly PlainCall[]
  maxGasFee?: bigint | undefined
  /** Tokens the app already knows (config and user tokens): no read for their symbol and decimals. */
  knownTokens: readonly TokenInfo[]
}

export type PreviewDeps = {
  pool: Pick<EndpointPool, 'chainId' | 'endpoints' | 'withEndpoint'>
  support: SimulationSupportMemory
  now?: () => number
}

/**
 * The outcome preview shown before the wallet prompt. Simulates the calls with `eth_simulateV1` on the first
 * read endpoint that supports it (each endpoint's support is learnt from its first answer and remembered);
 * with none, a labelled limited preview from `eth_call` and the calls' own data. A read failure throws: it is
 * "could not preview", never an empty preview.
 */
export async function previewOutcome(deps: PreviewDeps, input: PreviewInput): Promise<Preview> {
  const chainId = deps.pool.chainId
  const now = deps.now ?? Date.now
  const enabled = deps.pool.endpoints().filter((e) => e.enabled)
  for (let round = 0; round <= enabled.length; round++) {
    const exclude = deps.support.unsupported(chainId)
    if (enabled.every((e) => exclude.includes(e.id))) break
    const { value, endpointId } = await deps.pool.withEndpoint((session) => simulateOn(session, input), {
      exclude,
    })
    deps.support.set(chainId, endpointId, value === 'unsupported' ? 'unsupported' : 'supported')
    if (value !== 'unsupported') return { ...value, at: now() }
  }
  const { value } = await deps.pool.withEndpoint((session) => limitedPreview(session, input))
  return { ...value, at: now() }
}

type Simulation = { results: readonly { status: string; error?: Error; data: Hex; logs?: Log[] }[] }

async function simulateOn(
  session: EndpointSession,
  input: PreviewInput,
): Promise<Omit<Preview, 'at'> | 'unsupported'> {
  const head = await session.head()
  let simulated: Simulation
  try {
    simulated = await simulateCalls(session.client as Client, {
      account: input.account,
      calls: input.calls.map((c) => ({ to: c.to, value: c.value, ...(c.data ? { data: c.data } : {}) })),
      traceTransfers: true,
      blockNumber: head,
    })
  } catch (error) {
    if (meansUnsupported(error)) return 'unsupported'
    const classified = classifyError(error, { method: 'eth_simulateV1' })
    // The node refused the whole block (not enough ETH for the values…): an answer, shown as a failure.
    if (classified.category !== 'insufficient-funds' && classified.category !== 'reverted') throw error
    return failed(session, input, head, { step: 0, reason: classified.message, alone: false })
  }
  const failedAt = simulated.results.findIndex((r) => r.status !== 'success')
  if (failedAt >= 0) {
    const r = simulated.results[failedAt]!
    return failed(session, input, head, {
      step: failedAt,
      reason: revertReason(r.error, r.data),
      alone: false,
    })
  }
  const logs = simulated.results.flatMap((r) => r.logs ?? [])
  const flows = flowsFromLogs(input.account, logs)
  const asked = askedBy(input.account, input.calls)
  const gaps = gapsBetween(asked.receives, flows.receives)
  const tokens = await readTokenInfo(session.client as Client, flows, asked, input.knownTokens, head)
  return {
    version: 1,
    method: 'simulated',
    block: head.toString(),
    endpoint: session.endpointName,
    calls: input.calls.length,
    ok: true,
    ...(input.maxGasFee !== undefined ? { maxGasFee: input.maxGasFee.toString() } : {}),
    ...effectsOf(flows, gaps, tokens),
  }
}

function failed(
  session: EndpointSession,
  input: PreviewInput,
  head: bigint,
  revert: NonNullable<Preview['revert']>,
): Omit<Preview, 'at'> {
  return {
    version: 1,
    method: 'simulated',
    block: head.toString(),
    endpoint: session.endpointName,
    calls: input.calls.length,
    ok: false,
    revert: { ...revert, reason: revert.reason.slice(0, 300) },
    ...(input.maxGasFee !== undefined ? { maxGasFee: input.maxGasFee.toString() } : {}),
    sender: [],
    receives: [],
    approvals: [],
    gaps: [],
    tokens: [],
  }
}
