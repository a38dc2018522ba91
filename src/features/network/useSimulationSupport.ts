import { useQuery } from '@tanstack/react-query'
import { pendingSupport, probePendingSupport, probeWebSocket } from '../../core/proof/pendingSupport'
import { probeSimulationSupport, simulationSupport } from '../../core/proof/simulationSupport'
import { queryKeys } from '../../core/query/keys'
import { useRpcManager } from '../../shared/context/rpcContext'

const once = { staleTime: Number.POSITIVE_INFINITY, retry: false } as const

/**
 * Which endpoints of the chain answer eth_simulateV1: asked once per endpoint and session (the same memory the
 * outcome preview learns from and skips unsupported endpoints by).
 */
export function useSimulationSupport(chainId: number, endpointIds: readonly string[]) {
  const rpc = useRpcManager()
  return useQuery({
    queryKey: queryKeys.simulationSupport(chainId, endpointIds),
    queryFn: () => probeSimulationSupport(rpc.pool(chainId), simulationSupport),
    ...once,
  }).data
}

/** Which endpoints list pending transactions: the same memory the privacy verdict names its watch by. */
export function usePendingSupport(chainId: number, endpointIds: readonly string[]) {
  const rpc = useRpcManager()
  return useQuery({
    queryKey: queryKeys.pendingSupport(chainId, endpointIds),
    queryFn: () => probePendingSupport(rpc.pool(chainId), pendingSupport),
    ...once,
  }).data
}

/** Whether each WebSocket URL of the chain streams pending transactions (the watch's second half). */
export function useWebSocketSupport(chainId: number, urls: readonly string[]) {
  return useQuery({
    queryKey: queryKeys.webSocketSupport(chainId, urls),
    queryFn: async () => Promise.all(urls.map(async (url) => ({ url, state: await probeWebSocket(url) }))),
    enabled: urls.length > 0,
    ...once,
  }).data
}
