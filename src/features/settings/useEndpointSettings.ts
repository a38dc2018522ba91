import { useSyncExternalStore } from 'react'
import { findChain } from '../../core/config/chains'
import {
  type ChainEndpointSettings,
  endpointEdits,
  type NewEndpointInput,
  resolveEndpoints,
} from '../../core/rpc/endpoints'
import { useRuntimeConfig } from '../../shared/context/configContext'
import { useRpcManager } from '../../shared/context/rpcContext'

/** One chain's endpoint list with the user's edits, persisted and applied to the live pool at once. */
export function useEndpointSettings(chainId: number) {
  const rpc = useRpcManager()
  const config = useRuntimeConfig()
  const all = useSyncExternalStore(rpc.subscribeSettings, rpc.getSettings)
  const chain = findChain(config, chainId)
  const settings = rpc.chainSettings(chainId)
  const endpoints = chain ? resolveEndpoints(chain, all[String(chainId)]) : []
  const update = (next: ChainEndpointSettings) => rpc.updateChainSettings(chainId, next)
  return {
    chain,
    endpoints,
    add: (input: NewEndpointInput) => update(endpointEdits.add(settings, input)),
    remove: (id: string) => update(endpointEdits.remove(settings, id)),
    setEnabled: (id: string, enabled: boolean) => update(endpointEdits.setEnabled(settings, id, enabled)),
    move: (id: string, delta: -1 | 1) => update(endpointEdits.move(settings, endpoints, id, delta)),
    reset: () => update(endpointEdits.reset()),
  }
}
