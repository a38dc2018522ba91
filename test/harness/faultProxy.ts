import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Server, Socket } from 'node:net'
import { type LiarMode, lie, lieOverSocket, type SocketLie } from './liar'

export type FaultMode =
  | 'pass'
  | 'refuse'
  | 'hang'
  | 'http500'
  | '429'
  | 'malformed'
  | 'wrong-chain'
  | 'lagging'
  | 'slow'
  | 'drop'
  | 'fail-methods'
  | 'strip-methods'
  // Liars: the endpoint answers, and lies (see `lie`).
  | 'heads-ahead'
  | 'forged-receipt'
  | 'forged-balance'
  | 'absurd-fees'

export type FaultOptions = {
  /** `429`: seconds in the Retry-After header (default 1). */
  retryAfterSeconds?: number
  /** `wrong-chain`: the chain id answered (default 1). */
  chainId?: number
  /** `lagging`: how many blocks behind upstream the head is reported (default 5). */
  lagBlocks?: number
  /** `slow`: delay range in ms (default 1000–3000). */
  minDelayMs?: number
  maxDelayMs?: number
  /** `drop`: share of requests whose connection is destroyed without an answer (default 0.5). */
  dropRate?: number
  /** `hang`: a hung request is destroyed after this long at the latest (default 30 s), so nothing lives forever. */
  hangMs?: number
  /**
   * `fail-methods`: calls of these methods get a JSON-RPC error (-32603); every other call passes.
   * `strip-methods`: the node does not have these methods (-32601 "method not found"), as many public RPCs lack
   * eth_simulateV1.
   */
  methods?: string[]
  /**
   * Liar modes: blocks added to the head it reports (eth_blockNumber, and newHeads over WebSocket). Default 3
   * for `heads-ahead`, 2 for the forged modes (enough to make honest endpoints look behind), 0 otherwise.
   */
  leadBlocks?: number
  /** `forged-balance`: the balance (wei) answered for every account and token (default 1,000,000 ETH). */
  forgedBalance?: bigint
  /** `absurd-fees`: the base fee and tips fee history answers, in gwei (default 90,000: under the old bound). */
  feeGwei?: number
}

export type FaultProxyStats = { httpRequests: number; rpcCalls: number; byMethod: Record<string, number> }

/**
 * Ordering controls, on top of any mode, to reproduce races on purpose: which endpoint answers first, one
 * method failing while others pass, one endpoint's head standing still or jumping backwards.
 */
export type FaultControls = {
  /** Milliseconds to wait before answering a request containing this method (`'*'`: every request). */
  delayMs?: Record<string, number>
  /** Answers are computed when the request arrives but held until `release()`. */
  hold?: boolean
  /** Fail requests containing this method: a JSON-RPC error for that call only, HTTP 500, or no answer. */
  failMethods?: Record<string, 'rpc-error' | 'http500' | 'hang'>
  /** The head stands still at this block: eth_blockNumber answers it, and "latest" reads are answered there. */
  frozenHead?: bigint
  /** Raw `result` for every call of a method, whatever upstream says (absurd or hostile values). */
  results?: Record<string, unknown>
}

export type FaultProxy = {
  url: string
  port: number
  mode: () => FaultMode
  /** Resolves once the mode is in effect (for `refuse`: the listener is closed). */
  setMode: (mode: FaultMode, options?: FaultOptions) => Promise<void>
  stats: FaultProxyStats
  resetStats: () => void
  /** Replaces the ordering controls (see FaultControls); `{}` clears them. */
  setControls: (controls: FaultControls) => void
  /** Sends the held answers: in arrival order, or newest first. Resolves once they are written. */
  release: (order?: 'arrival' | 'reverse') => Promise<void>
  /** The JSON-RPC ids of the held answers, in the order the proxy sent them. */
  released: () => unknown[]
  /** How many answers are held right now. */
  held: () => number
  /** The block upstream is at now. */
  upstreamHead: () => Promise<bigint>
  /** The same proxy over WebSocket (relayed to upstream's WebSocket; lies as `setSocketLie` says). */
  wsUrl: string
  /** A WebSocket liar: another chain's id and heads ahead; undefined relays honestly. */
  setSocketLie: (lie: SocketLie | undefined) => void
  stop: () => Promise<void>
}

type RpcRequest = { jsonrpc?: string; id?: unknown; method?: string; params?: unknown[] }

const MAX_BODY = 5 * 1024 * 1024
const UPSTREAM_TIMEOUT_MS = 15_000

/**
 * A JSON-RPC proxy on 127.0.0.1 in front of a real node, injecting one fault at a time. Every timer it starts
 * is bounded and cleared on stop; open sockets (including hung ones) are destroyed on stop.
 */
export async function startFaultProxy(options: { upstream: string; port?: number }): Promise<FaultProxy> {
  let mode: FaultMode = 'pass'
  let socketLie: SocketLie | undefined
  const relay = lieOverSocket(options.upstream.replace(/^http/, 'ws'), () => socketLie)
  let faultOptions: FaultOptions = {}
  let controls: FaultControls = {}
  const heldAnswers: Array<{ resolve: () => void; ids: unknown[] }> = []
  const releasedIds: unknown[] = []
  let stopped = false
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()
  const stats: FaultProxyStats = { httpRequests: 0, rpcCalls: 0, byMethod: {} }

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer)
      fn()
    }, ms)
    timers.add(timer)
    return timer
  }

  const upstreamCall = async (body: unknown): Promise<Response> =>
    fetch(options.upstream, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
    })

  const upstreamHead = async (): Promise<bigint> => {
    const response = await upstreamCall({ jsonrpc: '2.0', id: 0, method: 'eth_blockNumber', params: [] })
    const json = (await response.json()) as { result: string }
    return BigInt(json.result)
  }

  const count = (calls: RpcRequest[]) => {
    stats.httpRequests++
    for (const call of calls) {
      stats.rpcCalls++
      const method = call.method ?? '?'
      stats.byMethod[method] = (stats.byMethod[method] ?? 0) + 1
    }
  }

  /** Every "latest" read is answered as of block `pinned` (a lagging or frozen head). */
  const pinCalls = (calls: RpcRequest[], pinned: bigint): RpcRequest[] => {
    const tag = `0x${pinned.toString(16)}`
    const rewrite = (call: RpcRequest): RpcRequest => {
      if (!call.params) return call
      const params = call.params.map((p) => (p === 'latest' || p === 'pending' ? tag : p))
      // Methods whose block tag is optional and omitted mean "latest" too.
      const withTag = ['eth_getBalance', 'eth_getTransactionCount', 'eth_getCode', 'eth_call'].includes(
        call.method ?? '',
      )
      if (withTag && params.length < 2) params.push(tag)
      return { ...call, params }
    }
    return calls.map(rewrite)
  }

  /** The block "latest" means on this endpoint right now: lagging, frozen, or upstream's own (undefined). */
  const pinnedHead = async (): Promise<bigint | undefined> => {
    if (controls.frozenHead !== undefined) return controls.frozenHead
    if (mode !== 'lagging') return undefined
    const head = await upstreamHead()
    const lag = BigInt(faultOptions.lagBlocks ?? 5)
    return head > lag ? head - lag : 0n
  }

  const answer = (
    res: ServerResponse,
    status: number,
    body: string,
    headers: Record<string, string> = {},
  ) => {
    if (res.destroyed) return
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(body)
  }

  const injectedError = (id: unknown, method: string) => ({
    jsonrpc: '2.0',
    id,
    error: { code: -32603, message: `injected failure of ${method}` },
  })

  /** Upstream's answer, rewritten for the mode and controls; written after any delay or hold. */
  const forward = async (res: ServerResponse, parsed: RpcRequest | RpcRequest[]) => {
    const isBatch = Array.isArray(parsed)
    let calls = isBatch ? parsed : [parsed]
    const pinned = await pinnedHead()
    if (pinned !== undefined) calls = pinCalls(calls, pinned)
    const failing = (call: RpcRequest) => controls.failMethods?.[call.method ?? ''] === 'rpc-error'
    const upstreamCalls = calls.filter((c) => !failing(c))
    let status = 200
    let replies: Array<{ id?: unknown; result?: unknown; error?: unknown }> = []
    let upstreamText: string | undefined
    let parsedOk = true
    if (upstreamCalls.length > 0) {
      const response = await upstreamCall(isBatch ? upstreamCalls : upstreamCalls[0])
      upstreamText = await response.text()
      status = response.status
      try {
        const json = JSON.parse(upstreamText) as typeof replies | (typeof replies)[number]
        replies = Array.isArray(json) ? json : [json]
      } catch {
        parsedOk = false
      }
    }
    const rewrite =
      mode === 'wrong-chain' ||
      isLiar(mode) ||
      pinned !== undefined ||
      controls.results !== undefined ||
      upstreamCalls.length < calls.length
    let body: string
    if (upstreamText !== undefined && (!parsedOk || !rewrite)) {
      body = upstreamText
    } else {
      for (const reply of replies) {
        const call = calls.find((c) => c.id === reply.id)
        if (mode === 'wrong-chain' && call?.method === 'eth_chainId')
          reply.result = `0x${(faultOptions.chainId ?? 1).toString(16)}`
        if (mode === 'wrong-chain' && call?.method === 'net_version')
          reply.result = String(faultOptions.chainId ?? 1)
        if (pinned !== undefined && call?.method === 'eth_blockNumber')
          reply.result = `0x${pinned.toString(16)}`
        if (call && isLiar(mode)) lie(mode as LiarMode, faultOptions, call, reply)
        if (call?.method && controls.results && Object.hasOwn(controls.results, call.method))
          reply.result = controls.results[call.method]
      }
      const all = calls.map((c) => replies.find((r) => r.id === c.id) ?? injectedError(c.id, c.method ?? '?'))
      body = JSON.stringify(isBatch ? all : all[0])
      status = 200
    }
    const delay = Math.max(
      0,
      ...calls.map((c) => controls.delayMs?.[c.method ?? ''] ?? controls.delayMs?.['*'] ?? 0),
    )
    if (delay > 0) await new Promise<void>((resolve) => later(delay, resolve))
    if (controls.hold)
      await new Promise<void>((resolve) => heldAnswers.push({ resolve, ids: calls.map((c) => c.id) }))
    if (stopped) return
    answer(res, status, body)
  }

  const handle = async (req: IncomingMessage, res: ServerResponse, raw: string) => {
    let parsed: RpcRequest | RpcRequest[]
    try {
      parsed = JSON.parse(raw) as RpcRequest | RpcRequest[]
    } catch {
      stats.httpRequests++
      return answer(
        res,
        400,
        JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } }),
      )
    }
    const calls = Array.isArray(parsed) ? parsed : [parsed]
    count(calls)
    const failHow = calls
      .map((c) => controls.failMethods?.[c.method ?? ''])
      .find((h) => h && h !== 'rpc-error')
    if (failHow === 'http500')
      return answer(res, 500, 'Internal Server Error', { 'content-type': 'text/plain' })
    if (failHow === 'hang') {
      later(faultOptions.hangMs ?? 30_000, () => req.socket.destroy())
      return
    }
    switch (mode) {
      case 'hang':
        later(faultOptions.hangMs ?? 30_000, () => req.socket.destroy())
        return
      case 'http500':
        return answer(res, 500, 'Internal Server Error', { 'content-type': 'text/plain' })
      case '429':
        return answer(
          res,
          429,
          JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: 429, message: 'Too Many Requests' } }),
          { 'retry-after': String(faultOptions.retryAfterSeconds ?? 1) },
        )
      case 'malformed':
        return answer(res, 200, '{"jsonrpc":"2.0","id":1,"result":0x1a<html>')
      case 'drop':
        if (Math.random() < (faultOptions.dropRate ?? 0.5)) {
          req.socket.destroy()
          return
        }
        return forward(res, parsed)
      case 'slow': {
        const min = faultOptions.minDelayMs ?? 1000
        const max = faultOptions.maxDelayMs ?? 3000
        await new Promise<void>((resolve) => later(min + Math.random() * (max - min), resolve))
        if (stopped) return
        return forward(res, parsed)
      }
      case 'fail-methods':
        return failSome(res, parsed, { code: -32603, message: 'Internal error (fault proxy)' })
      case 'strip-methods':
        return failSome(res, parsed, { code: -32601, message: 'the method does not exist/is not available' })
      default:
        return forward(res, parsed)
    }
  }

  /** `fail-methods`: the listed methods fail inside an otherwise normal answer (a batch keeps its other replies). */
  const failSome = async (
    res: ServerResponse,
    parsed: RpcRequest | RpcRequest[],
    error: { code: number; message: string },
  ) => {
    const calls = Array.isArray(parsed) ? parsed : [parsed]
    const failing = new Set(faultOptions.methods ?? [])
    const passing = calls.filter((c) => !failing.has(c.method ?? ''))
    let replies: { id?: unknown }[] = []
    if (passing.length > 0) {
      const response = await upstreamCall(passing)
      const json = (await response.json()) as { id?: unknown }[] | { id?: unknown }
      replies = Array.isArray(json) ? json : [json]
    }
    const all = calls.map(
      (c) =>
        replies.find((r) => r.id === c.id) ?? {
          jsonrpc: '2.0',
          id: c.id ?? null,
          error,
        },
    )
    answer(res, 200, JSON.stringify(Array.isArray(parsed) ? all : all[0]))
  }

  const server = createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, corsHeaders)
      res.end()
      return
    }
    for (const [k, v] of Object.entries(corsHeaders)) res.setHeader(k, v)
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) req.socket.destroy()
      else chunks.push(chunk)
    })
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((error: unknown) => {
        answer(res, 502, JSON.stringify({ error: String(error) }), { 'content-type': 'text/plain' })
      })
    })
  })
  server.keepAliveTimeout = 2_000
  server.on('upgrade', (req, socket, head) => relay.handle(req, socket, head))
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  const { listen, close: closeListener } = listening(server, sockets)

  const port = await listen(options.port ?? 0)

  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    setSocketLie(next) {
      socketLie = next
    },
    port,
    mode: () => mode,
    stats,
    async setMode(next, nextOptions = {}) {
      if (stopped) throw new Error('fault proxy stopped')
      const was = mode
      mode = next
      faultOptions = nextOptions
      if (next === 'refuse' && was !== 'refuse') await closeListener()
      else if (next !== 'refuse' && !server.listening) await listen(port)
      // Hung requests from a previous mode end now instead of at their deadline.
      if (was === 'hang' && next !== 'hang') for (const s of sockets) s.destroy()
    },
    setControls(next) {
      controls = { ...next }
    },
    async release(order = 'arrival') {
      const waiting = heldAnswers.splice(0)
      if (order === 'reverse') waiting.reverse()
      for (const held of waiting) {
        releasedIds.push(...held.ids)
        held.resolve()
        // One macrotask per answer, so they reach the sockets in this order.
        await new Promise((r) => setTimeout(r, 5))
      }
    },
    held: () => heldAnswers.length,
    released: () => [...releasedIds],
    upstreamHead,
    resetStats() {
      stats.httpRequests = 0
      stats.rpcCalls = 0
      for (const k of Object.keys(stats.byMethod)) delete stats.byMethod[k]
    },
    async stop() {
      if (stopped) return
      stopped = true
      for (const held of heldAnswers.splice(0)) held.resolve()
      for (const t of timers) clearTimeout(t)
      timers.clear()
      relay.close()
      await closeListener()
    },
  }
}

const isLiar = (mode: FaultMode) =>
  mode === 'heads-ahead' || mode === 'forged-receipt' || mode === 'forged-balance' || mode === 'absurd-fees'

const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
}

export type SocketProxy = {
  url: string
  /** Closes every connection and stops listening (a dead WebSocket endpoint). */
  kill: () => Promise<void>
  /** Listens again on the same port. */
  revive: () => Promise<void>
  stop: () => Promise<void>
}

/** A TCP pass-through on 127.0.0.1 (for WebSocket endpoints) that can be killed and revived on the same port. */
export async function startSocketProxy(options: {
  upstreamPort: number
  path?: string
}): Promise<SocketProxy> {
  const { createServer: createTcpServer, connect } = await import('node:net')
  const sockets = new Set<Socket>()
  const server = createTcpServer((client) => {
    const upstream = connect(options.upstreamPort, '127.0.0.1')
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
      s.on('error', () => s.destroy())
    }
    client.pipe(upstream)
    upstream.pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  const { listen, close } = listening(server, sockets)
  const port = await listen(0)
  return {
    url: `ws://127.0.0.1:${port}${options.path ?? ''}`,
    kill: close,
    revive: async () => {
      if (!server.listening) await listen(port)
    },
    stop: close,
  }
}

/**
 * Listening on 127.0.0.1 that can stop and start again on the same port: `close` destroys the open sockets
 * (hung ones too) and stops listening; `listen(0)` picks a free port and answers it.
 */
function listening(server: Server, sockets: Set<Socket>) {
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject)
        const address = server.address()
        resolve(typeof address === 'object' && address ? address.port : port)
      })
    })
  const close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy()
      if (!server.listening) return resolve()
      server.close(() => resolve())
    })
  return { listen, close }
}
