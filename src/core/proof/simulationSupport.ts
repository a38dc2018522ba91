import { errorCode, isUnsupportedMethod } from '../errors/predicates'

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
