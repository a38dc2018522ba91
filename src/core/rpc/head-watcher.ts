import { z } from 'zod'
import type { LiveState } from './types'

type SocketLike = {
  onopen: ((ev: unknown) => void) | null
  onmessage: ((ev: { data: unknown }) => void) | null
  onclose: ((ev: unknown) => void) | null
  onerror: ((ev: unknown) => void) | null
  send: (data: string) => void
  close: () => void
}
export type SocketFactory = (url: string) => SocketLike

export type HeadWatcherOptions = {
  url: string
  /** A new head, with its timestamp (seconds) when the node sent one. */
  onHead: (blockNumber: number, timestamp?: number) => void
  onState: (state: LiveState) => void
  /** Called once after each successful reconnect: blocks may have been missed while disconnected. */
  onCatchUp: () => void
  maxAttempts?: number
  baseDelayMs?: number
  socket?: SocketFactory
}

const subscribeReplySchema = z.object({
  id: z.literal(1),
  result: z.unknown().optional(),
  error: z.unknown().optional(),
})
/** A head number is hex of at most 13 digits, so it stays a safe integer. */
const newHeadSchema = z.object({
  method: z.literal('eth_subscription'),
  params: z.object({
    result: z.object({
      number: z.string().regex(/^0x[0-9a-fA-F]{1,13}$/),
      timestamp: z
        .string()
        .regex(/^0x[0-9a-fA-F]{1,10}$/)
        .optional(),
    }),
  }),
})

const browserSocket: SocketFactory = (url) => new WebSocket(url) as unknown as SocketLike

/**
 * Live heads over `eth_subscribe('newHeads')`. Written here rather than with viem's webSocket transport because
 * viem clears subscriptions silently after its last reconnect attempt and exposes no connection state; we
 * need live / reconnecting / polling visible and a catch-up refresh after each reconnect.
 */
export function startHeadWatcher(options: HeadWatcherOptions): { stop: () => void } {
  const maxAttempts = options.maxAttempts ?? 5
  const baseDelayMs = options.baseDelayMs ?? 1_000
  const factory = options.socket ?? browserSocket
  let socket: SocketLike | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let attempts = 0
  let everLive = false
  let stopped = false

  const retry = () => {
    if (stopped) return
    socket = undefined
    attempts++
    if (attempts > maxAttempts) {
      options.onState('polling')
      return
    }
    options.onState('reconnecting')
    const delay = baseDelayMs * 2 ** (attempts - 1)
    timer = setTimeout(connect, delay / 2 + Math.random() * (delay / 2))
  }

  function connect() {
    timer = undefined
    if (stopped) return
    let s: SocketLike
    try {
      s = factory(options.url)
    } catch {
      retry()
      return
    }
    socket = s
    let closed = false
    const onDown = () => {
      if (closed) return
      closed = true
      retry()
    }
    s.onopen = () =>
      s.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_subscribe', params: ['newHeads'] }))
    s.onmessage = (ev) => {
      let json: unknown
      try {
        json = JSON.parse(String(ev.data))
      } catch {
        return
      }
      const reply = subscribeReplySchema.safeParse(json)
      if (reply.success) {
        if (reply.data.error || typeof reply.data.result !== 'string') {
          s.close()
          return
        }
        attempts = 0
        options.onState('live')
        if (everLive) options.onCatchUp()
        everLive = true
        return
      }
      const head = newHeadSchema.safeParse(json)
      if (head.success) {
        const { number, timestamp } = head.data.params.result
        options.onHead(Number.parseInt(number, 16), timestamp ? Number.parseInt(timestamp, 16) : undefined)
      }
    }
    s.onclose = onDown
    s.onerror = onDown
  }

  connect()
  return {
    stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      timer = undefined
      const s = socket
      socket = undefined
      if (s) {
        s.onclose = null
        s.onerror = null
        s.onmessage = null
        try {
          s.close()
        } catch {
          // already closed
        }
      }
    },
  }
}
