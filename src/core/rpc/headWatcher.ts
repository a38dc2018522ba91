import { z } from 'zod/mini'
import { quantity } from './http'
import { type SocketFactory, startSubscriptionSocket } from './reconnectingSocket'
import type { LiveState } from './types'

export type HeadWatcherOptions = {
  url: string
  /** The chain this socket must answer for (`eth_chainId`, asked on each connection before subscribing). */
  chainId: number
  /** The socket answered another chain: it is closed for good and reads poll (called once). */
  onWrongChain?: (actual: number | undefined) => void
  /** A new head, with its timestamp (seconds) when the node sent one. */
  onHead: (blockNumber: number, timestamp?: number) => void
  onState: (state: LiveState) => void
  /** Called once after each successful reconnect: blocks may have been missed while disconnected. */
  onCatchUp: () => void
  maxAttempts?: number
  baseDelayMs?: number
  socket?: SocketFactory
}

/** A head number is hex of at most 13 digits, so it stays a safe integer. */
const newHeadSchema = z.object({
  number: z.string().check(z.regex(/^0x[0-9a-fA-F]{1,13}$/)),
  timestamp: z.optional(z.string().check(z.regex(/^0x[0-9a-fA-F]{1,10}$/))),
})

/**
 * Live heads over `eth_subscribe('newHeads')`: live / reconnecting / polling is reported, and a catch-up refresh
 * is asked for after each reconnect (see reconnectingSocket.ts for why not viem's webSocket transport).
 */
export function startHeadWatcher(options: HeadWatcherOptions): { stop: () => void } {
  let everLive = false
  return startSubscriptionSocket({
    url: options.url,
    subscribe: ['newHeads'],
    socket: options.socket,
    maxAttempts: options.maxAttempts,
    baseDelayMs: options.baseDelayMs,
    // The same check as an HTTP endpoint's: heads from another chain would make every read look behind.
    verify: {
      method: 'eth_chainId',
      accept: (result) => quantity(result) === options.chainId,
      onRejected: (result) => {
        options.onState('polling')
        options.onWrongChain?.(quantity(result))
      },
    },
    onDown: (retrying) => options.onState(retrying ? 'reconnecting' : 'polling'),
    onLive: () => {
      options.onState('live')
      if (everLive) options.onCatchUp()
      everLive = true
    },
    onNotification: (result) => {
      const head = newHeadSchema.safeParse(result)
      if (!head.success) return
      const { number, timestamp } = head.data
      options.onHead(Number.parseInt(number, 16), timestamp ? Number.parseInt(timestamp, 16) : undefined)
    },
  })
}
