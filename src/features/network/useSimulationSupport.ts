import { useQuery } from '@tanstack/react-query'
import { probeSimulationSupport, simulationSupport } from '../../core/proof/simulationSupport'
import { queryKeys } from '../../core/query/keys'
import { useRpcManager } from '../../shared/context/rpcContext'

/**
 * Which endpoints of the chain answer eth_simulateV1: asked once per endpoint and session (the same memory the
 * outcome preview learns from and skips unsupported endpoints by).
 */
export function useSimulationSupport(chainId: number, endpointIds: readonly string[]) {
  const rpc = useRpcManager()
  return useQuery({
    queryKey: queryKeys.simulationSupport(chainId, endpointIds),
    queryFn: () => probeSimulationSupport(rpc.pool(chainId), simulationSupport),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  }).data
}
