import { z } from 'zod'
import { type SocketFactory, startSubscriptionSocket } from './reconnectingSocket'

export type PendingStreamState = 'connecting' | 'live' | 'unsupported' | 'down'

export type PendingStreamOptions = {
  url: string
  /** Every transaction hash the node announces as newly pending, with when it arrived. */
  onHash: (hash: string, at: number) => void
  /** `live` carries the time the subscription was confirmed: nothing before it was watched. */
  onState: (state: PendingStreamState, at: number) => void
  socket?: SocketFactory
  now?: () => number
  maxAttempts?: number
  baseDelayMs?: number
}

const hashSchema = z.string().regex(/^0x[0-9a-fA-F]{64}$/)

/**
 * A node's public pool as it fills: `eth_subscribe('newPendingTransactions')` on one WebSocket endpoint. Pushed,
 * so it costs no request per block. A node that refuses the subscription is `unsupported` (not retried); a lost
 * connection is retried a few times, and each new subscription is `live` only from its own confirmation (what
 * the node announced while disconnected is lost, so coverage restarts then).
 */
export function startPendingStream(options: PendingStreamOptions): { stop: () => void } {
  const now = options.now ?? Date.now
  return startSubscriptionSocket({
    url: options.url,
    subscribe: ['newPendingTransactions'],
    socket: options.socket,
    maxAttempts: options.maxAttempts,
    baseDelayMs: options.baseDelayMs,
    onConnecting: () => options.onState('connecting', now()),
    onDown: () => options.onState('down', now()),
    onLive: () => options.onState('live', now()),
    onRefused: () => options.onState('unsupported', now()),
    onNotification: (result) => {
      const hash = hashSchema.safeParse(result)
      if (hash.success) options.onHash(hash.data.toLowerCase(), now())
    },
  })
}
