import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type Hex, keccak256, parseTransaction, recoverTransactionAddress } from 'viem'
import {
  BehaviourRegistry,
  type BehaviourStats,
  hugeNonce,
  limitedReadMethods,
  type StandInBehaviour,
} from './behaviour'
import { controlPrefix, handleControl, sendJson as send } from './control'
import { type Candidate, simulateSender } from './simulate'
import { currentMiningMode, includePrivately, type JsonRpcResponse, upstreamClient } from './upstream'
import { parseProtectUrl, type StandInPreferences } from './urlParams'

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
  /** Switches a behaviour on for one sender address (or `/k/<key>/` path key); null switches it off. */
  setBehaviour: (key: string, behaviour: StandInBehaviour | null) => void
  stats: (key: string) => BehaviourStats
  /** Pauses the upstream's block production (nothing is mined, private or public) until released. */
  holdMining: (hold: boolean) => Promise<void>
  /** Every JSON-RPC request with the URL it came to (also at GET /__standin/requests for other processes). */
  requests: () => StandInRequest[]
}

/** One logged JSON-RPC request: the path and query it was sent to, and how that URL parsed. */
export type StandInRequest = {
  at: number
  method: string
  url: string
  ok: boolean
  preferences?: StandInPreferences
}
const requestLogLimit = 5000

type Status = 'PENDING' | 'INCLUDED' | 'FAILED' | 'CANCELLED'
type Tracked = Candidate & {
  hash: Hex
  raw: Hex
  preferences: StandInPreferences
  /** The `/k/<key>/` the transaction arrived through, if any. */
  pathKey: string | undefined
  receivedAt: number
  maxBlockNumber: number
  status: Status
  simError: string
  revertReason: string
  seenInMempool: boolean
  /** alsoPublic: a copy went to the upstream's public pool; it is never included privately. */
  publicCopy: boolean
  failedAt?: number
  lateIncluded?: boolean
}

const probeAddress = '0xf1a54b0759b58661cea17cff19dd37940a9b5f1a'
const isFlashRpcSelector = '0xb9dc7766'
const maxRawBytes = 128 * 1024

/**
 * A local stand-in for the Flashbots Protect RPC and its status API, in front of an Anvil node. It is NOT
 * Flashbots Protect: it reproduces the parts of the protocol the app relies on, and real-world failure modes
 * switched on per sender (see README "Stand-in modes").
 */
export async function startProtectStandIn(options: ProtectStandInOptions): Promise<ProtectStandIn> {
  const upstream = upstreamClient(options.upstreamUrl)
  const blockWindow = options.blockWindow ?? 25
  const txs = new Map<string, Tracked>()
  const receivedHashes: Hex[] = []
  const registry = new BehaviourRegistry()
  const requestLog: StandInRequest[] = []
  let head = Number(await upstream.call<Hex>('eth_blockNumber'))
  let stopped = false
  let held: Awaited<ReturnType<typeof currentMiningMode>> | undefined

  const behaviourOf = (tx: Pick<Tracked, 'from' | 'pathKey'>): StandInBehaviour => ({
    ...registry.get(tx.from),
    ...registry.get(tx.pathKey),
  })

  // Everything that touches the upstream's block production runs one at a time.
  let queue: Promise<unknown> = Promise.resolve()
  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work)
    queue = next.catch(() => undefined)
    return next
  }

  const sendPublicly = (raw: Hex) =>
    upstream.raw({ jsonrpc: '2.0', id: 1, method: 'eth_sendRawTransaction', params: [raw] })

  /** Returns the head it evaluated: blocks mined while it ran (its own or anyone's) are evaluated next tick. */
  async function processPending(): Promise<number> {
    if (stopped) return head
    head = Number(await upstream.call<Hex>('eth_blockNumber'))
    const evaluated = head
    const pending = [...txs.values()].filter((t) => t.status === 'PENDING')
    for (const tx of pending) {
      if (tx.seenInMempool || tx.publicCopy || head <= tx.maxBlockNumber) continue
      if (tx.preferences.useMempool) {
        // useMempool: after the window Protect falls back to the public mempool, giving up privacy.
        const sent = await sendPublicly(tx.raw)
        if (sent.error) tx.status = 'FAILED'
        else tx.seenInMempool = true
      } else tx.status = 'FAILED'
      if (tx.status === 'FAILED') tx.failedAt = head
    }
    const includable: Tracked[] = []
    const baseFee = await nextBaseFee()
    const bySender = new Map<Hex, Tracked[]>()
    const candidates = pending.filter((t) => t.status === 'PENDING' && !t.seenInMempool && !t.publicCopy)
    for (const t of candidates) {
      const b = behaviourOf(t)
      // Held: the whole window (then FAILED) for a late inclusion, or until the slow auction's block.
      t.held =
        b.includeAfterFailedBlocks !== undefined ||
        (b.inclusionDelayBlocks !== undefined && head < t.receivedAt + b.inclusionDelayBlocks)
      t.forced = b.forceSimError
      bySender.set(t.from, [...(bySender.get(t.from) ?? []), t])
    }
    for (const list of bySender.values()) {
      const verdicts = await simulateSender(upstream, options.chainId, baseFee, list)
      for (const tx of list) {
        const verdict = verdicts.get(tx) ?? { simError: '', revertReason: '' }
        tx.simError = verdict.simError ? `SimError${verdict.simError}` : ''
        tx.revertReason = verdict.revertReason
        if (!tx.simError && !tx.held) includable.push(tx)
      }
    }
    includable.push(...(await lateInclusions(baseFee)))
    if (includable.length > 0) {
      const mode = held
        ? ({ kind: 'manual' } as const)
        : await currentMiningMode(upstream, options.upstreamBlockTime)
      await includePrivately(
        upstream,
        includable.map((t) => t.raw),
        mode,
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
    return evaluated
  }

  /** FAILED transactions whose late inclusion is due; the status API keeps saying FAILED (rpc-endpoint #95). */
  async function lateInclusions(baseFee: bigint): Promise<Tracked[]> {
    const due = [...txs.values()].filter((t) => {
      const after = behaviourOf(t).includeAfterFailedBlocks
      return (
        t.status === 'FAILED' &&
        !t.lateIncluded &&
        after !== undefined &&
        t.failedAt !== undefined &&
        head >= t.failedAt + after
      )
    })
    const late: Tracked[] = []
    for (const tx of due) {
      tx.lateIncluded = true
      const verdict = (
        await simulateSender(upstream, options.chainId, baseFee, [{ ...tx, held: false, forced: undefined }])
      ).values()
      if (!verdict.next().value?.simError) late.push(tx)
    }
    return late
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
      const open = [...txs.values()].some(
        (t) =>
          t.status === 'PENDING' ||
          (t.status === 'FAILED' && !t.lateIncluded && behaviourOf(t).includeAfterFailedBlocks),
      )
      // Not the head read at its end: a block mined while it ran would never be looked at (a window that
      // passed then, say, left its transaction PENDING for good).
      if (open) lastSeenHead = await processPending()
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
    pathKey: string | undefined,
  ): Promise<JsonRpcResponse['result']> {
    if ((raw.length - 2) / 2 > maxRawBytes) throw rpcError(-32000, 'oversized data')
    let parsed: ReturnType<typeof parseTransaction>
    let from: Hex
    try {
      parsed = parseTransaction(raw)
      from = (await recoverTransactionAddress({ serializedTransaction: raw as never })).toLowerCase() as Hex
    } catch {
      throw rpcError(-32602, 'invalid raw transaction')
    }
    const hash = keccak256(raw)
    if (txs.has(hash)) return hash
    const nonce = parsed.nonce ?? 0
    if (nonce >= 1e9) throw rpcError(-32000, 'tx rejected - nonce too high')
    const tip = parsed.maxPriorityFeePerGas ?? parsed.gasPrice ?? 0n
    if (tip === 0n) throw rpcError(-32000, 'transaction underpriced: gas tip cap 0, minimum needed 1')
    const onChain = Number(await upstream.call<Hex>('eth_getTransactionCount', [from, 'latest']))
    head = Number(await upstream.call<Hex>('eth_blockNumber'))
    const own = [...txs.values()].filter((t) => t.from === from && t.status === 'PENDING')
    const maxPending = Math.max(onChain - 1, ...own.map((t) => t.nonce))
    // The server's cancel check: a self-transfer with at most 2 bytes of data (the value is not looked at).
    const isCancel = parsed.to?.toLowerCase() === from && (parsed.data?.length ?? 2) <= 6
    if (isCancel) return await cancel(raw, hash, from, nonce, preferences)
    if (nonce < onChain || nonce > maxPending + 1) throw rpcError(-32000, 'invalid nonce')
    const tracked: Tracked = {
      hash,
      raw,
      from,
      to: parsed.to ?? null,
      nonce,
      value: parsed.value ?? 0n,
      gas: parsed.gas ?? 0n,
      data: parsed.data,
      chainId: parsed.chainId,
      maxFeePerGas: parsed.maxFeePerGas ?? parsed.gasPrice ?? 0n,
      maxPriorityFeePerGas: tip,
      canRevert: preferences.canRevert,
      held: false,
      preferences,
      pathKey,
      receivedAt: head,
      maxBlockNumber:
        head + (preferences.blockRange || behaviourOf({ from, pathKey }).blockWindow || blockWindow),
      status: 'PENDING',
      simError: '',
      revertReason: '',
      seenInMempool: false,
      publicCopy: false,
    }
    txs.set(hash, tracked)
    receivedHashes.push(hash)
    if (behaviourOf(tracked).alsoPublic) {
      // A leaking relay: the transaction also enters the public pool, while the status API says nothing of it.
      tracked.publicCopy = true
      await sendPublicly(raw)
    }
    // Like the next block on a real chain: try at once, and again at every new head until the window ends.
    void serialized(processPending).catch(() => undefined)
    return hash
  }

  /**
   * rpc-endpoint's cancel handling: the original (same sender and nonce) is cancelled at the relay; with no
   * private original the cancel-tx goes to the public mempool; in fast mode it also goes there after the relay.
   */
  async function cancel(
    raw: Hex,
    hash: Hex,
    from: Hex,
    nonce: number,
    preferences: StandInPreferences,
  ): Promise<unknown> {
    const sameNonce = [...txs.values()].filter((t) => t.from === from && t.nonce === nonce && t.hash !== hash)
    const original = sameNonce.find((t) => t.status === 'PENDING') ?? sameNonce.at(-1)
    const toMempool = async () => {
      const sent = await sendPublicly(raw)
      if (sent.error) throw rpcError(sent.error.code, sent.error.message)
      receivedHashes.push(hash)
      return sent.result
    }
    if (!original) return await toMempool()
    let relayError: Error | undefined
    if (original.status === 'CANCELLED') relayError = rpcError(-32000, 'already cancelled')
    else if (original.status === 'FAILED') relayError = rpcError(-32000, 'already expired')
    else if (original.status === 'INCLUDED') relayError = rpcError(-32000, 'nonce too low')
    if (!relayError) {
      original.status = 'CANCELLED'
      // The cancellation itself is never included privately; its hash reports CANCELLED too.
      txs.set(hash, { ...original, hash, raw: '0x', to: from, value: 0n, status: 'CANCELLED' })
      receivedHashes.push(hash)
    }
    if (preferences.fast) return await toMempool()
    if (relayError) throw relayError
    return hash
  }

  /** The sender a request is about, for per-sender behaviours (an address parameter or a known hash). */
  function senderOf(method: string, params: unknown[]): string | undefined {
    const first = params[0]
    if (method === 'eth_getBalance' || method === 'eth_getTransactionCount')
      return typeof first === 'string' ? first.toLowerCase() : undefined
    if (method === 'eth_call') return (first as { from?: string } | undefined)?.from?.toLowerCase()
    if (method === 'eth_getTransactionReceipt' && typeof first === 'string')
      return txs.get(first.toLowerCase())?.from
    return undefined
  }

  async function handleRpc(res: ServerResponse, body: string, path: string, query: string): Promise<void> {
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
    const pathKey = /^\/k\/([A-Za-z0-9_-]{1,64})(\/.*)?$/.exec(path)
    const url = parseProtectUrl(`${pathKey ? (pathKey[2] ?? '/') : path}${query}`)
    if (requestLog.length >= requestLogLimit) requestLog.shift()
    requestLog.push({
      at: Date.now(),
      method,
      url: `${path}${query}`,
      ok: url.ok,
      ...(url.ok ? { preferences: url.preferences } : {}),
    })
    if (!url.ok) return send(res, 200, { jsonrpc: '2.0', id, error: { code: -32600, message: url.message } })
    const key = pathKey?.[1] ?? senderOf(method, params)
    try {
      if (method === 'eth_call' && isFlashRpcProbe(params[0]))
        return send(res, 200, { jsonrpc: '2.0', id, result: `0x${'0'.repeat(63)}1` })
      if (limitedReadMethods.has(method) && key && registry.overReadLimit(key, Date.now()))
        return send(res, 429, { jsonrpc: '2.0', id, error: { code: -32005, message: 'rate limit exceeded' } })
      if (method === 'eth_sendRawTransaction') {
        const result = await sendRawTransaction(params[0] as Hex, url.preferences, pathKey?.[1])
        return send(res, 200, { jsonrpc: '2.0', id, result })
      }
      if (method === 'eth_getTransactionCount' && typeof params[0] === 'string') {
        if (registry.takeHugeNonce(params[0]))
          return send(res, 200, { jsonrpc: '2.0', id, result: `0x${hugeNonce.toString(16)}` })
      }
      const proxied = await upstream.raw({ jsonrpc: '2.0', id, method, params })
      if (method === 'eth_getTransactionReceipt' && proxied.result === null) armNonceFix(params[0])
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

  /** rpc-endpoint's MetaMask fix: a null receipt for a sender's FAILED transaction arms the huge nonce. */
  function armNonceFix(hash: unknown) {
    const tx = typeof hash === 'string' ? txs.get(hash.toLowerCase()) : undefined
    if (tx?.status !== 'FAILED') return
    const answers = behaviourOf(tx).hugeNonceAnswers
    if (answers) registry.armHugeNonce(tx.from, answers)
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
      seenInMempool: (tx?.seenInMempool || (tx && behaviourOf(tx).mempoolSeen)) ?? false,
      simError: tx?.status === 'PENDING' || tx?.status === 'FAILED' ? tx.simError : '',
      revertReason: tx?.status === 'PENDING' || tx?.status === 'FAILED' ? tx.revertReason : '',
      isRevert: false,
    }
  }

  const api = {
    setBehaviour: (key: string, behaviour: StandInBehaviour | null) => registry.set(key, behaviour),
    stats: (key: string) => ({ ...registry.stats(key) }),
    holdMining: (hold: boolean) =>
      serialized(async () => {
        if (hold && !held) {
          held = await currentMiningMode(upstream, options.upstreamBlockTime)
          await upstream.call('evm_setAutomine', [false])
          await upstream.call('evm_setIntervalMining', [0])
        } else if (!hold && held) {
          const mode = held
          held = undefined
          if (mode.kind === 'auto') await upstream.call('evm_setAutomine', [true])
          if (mode.kind === 'interval') await upstream.call('evm_setIntervalMining', [mode.seconds])
        }
      }),
  }

  const server = createServer((req, res) => {
    const [path = '/', rest] = (req.url ?? '/').split('?', 2)
    const query = rest === undefined ? '' : `?${rest}`
    const tx = /^\/tx\/(0x[0-9a-fA-F]{64})\/?$/.exec(path)?.[1]?.toLowerCase()
    const hideCors =
      req.method === 'GET' &&
      tx &&
      behaviourOf(txs.get(tx) ?? { from: '0x', pathKey: undefined }).statusWithoutCors
    if (!hideCors) {
      res.setHeader('access-control-allow-origin', '*')
      res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS')
      res.setHeader('access-control-allow-headers', 'content-type')
    }
    if (req.method === 'OPTIONS') return void res.writeHead(204).end()
    if (req.method === 'GET') {
      if (path === '/__standin/requests') return send(res, 200, requestLog)
      if (!tx) return send(res, 404, { error: 'not found' })
      return send(res, 200, statusOf(tx))
    }
    if (req.method !== 'POST') return void res.writeHead(405).end()
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => {
      body += chunk
      if (body.length > 4 * maxRawBytes) req.destroy()
    })
    req.on('end', () => {
      const work = path.startsWith(controlPrefix)
        ? handleControl(res, path, body, api)
        : handleRpc(res, body, path, query)
      work.catch(() => send(res, 500, { error: 'internal error' }))
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
    ...api,
    requests: () => [...requestLog],
    stop: async () => {
      stopped = true
      clearInterval(poll)
      await queue.catch(() => undefined)
      if (held) await api.holdMining(false).catch(() => undefined)
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
