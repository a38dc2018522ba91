import { z } from 'zod'
import type { SocketFactory } from './head-watcher'

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

const subscribeReplySchema = z.object({
  id: z.literal(1),
  result: z.unknown().optional(),
  error: z.unknown().optional(),
})
const notificationSchema = z.object({
  method: z.literal('eth_subscription'),
  params: z.object({ result: z.string().regex(/^0x[0-9a-fA-F]{64}$/) }),
})

const browserSocket: SocketFactory = (url) => new WebSocket(url) as unknown as ReturnType<SocketFactory>

/**
 * A node's public pool as it fills: `eth_subscribe('newPendingTransactions')` on one WebSocket endpoint. Pushed,
 * so it costs no request per block. A node that refuses the subscription is `unsupported` (not retried); a lost
 * connection is retried a few times, and each new subscription is `live` only from its own confirmation (what
 * the node announced while disconnected is lost, so coverage restarts then). Written beside the head watcher
 * rather than with viem's webSocket transport for the same reason: viem hides the connection state.
 */
export function startPendingStream(options: PendingStreamOptions): { stop: () => void } {
  const now = options.now ?? Date.now
  const maxAttempts = options.maxAttempts ?? 5
  const baseDelayMs = options.baseDelayMs ?? 1_000
  const factory = options.socket ?? browserSocket
  let socket: ReturnType<SocketFactory> | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let attempts = 0
  let stopped = false

  const retry = () => {
    if (stopped) return
    socket = undefined
    attempts++
    options.onState('down', now())
    if (attempts > maxAttempts) return
    const delay = baseDelayMs * 2 ** (attempts - 1)
    timer = setTimeout(connect, delay / 2 + Math.random() * (delay / 2))
  }

  function connect() {
    timer = undefined
    if (stopped) return
    options.onState('connecting', now())
    let s: ReturnType<SocketFactory>
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
      s.send(
        JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'eth_subscribe',
          params: ['newPendingTransactions'],
        }),
      )
    s.onmessage = (ev) => {
      let json: unknown
      try {
        json = JSON.parse(String(ev.data))
      } catch {
        return
      }
      const note = notificationSchema.safeParse(json)
      if (note.success) {
        options.onHash(note.data.params.result.toLowerCase(), now())
        return
      }
      const reply = subscribeReplySchema.safeParse(json)
      if (!reply.success) return
      if (reply.data.error || typeof reply.data.result !== 'string') {
        // The node does not offer the stream: say so once and leave it.
        closed = true
        stopped = true
        s.onclose = null
        s.onerror = null
        s.close()
        options.onState('unsupported', now())
        return
      }
      attempts = 0
      options.onState('live', now())
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
