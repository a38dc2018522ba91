import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { useChainId } from 'wagmi'
import { watchVisibility } from '../core/rpc/visibility'
import { useRpcManager } from '../shared/context/rpc-context'

/**
 * Runs the endpoint probes and live heads for the chain in use only, pauses them while the page is hidden
 * for long, and turns WebSocket heads and reconnects into query refreshes.
 */
export function RpcLifecycle() {
  const rpc = useRpcManager()
  const chainId = useChainId()
  const queryClient = useQueryClient()

  useEffect(() => {
    rpc.setActiveChain(chainId)
  }, [rpc, chainId])

  useEffect(
    () => watchVisibility(document, { onHiddenLong: () => rpc.pause(), onVisible: () => rpc.resume() }),
    [rpc],
  )

  useEffect(() => {
    const offHead = rpc.onHead((id) => {
      void queryClient.invalidateQueries({ queryKey: ['blockNumber', { chainId: id }], exact: false })
    })
    // After a reconnect, blocks may have been missed: one refresh of everything read from the chain.
    const offCatchUp = rpc.onCatchUp(() => {
      void queryClient.invalidateQueries()
    })
    return () => {
      offHead()
      offCatchUp()
    }
  }, [rpc, queryClient])

  // Unmount (or StrictMode's trial unmount) stops every timer and socket; a remount starts them again.
  useEffect(() => {
    rpc.resume()
    return () => rpc.pause()
  }, [rpc])
  return null
}
