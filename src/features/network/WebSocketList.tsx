import type { PendingStreamState } from '../../core/rpc/pendingStream'
import { streamName } from '../../core/tx/track/pendingWatch'
import { useWebSocketSupport } from './useSimulationSupport'

const streamWords: Record<Exclude<PendingStreamState, 'connecting'>, string> = {
  live: 'streams pending transactions: Hush’s watch sees a transaction that goes public the moment it does',
  unsupported: 'connects, but refuses the pending-transaction stream',
  down: 'could not be reached',
}

/**
 * The chain's WebSocket endpoints and whether each streams pending transactions (checked once per session):
 * the half of the privacy watch that can cover the whole time a transaction is pending.
 */
export function WebSocketList({ chainId, urls }: { chainId: number; urls: readonly string[] }) {
  const support = useWebSocketSupport(chainId, urls)
  return (
    <>
      <h2>WebSocket</h2>
      {urls.length === 0 ? (
        <p className="muted" data-testid="websocket-none">
          No WebSocket endpoint is configured for this chain: the privacy watch can only look by hash, so a
          verdict is at most “likely private”.
        </p>
      ) : (
        <ul className="websocket-list">
          {urls.map((url, i) => {
            const state = support?.[i]?.state
            return (
              <li key={url} data-testid="websocket-support" data-support={state ?? 'checking'}>
                <strong>{streamName(url)}</strong>: {state ? streamWords[state] : 'checking…'}
              </li>
            )
          })}
        </ul>
      )}
    </>
  )
}
