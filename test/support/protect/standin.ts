import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type Hex, keccak256, parseTransaction, recoverTransactionAddress } from 'viem'
import { includePrivately, type JsonRpcResponse, upstreamClient } from './upstream'
import { parseProtectUrl, type StandInPreferences } from './url-params'

export type ProtectStandInOptions = {
  upstreamUrl: string
  chainId: number
  /** Blocks a transaction is retried before it is FAILED (Protect: 25). */
  blockWindow?: number
  port?: number
  /**
   * The upstream's interval mining in seconds, restored after each private inclusion. Required when the node
   * mines on an interval (Anvil cannot report its interval); omit for automine.
   */
  upstreamBlockTime?: number
  /** How often the upstream head is polled, in ms. */
  pollMs?: number
}

export type ProtectStandIn = {
  rpcUrl: string
  statusUrl: string
  stop: () => Promise<void>
  received: () => Hex[]
}

type Status = 'PENDING' | 'INCLUDED' | 'FAILED' | 'CANCELLED'
type Tracked = {
  hash: Hex
  raw: Hex
  from: Hex
  to: Hex | null
  nonce: number
  value: bigint
  gas: bigint
  maxFeePerGas: bigint
  maxPriorityFeePerGas: bigint
  preferences: StandInPreferences
  maxBlockNumber: number
  status: Status
  simError: string
  seenInMempool: boolean
}

const probeAddress = '0xf1a54b0759b58661cea17cff19dd37940a9b5f1a'
const isFlashRpcSelector = '0xb9dc7766'
const maxRawBytes = 128 * 1024

/**
 * A local stand-in for the Flashbots Protect RPC and its status API, in front of an Anvil node. It is NOT
 * Flashbots Protect: it reproduces the parts of the protocol the app relies on (see README).
 */
export async function startProtectStandIn(options: ProtectStandInOptions): Promise<ProtectStandIn> {
  const upstream = upstreamClient(options.upstreamUrl)
  const blockWindow = options.blockWindow ?? 25
  const txs = new Map<string, Tracked>()
  const receivedHashes: Hex[] = []
  let head = Number(await upstream.call<Hex>('eth_blockNumber'))
  let stopped = false

  // Everything that touches the upstream's block production runs one at a time.
  let queue: Promise<unknown> = Promise.resolve()
  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work)
    queue = next.catch(() => undefined)
    return next
  }

  async function processPending(): Promise<void> {
    if (stopped) return
    head = Number(await upstream.call<Hex>('eth_blockNumber'))
    const pending = [...txs.values()].filter((t) => t.status === 'PENDING')
    for (const tx of pending) {
      if (tx.seenInMempool) continue
      if (head > tx.maxBlockNumber) {
        if (tx.preferences.useMempool) {
          // useMempool: after the window Protect falls back to the public mempool, giving up privacy.
          const sent = await upstream.raw({
            jsonrpc: '2.0',
            id: 1,
            method: 'eth_sendRawTransaction',
            params: [tx.raw],
          })
          if (sent.error) tx.status = 'FAILED'
          else tx.seenInMempool = true
        } else tx.status = 'FAILED'
      }
    }
    const includable: Tracked[] = []
    const baseFee = await nextBaseFee()
    const bySender = new Map<Hex, Tracked[]>()
    for (const t of pending.filter((t) => t.status === 'PENDING' && !t.seenInMempool))
      bySender.set(t.from, [...(bySender.get(t.from) ?? []), t])
    for (const [from, list] of bySender) {
      let nonce = Number(await upstream.call<Hex>('eth_getTransactionCount', [from, 'latest']))
      let balance = BigInt(await upstream.call<Hex>('eth_getBalance', [from, 'latest']))
      // Same nonce twice (a speed-up): the higher tip wins, the other later fails with NonceTooLow.
      const ordered = list.sort(
        (a, b) => a.nonce - b.nonce || Number(b.maxPriorityFeePerGas - a.maxPriorityFeePerGas),
      )
      for (const tx of ordered) {
        const cost = tx.value + tx.gas * tx.maxFeePerGas
        tx.simError =
          tx.nonce < nonce
            ? 'SimErrorNonceTooLow'
            : tx.nonce > nonce
              ? 'SimErrorNonceTooHigh'
              : tx.maxFeePerGas < baseFee
                ? 'SimErrorMaxFeePerGasTooLow'
                : cost > balance
                  ? 'SimErrorInsufficientFunds'
                  : ''
        if (tx.simError) continue
        includable.push(tx)
        nonce += 1
        balance -= cost
      }
    }
    if (includable.length > 0) {
      const mode = await upstream.call<boolean>('anvil_getAutomine')
      await includePrivately(
        upstream,
        includable.map((t) => t.raw),
        mode
          ? { kind: 'auto' }
          : options.upstreamBlockTime
            ? { kind: 'interval', seconds: options.upstreamBlockTime }
            : { kind: 'manual' },
      )
    }
    for (const tx of [...txs.values()].filter((t) => t.status === 'PENDING')) {
      const receipt = await upstream.call<{ blockNumber: Hex } | null>('eth_getTransactionReceipt', [tx.hash])
      if (receipt) {
        tx.status = 'INCLUDED'
        tx.simError = ''
      }
    }
    head = Number(await upstream.call<Hex>('eth_blockNumber'))
  }

  async function nextBaseFee(): Promise<bigint> {
    const block = await upstream.call<{ baseFeePerGas?: Hex } | null>('eth_getBlockByNumber', [
      'pending',
      false,
    ])
    return BigInt(block?.baseFeePerGas ?? '0x0')
  }

  let lastSeenHead = head
  let ticking = false
  const poll = setInterval(() => {
    // A slow upstream must not pile up ticks: one in flight at a time.
    if (stopped || ticking) return
    ticking = true
    void serialized(async () => {
      const current = Number(await upstream.call<Hex>('eth_blockNumber'))
      if (current === lastSeenHead) return
      lastSeenHead = current
      head = Math.max(head, current)
      if ([...txs.values()].some((t) => t.status === 'PENDING')) await processPending()
      lastSeenHead = head
    })
      .catch(() => undefined)
      .finally(() => {
        ticking = false
      })
  }, options.pollMs ?? 200)
  poll.unref()

  async function sendRawTransaction(
    raw: Hex,
    preferences: StandInPreferences,
  ): Promise<JsonRpcResponse['result']> {
    if ((raw.length - 2) / 2 > maxRawBytes) throw rpcError(-32000, 'oversized data')
    let parsed: ReturnType<typeof parseTransaction>
    let from: Hex
    try {
      parsed = parseTransaction(raw)
      from = await recoverTransactionAddress({ serializedTransaction: raw as never })
    } catch {
      throw rpcError(-32602, 'invalid raw transaction')
    }
    const hash = keccak256(raw)
    if (txs.has(hash)) return hash
    if (parsed.chainId !== undefined && parsed.chainId !== options.chainId)
      throw rpcError(-32000, 'invalid chain id')
    const nonce = parsed.nonce ?? 0
    if (nonce >= 1e9) throw rpcError(-32000, 'tx rejected - nonce too high')
    const tip = parsed.maxPriorityFeePerGas ?? parsed.gasPrice ?? 0n
    if (tip === 0n) throw rpcError(-32000, 'transaction underpriced: gas tip cap 0, minimum needed 1')
    const onChain = Number(await upstream.call<Hex>('eth_getTransactionCount', [from, 'latest']))
    head = Number(await upstream.call<Hex>('eth_blockNumber'))
    const own = [...txs.values()].filter((t) => t.from === from && t.status === 'PENDING')
    const maxPending = Math.max(onChain - 1, ...own.map((t) => t.nonce))
    const isCancel = parsed.to?.toLowerCase() === from.toLowerCase() && !parsed.data && !parsed.value
    if (isCancel) return cancel(hash, from, nonce, onChain)
    if (nonce < onChain || nonce > maxPending + 1) throw rpcError(-32000, 'invalid nonce')
    const tracked: Tracked = {
      hash,
      raw,
      from,
      to: parsed.to ?? null,
      nonce,
      value: parsed.value ?? 0n,
      gas: parsed.gas ?? 0n,
      maxFeePerGas: parsed.maxFeePerGas ?? parsed.gasPrice ?? 0n,
      maxPriorityFeePerGas: tip,
      preferences,
      maxBlockNumber: head + (preferences.blockRange || blockWindow),
      status: 'PENDING',
      simError: '',
      seenInMempool: false,
    }
    txs.set(hash, tracked)
    receivedHashes.push(hash)
    // Like the next block on a real chain: try at once, and again at every new head until the window ends.
    void serialized(processPending).catch(() => undefined)
    return hash
  }

  /** A same-nonce, zero-value, empty-data self-transfer cancels the pending private transaction. */
  function cancel(hash: Hex, from: Hex, nonce: number, onChain: number): Hex {
    const sameNonce = [...txs.values()].filter((t) => t.from === from && t.nonce === nonce && t.hash !== hash)
    const original = sameNonce.find((t) => t.status === 'PENDING') ?? sameNonce.at(-1)
    if (!original) throw rpcError(-32000, nonce < onChain ? 'nonce too low' : 'tx not found')
    if (original.status === 'CANCELLED') throw rpcError(-32000, 'already cancelled')
    if (original.status === 'FAILED') throw rpcError(-32000, 'already expired')
    if (original.status === 'INCLUDED') throw rpcError(-32000, 'nonce too low')
    original.status = 'CANCELLED'
    // The cancellation itself is never included; its hash reports CANCELLED too.
    txs.set(hash, { ...original, hash, raw: '0x', to: from, value: 0n, status: 'CANCELLED' })
    receivedHashes.push(hash)
    return hash
  }

  async function handleRpc(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    let message: unknown
    try {
      message = JSON.parse(body)
    } catch {
      return send(res, 400, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'parse error' } })
    }
    if (Array.isArray(message))
      return send(res, 400, {
        jsonrpc: '2.0',
        id: null,
        error: { code: -32600, message: 'batch requests are not supported' },
      })
    const {
      id = null,
      method,
      params = [],
    } = (message ?? {}) as { id?: unknown; method?: unknown; params?: unknown[] }
    if (typeof method !== 'string')
      return send(res, 400, { jsonrpc: '2.0', id, error: { code: -32600, message: 'invalid request' } })
    const url = parseProtectUrl(req.url ?? '/')
    if (!url.ok) return send(res, 200, { jsonrpc: '2.0', id, error: { code: -32600, message: url.message } })
    try {
      if (method === 'eth_call' && isFlashRpcProbe(params[0]))
        return send(res, 200, { jsonrpc: '2.0', id, result: `0x${'0'.repeat(63)}1` })
      if (method === 'eth_sendRawTransaction') {
        const result = await sendRawTransaction(params[0] as Hex, url.preferences)
        return send(res, 200, { jsonrpc: '2.0', id, result })
      }
      const proxied = await upstream.raw({ jsonrpc: '2.0', id, method, params })
      return send(res, 200, proxied)
    } catch (error) {
      const e = error as { code?: number; message?: string }
      return send(res, 200, {
        jsonrpc: '2.0',
        id,
        error: { code: e.code ?? -32603, message: e.message ?? 'internal error' },
      })
    }
  }

  function statusOf(hash: string) {
    const tx = txs.get(hash.toLowerCase())
    const included = tx?.status === 'INCLUDED'
    const field = (value: unknown) => (included && value !== null && value !== undefined ? String(value) : '')
    return {
      status: tx?.status ?? 'UNKNOWN',
      hash,
      maxBlockNumber: tx?.maxBlockNumber ?? 0,
      transaction: {
        from: field(tx?.from),
        to: field(tx?.to),
        gasLimit: field(tx?.gas),
        maxFeePerGas: field(tx?.maxFeePerGas),
        maxPriorityFeePerGas: field(tx?.maxPriorityFeePerGas),
        nonce: field(tx?.nonce),
        value: field(tx?.value),
      },
      fastMode: tx?.preferences.fast ?? false,
      seenInMempool: tx?.seenInMempool ?? false,
      simError: tx?.status === 'PENDING' || tx?.status === 'FAILED' ? tx.simError : '',
      revertReason: '',
      isRevert: false,
    }
  }

  const server = createServer((req, res) => {
    res.setHeader('access-control-allow-origin', '*')
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS')
    res.setHeader('access-control-allow-headers', 'content-type')
    if (req.method === 'OPTIONS') return void res.writeHead(204).end()
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (req.method === 'GET') {
      const match = /^\/tx\/(0x[0-9a-fA-F]{64})\/?$/.exec(path)
      if (!match?.[1]) return send(res, 404, { error: 'not found' })
      return send(res, 200, statusOf(match[1].toLowerCase()))
    }
    if (req.method !== 'POST') return void res.writeHead(405).end()
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => {
      body += chunk
      if (body.length > 4 * maxRawBytes) req.destroy()
    })
    req.on('end', () => {
      handleRpc(req, res, body).catch(() => send(res, 500, { error: 'internal error' }))
    })
  })
  server.requestTimeout = 30_000
  server.headersTimeout = 10_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    rpcUrl: `http://127.0.0.1:${port}/`,
    statusUrl: `http://127.0.0.1:${port}/tx/`,
    received: () => [...receivedHashes],
    stop: async () => {
      stopped = true
      clearInterval(poll)
      await queue.catch(() => undefined)
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function isFlashRpcProbe(call: unknown): boolean {
  const { to, data, input } = (call ?? {}) as { to?: string; data?: string; input?: string }
  return (
    to?.toLowerCase() === probeAddress && (data ?? input ?? '').toLowerCase().startsWith(isFlashRpcSelector)
  )
}

function rpcError(code: number, message: string) {
  return Object.assign(new Error(message), { code })
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}
