import type { ChainConfig } from '../../core/config/schema'
import { createPendingWatch } from '../../core/tx/track/pendingWatch'

type Watch = ReturnType<typeof createPendingWatch>

/** One pending-transaction watch per chain for the whole app, rebuilt when the chain's WebSocket URLs change. */
const watches = new Map<number, { urls: string; watch: Watch }>()

export function pendingStreamsFor(chain: ChainConfig | undefined): Watch | undefined {
  if (!chain?.ws?.length) return undefined
  const urls = chain.ws.join(' ')
  let entry = watches.get(chain.id)
  if (entry && entry.urls !== urls) {
    entry.watch.dispose()
    entry = undefined
  }
  if (!entry) {
    entry = { urls, watch: createPendingWatch({ urls: chain.ws }) }
    watches.set(chain.id, entry)
  }
  return entry.watch
}

/** Streams are open only for chains with a protected transaction being sent or pending. */
export function setActiveStreams(chains: readonly ChainConfig[], active: ReadonlySet<number>): void {
  for (const chain of chains) pendingStreamsFor(chain)?.setActive(active.has(chain.id))
}
