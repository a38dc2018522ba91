import type { IncomingMessage } from 'node:http'
import { createRequire } from 'node:module'
import type { Duplex } from 'node:stream'
import {
  decodeFunctionData,
  decodeFunctionResult,
  encodeAbiParameters,
  encodeFunctionResult,
  type Hex,
  multicall3Abi,
  parseEther,
  parseGwei,
} from 'viem'

/** What the fault proxy's liar modes need of its options (see FaultOptions). */
export type LieOptions = { leadBlocks?: number; forgedBalance?: bigint; feeGwei?: number; chainId?: number }
export type LiarMode = 'heads-ahead' | 'forged-receipt' | 'forged-balance' | 'absurd-fees'

type Call = { method?: string; params?: unknown[] }
type Reply = { result?: unknown }

const hex = (n: bigint) => `0x${n.toString(16)}`
/** getEthBalance(address) and balanceOf(address): the calls a balance snapshot makes inside aggregate3. */
const balanceSelectors = ['0x4d2301cc', '0x70a08231']

export function leadOf(mode: string, options: LieOptions): bigint {
  if (options.leadBlocks !== undefined) return BigInt(options.leadBlocks)
  if (mode === 'heads-ahead') return 3n
  if (mode === 'forged-receipt' || mode === 'forged-balance') return 2n
  return 0n
}

/**
 * Rewrites one upstream reply as a hostile (or broken) endpoint would: a head ahead of the chain, a receipt
 * that says Reverted, balances rewritten inside a Multicall3 result, an absurd fee history. Everything else is
 * upstream's true answer, so only the lie can make a client show something wrong.
 */
export function lie(mode: LiarMode, options: LieOptions, call: Call, reply: Reply): void {
  const lead = leadOf(mode, options)
  if (call.method === 'eth_blockNumber' && typeof reply.result === 'string' && lead > 0n)
    reply.result = hex(BigInt(reply.result) + lead)
  if (mode === 'forged-receipt' && call.method === 'eth_getTransactionReceipt' && reply.result) {
    const receipt = reply.result as { status?: string }
    receipt.status = receipt.status === '0x1' ? '0x0' : '0x1'
  }
  if (mode === 'forged-balance') forgeBalance(options, call, reply)
  if (mode === 'absurd-fees') absurdFees(options, call, reply)
}

function forgeBalance(options: LieOptions, call: Call, reply: Reply) {
  const forged = options.forgedBalance ?? parseEther('1000000')
  if (call.method === 'eth_getBalance') reply.result = hex(forged)
  if (call.method !== 'eth_call' || typeof reply.result !== 'string') return
  const data = (call.params?.[0] as { data?: Hex; input?: Hex } | undefined)?.data
  if (!data) return
  let calls: readonly { callData: Hex }[]
  try {
    const decoded = decodeFunctionData({ abi: multicall3Abi, data })
    if (decoded.functionName !== 'aggregate3') return
    calls = decoded.args[0] as readonly { callData: Hex }[]
  } catch {
    return
  }
  const results = (() => {
    try {
      return decodeAggregate3(reply.result as Hex)
    } catch {
      return undefined
    }
  })()
  if (!results || results.length !== calls.length) return
  const rewritten = results.map((r, i) =>
    balanceSelectors.includes((calls[i]?.callData ?? '').slice(0, 10)) && r.success
      ? { success: true, returnData: encodeAbiParameters([{ type: 'uint256' }], [forged]) }
      : r,
  )
  reply.result = encodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', result: rewritten })
}

function decodeAggregate3(data: Hex) {
  return decodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', data }) as readonly {
    success: boolean
    returnData: Hex
  }[]
}

function absurdFees(options: LieOptions, call: Call, reply: Reply) {
  const fee = hex(parseGwei(String(options.feeGwei ?? 90_000)))
  if (call.method === 'eth_feeHistory' && reply.result) {
    const history = reply.result as { baseFeePerGas?: string[]; reward?: string[][] }
    history.baseFeePerGas = (history.baseFeePerGas ?? []).map(() => fee)
    history.reward = (history.reward ?? []).map((row) => row.map(() => fee))
  }
  if (call.method === 'eth_gasPrice' || call.method === 'eth_maxPriorityFeePerGas') reply.result = fee
  if (call.method === 'eth_getBlockByNumber' && reply.result && typeof reply.result === 'object') {
    const block = reply.result as { baseFeePerGas?: string }
    if (block.baseFeePerGas) block.baseFeePerGas = fee
  }
}

/** Node has no global WebSocket server; `ws` ships with viem. */
const require = createRequire(import.meta.url)
type WsSocket = {
  on: (event: string, fn: (...args: unknown[]) => void) => void
  send: (data: string) => void
  close: () => void
  readyState: number
}
type WsServer = {
  handleUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer, cb: (ws: WsSocket) => void) => void
  close: () => void
}
const ws = require('ws') as {
  WebSocketServer: new (options: { noServer: true }) => WsServer
  WebSocket: new (url: string) => WsSocket
}

/** A WebSocket that answers for another chain: its chain id, and heads `leadBlocks` ahead (default 50). */
export type SocketLie = { chainId: number; leadBlocks?: number }

/**
 * Relays a WebSocket client to upstream's WebSocket, rewriting what `current()` says to lie about: the reply to
 * eth_chainId and the number of every newHeads notification. Returns a closer for every open relay.
 */
export function lieOverSocket(upstreamWs: string, current: () => SocketLie | undefined) {
  const server = new ws.WebSocketServer({ noServer: true })
  const open = new Set<WsSocket>()
  const chainIdCalls = new Set<unknown>()
  const handle = (req: IncomingMessage, socket: Duplex, head: Buffer) =>
    server.handleUpgrade(req, socket, head, (client) => {
      const upstream = new ws.WebSocket(upstreamWs)
      open.add(client)
      open.add(upstream)
      const queued: string[] = []
      upstream.on('open', () => {
        for (const m of queued.splice(0)) upstream.send(m)
      })
      client.on('message', (raw) => {
        const text = String(raw)
        try {
          const msg = JSON.parse(text) as Call & { id?: unknown }
          if (msg.method === 'eth_chainId') chainIdCalls.add(msg.id)
        } catch {
          // not JSON: relayed as it is
        }
        if (upstream.readyState === 1) upstream.send(text)
        else queued.push(text)
      })
      upstream.on('message', (raw) => {
        const text = String(raw)
        const lieNow = current()
        if (!lieNow) return client.send(text)
        try {
          const msg = JSON.parse(text) as {
            id?: unknown
            result?: unknown
            params?: { result?: { number?: string } }
          }
          if (msg.id !== undefined && chainIdCalls.has(msg.id)) msg.result = hex(BigInt(lieNow.chainId))
          const number = msg.params?.result?.number
          if (number)
            msg.params = {
              ...msg.params,
              result: {
                ...msg.params?.result,
                number: hex(BigInt(number) + BigInt(lieNow.leadBlocks ?? 50)),
              },
            }
          client.send(JSON.stringify(msg))
        } catch {
          client.send(text)
        }
      })
      const closeBoth = () => {
        for (const s of [client, upstream]) {
          open.delete(s)
          s.close()
        }
      }
      client.on('close', closeBoth)
      upstream.on('close', closeBoth)
      client.on('error', closeBoth)
      upstream.on('error', closeBoth)
    })
  return {
    handle,
    close: () => {
      for (const s of open) s.close()
      open.clear()
      server.close()
    },
  }
}
