import { createPublicClient, type Hex, webSocket } from 'viem'
import { upstreamClient } from './upstream'

export type MempoolSightings = { subscription: boolean; txpool: boolean; pendingByHash: boolean }

/**
 * Watches an Anvil node's public mempool three ways at once: a `newPendingTransactions` WebSocket
 * subscription, `txpool_content` polling, and `eth_getTransactionByHash` polling of tracked hashes for an
 * answer with `blockNumber: null` (known to the node but not yet in a block).
 */
export async function startMempoolWatcher(node: { url: string; wsUrl: string }, pollMs = 20) {
  const upstream = upstreamClient(node.url, 5000)
  const bySubscription = new Set<string>()
  const byTxpool = new Set<string>()
  const byHash = new Set<string>()
  const tracked = new Set<Hex>()
  let polls = 0
  let stopped = false

  const client = createPublicClient({ transport: webSocket(node.wsUrl, { reconnect: false }) })
  const unwatch = client.watchPendingTransactions({
    onTransactions: (hashes) => {
      for (const h of hashes) bySubscription.add(h.toLowerCase())
    },
    onError: () => undefined,
  })
  // The subscription is set up asynchronously inside viem: give it a moment before callers send anything.
  await new Promise((r) => setTimeout(r, 300))

  type TxpoolContent = Record<'pending' | 'queued', Record<string, Record<string, { hash: Hex }>>>
  const loop = (async () => {
    const deadline = Date.now() + 5 * 60_000
    while (!stopped && Date.now() < deadline) {
      try {
        const content = await upstream.call<TxpoolContent>('txpool_content')
        for (const group of [content.pending, content.queued])
          for (const byNonce of Object.values(group ?? {}))
            for (const tx of Object.values(byNonce)) byTxpool.add(tx.hash.toLowerCase())
        for (const hash of tracked) {
          const tx = await upstream.call<{ blockNumber: Hex | null } | null>('eth_getTransactionByHash', [
            hash,
          ])
          if (tx && tx.blockNumber === null) byHash.add(hash.toLowerCase())
        }
        polls += 1
      } catch {
        // node busy or stopping: keep polling until stopped
      }
      await new Promise((r) => setTimeout(r, pollMs))
    }
  })()

  return {
    /** Also poll this hash with eth_getTransactionByHash (start before sending to close every gap). */
    track: (hash: Hex) => void tracked.add(hash),
    sightings: (hash: Hex): MempoolSightings => ({
      subscription: bySubscription.has(hash.toLowerCase()),
      txpool: byTxpool.has(hash.toLowerCase()),
      pendingByHash: byHash.has(hash.toLowerCase()),
    }),
    polls: () => polls,
    stop: async () => {
      stopped = true
      unwatch()
      await loop
      await client.transport
        .getRpcClient?.()
        .then((c: { close: () => void }) => c.close())
        .catch(() => undefined)
    },
  }
}
