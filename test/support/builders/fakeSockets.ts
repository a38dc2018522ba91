import type { SocketFactory } from '../../../src/core/rpc/reconnectingSocket'

export type FakeSocket = ReturnType<SocketFactory> & { url: string; sent: string[]; closed: boolean }

/** WebSockets a test drives by hand: each one made is kept, with what was sent on it; `failFirst` factory calls throw. */
export function fakeSockets(options: { failFirst?: number } = {}) {
  const made: FakeSocket[] = []
  let failures = options.failFirst ?? 0
  const factory: SocketFactory = (url) => {
    if (failures-- > 0) throw new Error('refused by the browser')
    const s: FakeSocket = {
      url,
      sent: [],
      closed: false,
      onopen: null,
      onmessage: null,
      onclose: null,
      onerror: null,
      send: (data) => void s.sent.push(data),
      close: () => {
        s.closed = true
      },
    }
    made.push(s)
    return s
  }
  return { made, factory }
}

/** A JSON message from the node on this socket. */
export const push = (s: FakeSocket, body: unknown) => s.onmessage?.({ data: JSON.stringify(body) })
