import { createRequire } from 'node:module'
import { createWalletClient, type Hex, http } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { SocketFactory } from '../src/core/rpc/reconnectingSocket'
import { newRecordId, RecordStore, type TxRecord } from '../src/core/tx/records/records'
import { createPendingWatch } from '../src/core/tx/track/pendingWatch'
import { type TrackDeps, trackUntilFinal } from '../src/core/tx/track/track'
import { type FaultProxy, startFaultProxy } from '../test/harness/faultProxy'
import { memoryStorage } from '../test/support/builders/memoryStorage'
import { startReadPool } from '../test/support/builders/readPool'
import { devAccount, devPrivateKey } from '../tools/devnet/accounts'
import { devChain } from '../tools/devnet/deploy'
import { rpc, startDevnet } from '../tools/devnet/devnet'
import { startProtectStandIn } from '../tools/protect/standin'
import type { BenchTable } from './table'

const pendingCount = 3
const blocks = 20
const blockMs = 1_000
const nodeSocket = createRequire(import.meta.url)('ws').WebSocket as new (
  url: string,
) => ReturnType<SocketFactory>

type Phase = { http: number; byMethod: Record<string, number>; wsSent: number; wsPushed: number }

/**
 * What the own public-mempool watch costs: the app's tracking loops (core/tx/track, 1 s interval as in the
 * shell) over the app's endpoint pool with two read endpoints, each a counting proxy in front of Anvil, for
 * transactions kept pending privately by the local Protect stand-in (not Flashbots Protect) while the bench
 * mines a block every second. Three phases over the same blocks count: nothing tracked (the pool's own
 * probes), the transactions tracked as protected (the watch on: by-hash reads rotated over the endpoints, the
 * WebSocket pending stream), and the same transactions tracked as unprotected (no watch).
 */
export async function run(): Promise<BenchTable[]> {
  ;(globalThis as { localStorage?: unknown }).localStorage = memoryStorage()
  const devnet = await startDevnet()
  const standIn = await startProtectStandIn({ upstreamUrl: devnet.url, chainId: devnet.chainId, pollMs: 200 })
  const proxies: FaultProxy[] = [
    await startFaultProxy({ upstream: devnet.url }),
    await startFaultProxy({ upstream: devnet.url }),
  ]
  const pool = await startReadPool(
    devnet.chainId,
    proxies.map((p) => p.url),
  )
  const ws = { sent: 0, pushed: 0, subscribes: 0 }
  // Counts the frames the pending watch sends and the notifications it is pushed.
  const socket: SocketFactory = (url) => {
    const real = new nodeSocket(url)
    const counted: ReturnType<SocketFactory> = {
      onopen: null,
      onmessage: null,
      onclose: null,
      onerror: null,
      send: (data) => {
        ws.sent++
        if (data.includes('eth_subscribe')) ws.subscribes++
        real.send(data)
      },
      close: () => real.close(),
    }
    real.onopen = (ev) => counted.onopen?.(ev)
    real.onmessage = (ev) => {
      if (String(ev.data).includes('eth_subscription')) ws.pushed++
      counted.onmessage?.(ev)
    }
    real.onclose = (ev) => counted.onclose?.(ev)
    real.onerror = (ev) => counted.onerror?.(ev)
    return counted
  }
  const streams = createPendingWatch({ urls: [devnet.wsUrl], socket })
  try {
    const store = new RecordStore('bench.watch')
    const sent: TxRecord[] = []
    for (let i = 0; i < pendingCount; i++) {
      const account = 40 + i
      const signer = privateKeyToAccount(devPrivateKey(account))
      standIn.setBehaviour(signer.address, { blockWindow: 1000, inclusionDelayBlocks: 1000 })
      const wallet = createWalletClient({
        chain: devChain(standIn.rpcUrl, devnet.chainId),
        account: signer,
        transport: http(standIn.rpcUrl, { retryCount: 0 }),
      })
      const createdAt = Date.now()
      const nonce = Number(await rpc(devnet.url, 'eth_getTransactionCount', [signer.address, 'latest']))
      const hash: Hex = await wallet.sendTransaction({ to: devAccount(2).address, value: 1n, gas: 21_000n })
      sent.push({
        id: newRecordId(),
        kind: 'transfer',
        chainId: devnet.chainId,
        from: signer.address,
        hash,
        nonce,
        createdAt,
        protected: true,
        status: 'PENDING',
        privacy: 'checking',
      })
    }
    const reads = { ...pool, readEndpointCount: () => proxies.length }

    const phase = async (records: TxRecord[], deps: TrackDeps): Promise<Phase> => {
      const controller = new AbortController()
      const ids = records.map((r) => store.add({ ...r, id: newRecordId() }).id)
      const loops = ids.map((id) =>
        trackUntilFinal(deps, id, { intervalMs: 1000, signal: controller.signal, maxPolls: 10_000 }),
      )
      // One block of warm-up (first looks, stream subscription), then count.
      await new Promise((r) => setTimeout(r, blockMs))
      await rpc(devnet.url, 'evm_mine')
      await new Promise((r) => setTimeout(r, blockMs))
      for (const p of proxies) p.resetStats()
      ws.sent = 0
      ws.pushed = 0
      for (let b = 0; b < blocks; b++) {
        await rpc(devnet.url, 'evm_mine')
        await new Promise((r) => setTimeout(r, blockMs))
      }
      const byMethod: Record<string, number> = {}
      for (const p of proxies)
        for (const [m, n] of Object.entries(p.stats.byMethod)) byMethod[m] = (byMethod[m] ?? 0) + n
      const result = {
        http: proxies.reduce((sum, p) => sum + p.stats.httpRequests, 0),
        byMethod,
        wsSent: ws.sent,
        wsPushed: ws.pushed,
      }
      controller.abort()
      await Promise.all(loops)
      return result
    }

    const idle = await phase([], { reads, store })
    ws.subscribes = 0
    streams.setActive(true)
    const watched = await phase(sent, { reads, store, statusUrl: standIn.statusUrl, pendingStreams: streams })
    streams.setActive(false)
    const subscribes = ws.subscribes
    const unwatched = await phase(
      sent.map((r) => ({ ...r, protected: false, privacy: 'unprotected' as const })),
      { reads, store },
    )
    const per = (n: number) => (n / (pendingCount * blocks)).toFixed(2)
    const method = (p: Phase, m: string) => (p.byMethod[m] ?? 0) - (idle.byMethod[m] ?? 0)
    const row = (label: string, f: (p: Phase) => number): Array<string | number> => [
      label,
      per(f(watched)),
      per(f(unwatched)),
      per(f(watched) - f(unwatched)),
    ]
    return [
      {
        title:
          'Own public-mempool watch: cost per pending transaction per block (tracking loops, two read endpoints)',
        columns: ['measure', 'watch on (protected)', 'no watch (unprotected)', 'extra caused by the watch'],
        rows: [
          row('HTTP requests to the read endpoints', (p) => p.http - idle.http),
          row('  eth_blockNumber', (p) => method(p, 'eth_blockNumber')),
          row('  eth_getTransactionByHash', (p) => method(p, 'eth_getTransactionByHash')),
          row('  eth_getTransactionReceipt', (p) => method(p, 'eth_getTransactionReceipt')),
          row('  eth_getTransactionCount', (p) => method(p, 'eth_getTransactionCount')),
          row('WebSocket frames sent (eth_subscribe)', (p) => p.wsSent),
          row('WebSocket notifications pushed', (p) => p.wsPushed),
        ],
        notes: [
          `${pendingCount} transactions kept pending by the stand-in, ${blocks} blocks at ${blockMs} ms, counted by two counting proxies (test/support/fault-proxy) in front of Anvil; the pool's own probes measured alone over the same number of blocks (${idle.http} HTTP requests: ${JSON.stringify(idle.byMethod)}) are taken out of every figure.`,
          'The by-hash read is the watch and also the inclusion check (a receipt is read only once it shows a block), so the watch adds no request of its own per block; the pending stream is one subscription per WebSocket endpoint for all pending transactions, pushed, no request per block. Protect status-API calls (one per block per protected transaction) go to Protect, not to the read endpoints, and are not counted here.',
          `The pending stream sent ${subscribes} eth_subscribe in the whole watched phase (at its start, for all ${pendingCount} transactions); nothing was pushed because nothing public was sent on this devnet.`,
          `Raw: watch on ${watched.http} HTTP requests ${JSON.stringify(watched.byMethod)}; no watch ${unwatched.http} ${JSON.stringify(unwatched.byMethod)}.`,
        ],
      },
    ]
  } finally {
    streams.dispose()
    pool.stop()
    for (const p of proxies) await p.stop()
    await standIn.stop()
    await devnet.stop()
  }
}
