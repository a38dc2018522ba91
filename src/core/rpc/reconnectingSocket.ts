import { z } from 'zod/mini'

type SocketLike = {
  onopen: ((ev: unknown) => void) | null
  onmessage: ((ev: { data: unknown }) => void) | null
  onclose: ((ev: unknown) => void) | null
  onerror: ((ev: unknown) => void) | null
  send: (data: string) => void
  close: () => void
}
export type SocketFactory = (url: string) => SocketLike

export type SubscriptionSocketOptions = {
  url: string
  /** The `eth_subscribe` params, e.g. `['newHeads']`. */
  subscribe: readonly unknown[]
  /** Each `eth_subscription` notification's `result`, unchecked. */
  onNotification: (result: unknown) => void
  /** The node confirmed the subscription (after the first connection and after each reconnect). */
  onLive: () => void
  /** The connection was lost or could not be made; `retrying` is false once `maxAttempts` are spent. */
  onDown: (retrying: boolean) => void
  /** Before each connection attempt. */
  onConnecting?: () => void
  /**
   * The node refused the subscription. Without this callback the socket is closed and, once it is down,
   * reconnected like a lost one; with it, the socket is closed for good and then this is called.
   */
  onRefused?: () => void
  maxAttempts?: number
  baseDelayMs?: number
  socket?: SocketFactory
  /**
   * Asked on each connection before subscribing (e.g. `eth_chainId`): an answer `accept` refuses closes the
   * socket for good and calls `onRejected` with it; nothing from that socket is ever passed on.
   */
  verify?: { method: string; accept: (result: unknown) => boolean; onRejected: (result: unknown) => void }
}

const verifyReplySchema = z.object({ id: z.literal(0), result: z.optional(z.unknown()) })
const subscribeReplySchema = z.object({
  id: z.literal(1),
  result: z.optional(z.unknown()),
  error: z.optional(z.unknown()),
})
const notificationSchema = z.object({
  method: z.literal('eth_subscription'),
  params: z.object({ result: z.unknown() }),
})

const browserSocket: SocketFactory = (url) => new WebSocket(url) as unknown as SocketLike

/**
 * One `eth_subscribe` on a WebSocket that reconnects with jittered exponential back-off after a loss and stops
 * cleanly. Written here rather than with viem's webSocket transport because viem clears subscriptions silently
 * after its last reconnect attempt and exposes no connection state; Hush shows that state and acts on each
 * reconnect. Notifications are dispatched before replies: a JSON-RPC reply never carries `method`.
 */
// Over 80 lines: one socket's life (connect, subscribe, dispatch, back off); its closures share the connection state.
export function startSubscriptionSocket(options: SubscriptionSocketOptions): { stop: () => void } {
  const maxAttempts = options.maxAttempts ?? 5
  const baseDelayMs = options.baseDelayMs ?? 1_000
  const factory = options.socket ?? browserSocket
  let socket: SocketLike | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let attempts = 0
  let stopped = false

  const retry = () => {
    if (stopped) return
    socket = undefined
    attempts++
    const retrying = attempts <= maxAttempts
    options.onDown(retrying)
    if (!retrying) return
    const delay = baseDelayMs * 2 ** (attempts - 1)
    timer = setTimeout(connect, delay / 2 + Math.random() * (delay / 2))
  }

  function connect() {
    timer = undefined
    if (stopped) return
    options.onConnecting?.()
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
    const subscribe = () =>
      s.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_subscribe', params: options.subscribe }))
    const verify = options.verify
    let verified = !verify
    const closeForGood = () => {
      closed = true
      stopped = true
      s.onclose = null
      s.onerror = null
      s.close()
    }
    s.onopen = () =>
      verify
        ? s.send(JSON.stringify({ jsonrpc: '2.0', id: 0, method: verify.method, params: [] }))
        : subscribe()
    s.onmessage = (ev) => {
      let json: unknown
      try {
        json = JSON.parse(String(ev.data))
      } catch {
        return
      }
      if (!verified) {
        const answer = verifyReplySchema.safeParse(json)
        if (!answer.success || !verify) return
        if (!verify.accept(answer.data.result)) {
          closeForGood()
          verify.onRejected(answer.data.result)
          return
        }
        verified = true
        subscribe()
        return
      }
      const note = notificationSchema.safeParse(json)
      if (note.success) {
        options.onNotification(note.data.params.result)
        return
      }
      const reply = subscribeReplySchema.safeParse(json)
      if (!reply.success) return
      if (reply.data.error || typeof reply.data.result !== 'string') {
        if (!options.onRefused) {
          s.close()
          return
        }
        closeForGood()
        options.onRefused()
        return
      }
      attempts = 0
      options.onLive()
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
