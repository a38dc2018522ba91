import { createRequire } from 'node:module'

/** `ws` ships with viem; Node 20 has no WebSocket server of its own. Typed here to what the proxy uses. */
type Socket = {
  readyState: number
  send: (data: unknown) => void
  close: () => void
  terminate: () => void
  on: (event: 'message' | 'close' | 'error' | 'open', fn: (data?: unknown) => void) => void
}
type Server = {
  on: (event: 'connection', fn: (socket: Socket) => void) => void
  close: (fn: () => void) => void
  address: () => { port: number }
}
const require = createRequire(import.meta.url)
const ws = require('ws') as {
  WebSocket: new (url: string) => Socket
  WebSocketServer: new (options: { host: string; port: number }, ready?: () => void) => Server
}
export const NodeWebSocket = ws.WebSocket

export type WsStats = { requests: number; byMethod: Record<string, number>; pushed: number }

/**
 * A WebSocket proxy on 127.0.0.1 that counts JSON-RPC requests (by method) and pushed notifications, so a
 * client reading over WebSocket is measured like one reading over HTTP.
 */
export async function startWsCounter(upstream: string) {
  const stats: WsStats = { requests: 0, byMethod: {}, pushed: 0 }
  const sockets = new Set<Socket>()
  const server = await new Promise<Server>((resolve) => {
    const s: Server = new ws.WebSocketServer({ host: '127.0.0.1', port: 0 }, () => resolve(s))
  })
  server.on('connection', (client) => {
    const target = new ws.WebSocket(upstream)
    sockets.add(client)
    sockets.add(target)
    const queue: unknown[] = []
    target.on('open', () => {
      for (const m of queue.splice(0)) target.send(m)
    })
    client.on('message', (data) => {
      try {
        const body = JSON.parse(String(data)) as { method?: string } | Array<{ method?: string }>
        for (const call of Array.isArray(body) ? body : [body]) {
          stats.requests++
          const method = call.method ?? '?'
          stats.byMethod[method] = (stats.byMethod[method] ?? 0) + 1
        }
      } catch {
        // not JSON-RPC: relayed as is
      }
      if (target.readyState === 1) target.send(String(data))
      else queue.push(String(data))
    })
    target.on('message', (data) => {
      if (String(data).includes('"eth_subscription"')) stats.pushed++
      if (client.readyState === 1) client.send(String(data))
    })
    const close = () => {
      client.terminate()
      target.terminate()
      sockets.delete(client)
      sockets.delete(target)
    }
    client.on('close', close)
    target.on('close', close)
    client.on('error', close)
    target.on('error', close)
  })
  return {
    url: `ws://127.0.0.1:${server.address().port}`,
    stats,
    reset() {
      stats.requests = 0
      stats.pushed = 0
      for (const k of Object.keys(stats.byMethod)) delete stats.byMethod[k]
    },
    async stop() {
      for (const s of sockets) s.terminate()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
