import { createRequire } from 'node:module'
import {
  type Chain,
  createPublicClient,
  fallback,
  type Hex,
  http,
  type PublicClient,
  parseEther,
  parseGwei,
  webSocket,
} from 'viem'
import { fetchFeePresets } from '../src/core/fees/presets'
import { startHeadWatcher } from '../src/core/rpc/headWatcher'
import { createEndpointPool, type EndpointPool } from '../src/core/rpc/pool'
import type { SocketFactory } from '../src/core/rpc/reconnectingSocket'
import { poolTransport } from '../src/core/rpc/transport'
import { RecordStore } from '../src/core/tx/records/records'
import { observeOnce } from '../src/core/tx/track/track'
import { type FaultMode, type FaultProxy, startFaultProxy } from '../test/harness/faultProxy'
import { memoryStorage } from '../test/support/builders/memoryStorage'
import { localEndpoint } from '../test/support/builders/readPool'
import { devAccount } from '../tools/devnet/accounts'
import { rpc } from '../tools/devnet/devnet'
import type { BenchTable } from './table'

/**
 * Issue 22's liar modes, each on the FIRST of two endpoints (the other honest, both in front of one Anvil): how
 * many answers each client takes for true that are not. Hush's pool against viem's `fallback([http(a), http(b)])`.
 */
type LiarMode = 'heads-ahead' | 'forged-balance' | 'forged-receipt' | 'absurd-fees' | 'ws-wrong-chain'
const liarModes: LiarMode[] = [
  'heads-ahead',
  'forged-balance',
  'forged-receipt',
  'absurd-fees',
  'ws-wrong-chain',
]
const READS = 5
const watched = devAccount(15).address
const require = createRequire(import.meta.url)
const NodeWebSocket = require('ws') as new (url: string) => ReturnType<SocketFactory>
;(globalThis as { localStorage?: unknown }).localStorage ??= memoryStorage()

type Ctx = { anvilUrl: string; chainId: number; chain: Chain; liar: FaultProxy; honest: FaultProxy }
type Verdict = 'right' | 'wrong' | 'refused'

/** One read of what the mode lies about, judged against Anvil itself. */
async function readOnce(
  mode: LiarMode,
  ctx: Ctx,
  client: PublicClient,
  pool: EndpointPool | undefined,
): Promise<Verdict> {
  const { anvilUrl } = ctx
  try {
    if (mode === 'forged-receipt') {
      const from = devAccount(16).address
      const hash = await rpc<Hex>(anvilUrl, 'eth_sendTransaction', [
        { from, to: devAccount(17).address, value: '0x1' },
      ])
      await rpc(anvilUrl, 'anvil_mine', ['0x1'])
      if (!pool)
        return (await client.getTransactionReceipt({ hash })).status === 'success' ? 'right' : 'wrong'
      const store = new RecordStore('bench.liars')
      const record = store.add({
        id: hash.slice(0, 20),
        kind: 'transfer',
        chainId: ctx.chainId,
        from,
        hash,
        createdAt: Date.now(),
        protected: false,
        status: 'PENDING',
        privacy: 'unprotected',
      })
      const seen = await observeOnce({ reads: { ...pool, readEndpointCount: () => 2 }, store }, record.id)
      // Not final ("confirmed by one endpoint only") is no answer yet; only a false final status is wrong.
      return seen?.status === 'INCLUDED' ? 'right' : seen?.status === 'PENDING' ? 'refused' : 'wrong'
    }
    if (mode === 'absurd-fees') {
      const truth = BigInt(await rpc<string>(anvilUrl, 'eth_gasPrice'))
      const limit = truth * 10n + parseGwei('10')
      if (!pool) return (await client.estimateFeesPerGas()).maxFeePerGas > limit ? 'wrong' : 'right'
      return (await fetchFeePresets(client)).presets.normal.maxFeePerGas > limit ? 'wrong' : 'right'
    }
    const expected = parseEther(String(100 + Math.floor(Math.random() * 100_000)))
    await rpc(anvilUrl, 'anvil_setBalance', [watched, `0x${expected.toString(16)}`])
    await rpc(anvilUrl, 'anvil_mine', ['0x1'])
    if (mode === 'ws-wrong-chain' && !pool && (await client.getChainId()) !== ctx.chainId) return 'wrong'
    const [balance, head, truth] = await Promise.all([
      client.getBalance({ address: watched }),
      client.getBlockNumber({ cacheTime: 0 }),
      rpc<string>(anvilUrl, 'eth_blockNumber').then(BigInt),
    ])
    return balance === expected && head >= truth - 1n && head <= truth ? 'right' : 'wrong'
  } catch {
    return 'refused'
  }
}

async function cell(
  mode: LiarMode,
  kind: 'hush' | 'viem',
  anvil: { url: string; chainId: number },
  chain: Chain,
) {
  const liar = await startFaultProxy({ upstream: anvil.url })
  const honest = await startFaultProxy({ upstream: anvil.url })
  const ctx: Ctx = { anvilUrl: anvil.url, chainId: anvil.chainId, chain, liar, honest }
  const stops: Array<() => unknown> = [() => liar.stop(), () => honest.stop()]
  try {
    if (mode === 'ws-wrong-chain') liar.setSocketLie({ chainId: 5, leadBlocks: 50 })
    else await liar.setMode(mode as FaultMode)
    let client: PublicClient
    let pool: EndpointPool | undefined
    if (kind === 'hush') {
      const hushPool = createEndpointPool({
        chainId: anvil.chainId,
        endpoints: [localEndpoint('a', liar.url), localEndpoint('b', honest.url)],
        probeIntervalMs: 1_000,
      })
      pool = hushPool
      stops.push(() => hushPool.stop())
      await hushPool.start()
      if (mode === 'ws-wrong-chain') {
        const watcher = startHeadWatcher({
          url: liar.wsUrl,
          chainId: anvil.chainId,
          socket: (url) => new NodeWebSocket(url),
          onState: () => {},
          onHead: (n, t) => void hushPool.noteExternalHead(n, t),
          onCatchUp: () => {},
        })
        stops.push(() => watcher.stop())
      }
      client = createPublicClient({ chain, transport: poolTransport(hushPool) }) as PublicClient
    } else {
      const first = mode === 'ws-wrong-chain' ? webSocket(liar.wsUrl) : http(liar.url)
      client = createPublicClient({ chain, transport: fallback([first, http(honest.url)]) }) as PublicClient
    }
    const verdicts: Verdict[] = []
    for (let i = 0; i < READS; i++) verdicts.push(await readOnce(mode, ctx, client, pool))
    const count = (v: Verdict) => verdicts.filter((x) => x === v).length
    return [
      mode,
      kind === 'hush' ? 'hush pool' : 'viem fallback (defaults)',
      count('right'),
      count('refused'),
      count('wrong'),
    ]
  } finally {
    for (const stop of stops.reverse()) await stop()
  }
}

export async function runLiars(anvil: { url: string; chainId: number }, chain: Chain): Promise<BenchTable> {
  const rows: Array<Array<string | number>> = []
  for (const mode of liarModes)
    for (const kind of ['hush', 'viem'] as const) rows.push(await cell(mode, kind, anvil, chain))
  return {
    title:
      'Liars: one lying endpoint first of two, the other honest (answers out of 5; wrong answers must be 0)',
    columns: ['liar mode', 'client', 'right', 'no answer / not final', 'wrong answers'],
    rows,
    notes: [
      'heads-ahead: eth_blockNumber 3 above the chain; forged-balance: every balance 1,000,000 ETH (eth_getBalance and inside Multicall3 results), head 2 ahead; forged-receipt: status flipped to reverted, head 2 ahead; absurd-fees: fee history, gas price and base fee 90,000 gwei; ws-wrong-chain: the WebSocket answers chain 5 with heads 50 ahead (viem: its WebSocket transport first in the fallback).',
      'Read: a balance just changed on Anvil and the head (heads-ahead, forged-balance, ws-wrong-chain; viem also its chain id over the socket), the status of an included transfer (forged-receipt; Hush: one tracking look, "not final" = "confirmed by one endpoint only"), the fee offered (absurd-fees; wrong above 10 × Anvil gas price + 10 gwei; Hush refuses when two endpoints disagree).',
    ],
  }
}
