import type { Client } from 'viem'
import { errorCode, isUnsupportedMethod } from '../errors/predicates'
import type { EndpointPool, EndpointSession } from '../rpc/pool'

/**
 * Whether an endpoint answers `eth_simulateV1`, learnt from its first answer to a real preview (no separate
 * probe request); absent from the memory until an answer was clear.
 */
export type SimulationSupport = 'supported' | 'unsupported'

/** An answer that says "this endpoint does not have the method" (not a failure of the read). */
export function meansUnsupported(error: unknown): boolean {
  const code = errorCode(error)
  return code === -32601 || code === -32600 || isUnsupportedMethod(error)
}

/**
 * What each endpoint said about `eth_simulateV1`, remembered for the session (keyed by chain and endpoint
 * URL), so each endpoint is probed once. `markUnsupported` also records a real simulation that was refused.
 */
export function createSimulationSupportMemory() {
  const known = new Map<string, SimulationSupport>()
  const key = (chainId: number, endpointId: string) => `${chainId} ${endpointId}`
  return {
    get: (chainId: number, endpointId: string) => known.get(key(chainId, endpointId)),
    set(chainId: number, endpointId: string, support: SimulationSupport) {
      known.set(key(chainId, endpointId), support)
    },
    /** The endpoints of this chain known not to simulate (to leave them out of a simulation session). */
    unsupported(chainId: number): string[] {
      const prefix = `${chainId} `
      return [...known]
        .filter(([k, v]) => k.startsWith(prefix) && v === 'unsupported')
        .map(([k]) => k.slice(prefix.length))
    },
    /** Re-probes everything (tests; an endpoint list change keeps what is still true). */
    clear: () => known.clear(),
  }
}

export type SimulationSupportMemory = ReturnType<typeof createSimulationSupportMemory>

/** The app's one memory (per page load). */
export const simulationSupport = createSimulationSupportMemory()

type ProbePool = Pick<EndpointPool, 'chainId' | 'endpoints' | 'withEndpoint'>

/** The smallest eth_simulateV1 request: one empty call from and to the zero address at the head. */
const probeParams = [
  {
    blockStateCalls: [
      {
        calls: [
          {
            from: '0x0000000000000000000000000000000000000000',
            to: '0x0000000000000000000000000000000000000000',
          },
        ],
      },
    ],
  },
  'latest',
]

/**
 * Asks each enabled endpoint not yet known (once per endpoint and session) whether it has `eth_simulateV1`, for
 * the Network page. Only a clear answer is remembered: a failed read leaves the endpoint "not checked".
 */
export async function probeSimulationSupport(
  pool: ProbePool,
  memory: SimulationSupportMemory,
): Promise<Record<string, SimulationSupport | 'unknown'>> {
  const endpoints = pool.endpoints().filter((e) => e.enabled)
  const answers: Record<string, SimulationSupport | 'unknown'> = {}
  for (const endpoint of endpoints) {
    const known = memory.get(pool.chainId, endpoint.id)
    if (known) {
      answers[endpoint.id] = known
      continue
    }
    const others = endpoints.filter((e) => e.id !== endpoint.id).map((e) => e.id)
    // The "no such method" answer is caught inside the session, so failover does not take it for a broken endpoint.
    const ask = async (session: EndpointSession) => {
      try {
        await (session.client as Client).request({ method: 'eth_simulateV1', params: probeParams } as never)
        return 'supported' as const
      } catch (error) {
        if (meansUnsupported(error)) return 'unsupported' as const
        throw error
      }
    }
    const answer = await pool.withEndpoint(ask, { exclude: others }).catch(() => undefined)
    if (answer) memory.set(pool.chainId, endpoint.id, answer.value)
    answers[endpoint.id] = memory.get(pool.chainId, endpoint.id) ?? 'unknown'
  }
  return answers
}
