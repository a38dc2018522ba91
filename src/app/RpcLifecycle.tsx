import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { useChainId } from 'wagmi'
import { refreshChainReads } from '../core/query/invalidate'
import { watchVisibility } from '../core/rpc/visibility'
import { useRpcManager } from '../shared/context/rpcContext'

/**
 * Runs the endpoint probes, the block clock and live heads for the chain in use only, pauses them while the
 * page is hidden for long, and turns a WebSocket reconnect into a refresh of the chain's reads.
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

  // After a reconnect, blocks may have been missed: one refresh of everything read from that chain. (Each new
  // head is followed by the pages that need it, e.g. the Wallet's balances.)
  useEffect(
    () =>
      rpc.onCatchUp((id) => {
        void refreshChainReads(queryClient, id)
      }),
    [rpc, queryClient],
  )

  // Unmount (or StrictMode's trial unmount) stops every timer and socket; a remount starts them again.
  useEffect(() => {
    rpc.resume()
    return () => rpc.pause()
  }, [rpc])
  return null
}
