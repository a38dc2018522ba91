import { QueryClient, QueryObserver } from '@tanstack/react-query'
import { createConfig, http as wagmiHttp, webSocket as wagmiWebSocket, watchBlockNumber } from '@wagmi/core'
import {
  getBalanceQueryOptions,
  getBlockNumberQueryOptions,
  hashFn,
  readContractsQueryOptions,
} from '@wagmi/core/query'
import { type Address, createPublicClient, erc20Abi, http } from 'viem'
import { createQueryClient } from '../src/app/queryClient'
import { balancesPerBlockRead } from '../src/core/balances/perBlock'
import { balanceSnapshotQueryOptions, readBalancesChecked } from '../src/core/balances/queryOptions'
import type { BalancesSnapshot } from '../src/core/balances/readBalances'
import { parseRuntimeConfig } from '../src/core/config/load'
import { createRpcManager } from '../src/core/rpc/manager'
import { type FaultProxy, startFaultProxy } from '../test/harness/faultProxy'
import { memoryStorage } from '../test/support/builders/memoryStorage'
import { deployTokens, manyTokenSpecs } from '../test/support/builders/tokens'
import { devAccount } from '../tools/devnet/accounts'
import { devnetAppConfig } from '../tools/devnet/appConfig'
import { devChain } from '../tools/devnet/deploy'
import { type Devnet, rpc, startDevnet } from '../tools/devnet/devnet'
import { startAlignedMiner, startJitteredMiner, watchAnnouncements } from './blockMiner'
import type { BenchTable } from './table'
import { NodeWebSocket, startWsCounter } from './wsCounter'

/**
 * `npm run bench -- requests`: an idle Wallet page with 50 tokens, per new block — HTTP requests and JSON-RPC
 * calls (by method) at the endpoints, and the delay from each block's timestamp to balances at least that
 * new. Hush (the app's own RPC manager, block clock, balances query and per-block read, in node) runs side by
 * side with wagmi's defaults for the same page (useBlockNumber({ watch: true }) invalidating useBalance and
 * useReadContracts on each block, as wagmi 2 documents), on the same chain at the same time, each behind its
 * own counting proxies. Anvil mines every 2 s and every 12 s; with and without a WebSocket endpoint; with and
 * without Multicall3 in the chain config. A third chain ("jitter") makes a block in each 12 s slot a varying
 * 0.3–3 s after the slot starts, as mainnet does (one endpoint, no WebSocket, Hush beside wagmi's defaults).
 *
 * Blocks measured per chain: BENCH_REQUESTS_BLOCKS_2S (default 20), BENCH_REQUESTS_BLOCKS_12S (default 15) and
 * BENCH_REQUESTS_BLOCKS_JITTER (default 30). BENCH_REQUESTS_CHAINS picks the chains (default "2,12,jitter";
 * "jitter" alone runs only that row).
 */
const BLOCKS = {
  2: Number(process.env.BENCH_REQUESTS_BLOCKS_2S ?? 20),
  12: Number(process.env.BENCH_REQUESTS_BLOCKS_12S ?? 15),
  jitter: Number(process.env.BENCH_REQUESTS_BLOCKS_JITTER ?? 30),
} as const
const WARMUP_BLOCKS = 2
/** `aligned` (default): the bench mines each block at a whole second, like a real chain's slot; `anvil`: Anvil's interval miner. */
const MINER = process.env.BENCH_REQUESTS_MINER === 'anvil' ? 'anvil' : 'aligned'
type ChainKind = 2 | 12 | 'jitter'
const CHAINS = (process.env.BENCH_REQUESTS_CHAINS ?? '2,12,jitter')
  .split(',')
  .map((c) => (c === 'jitter' ? c : Number(c))) as ChainKind[]
const TOKENS = 50
const owner = devAccount(14).address

type Setup = { client: 'Hush' | 'wagmi defaults'; ws: boolean; multicall: boolean; endpoints: 1 | 2 }
type Counts = { http: number; rpc: number; byMethod: Record<string, number> }
type Contender = Setup & {
  counts: () => Counts
  reset: () => void
  /** When balances at least as new as each block were first available (block number → ms). */
  shown: Map<number, number>
  stop: () => Promise<void>
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function run(): Promise<BenchTable[]> {
  // One chain after the other: two Anvils mining at once on a 2-core machine would slow both and every delay.
  const rows: Array<Array<string | number>> = []
  for (const kind of CHAINS) rows.push(...(await measureChain(kind)))
  // The failover table comes with the 12 s chains (not with the jitter row alone).
  const failover = CHAINS.includes(12) ? await measureFailover() : undefined
  const tables: BenchTable[] = [
    {
      title: `Requests per block, idle Wallet page with ${TOKENS} tokens (Hush beside wagmi's defaults, same chain, same time)`,
      columns: [
        'block',
        'WebSocket',
        'Multicall3',
        'client',
        'HTTP endpoints',
        'blocks',
        'HTTP req / block',
        'JSON-RPC calls / block',
        'calls / block by method',
        'block timestamp → balances (median / p95 / max ms)',
        'node announced → balances (median / max ms)',
        'block timestamp → node announced (median / max ms)',
        'budget (HTTP / delay)',
      ],
      rows,
      notes: [
        'Counted at 127.0.0.1 proxies in front of one Anvil per block time (HTTP: test/harness/faultProxy.ts in pass mode; WebSocket: bench/wsCounter.ts, requests only — pushed newHeads notifications are not requests). ' +
          `Each contender runs ${WARMUP_BLOCKS} blocks of warm-up, then is counted over the blocks shown.`,
        "Hush: createRpcManager (endpoint pool, block clock, WebSocket heads), the balances query (balanceSnapshotQueryOptions + cachePolicy.balances in the app's createQueryClient) and the per-block read the Wallet page registers (balancesPerBlockRead), one HTTP endpoint unless shown. " +
          "Without Multicall3 in the config Hush uses viem's deployless multicall (one eth_call).",
        "wagmi defaults: @wagmi/core createConfig with http(url) (or webSocket(url) when a WebSocket is configured; then reads go over it), useBlockNumber({ watch: true }) polling every 4 s (wagmi's default), and on each new block useBalance and useReadContracts invalidated (wagmi 2 has no `watch` on those hooks; this is its documented replacement). " +
          'Without Multicall3 in the chain, useReadContracts falls back to one eth_call per token.',
        'Delay: for each block N in the window, the first moment balances at least as new as N were available, minus N\'s timestamp (whole seconds, so up to 1 s of the delay is Anvil mining after the second began). For wagmi, the moment both refetches triggered by block ≥ N finished. "—" in a cell: not measured.',
        'Budgets (issue 12): HTTP requests per block ≤ 1.5 at 12 s without WebSocket, ≤ 1.1 at 12 s with one, ≤ 2 at 2 s; balances within 1.5 s of the block timestamp at 12 s without WebSocket, 0.5 s with one. They apply to Hush rows with one endpoint; the two-endpoint rows show the cost of checking a standby endpoint every 30 s.',
        'Jitter (issue 23): 12 s slots, each block mined 0.3–3 s after its slot starts (timestamp: the slot start), the delay drawn block by block from the three waves seen on mainnet (bench/blockMiner.ts startJitteredMiner: 2/3 near 1.4 s, 22% near 2.4 s, 11% near 3 s; seeded, so each run has the same delays). Budget: JSON-RPC calls per block ≤ 1.5, and balances at most 1.5 s after the node announced the block (the "node announced → balances" max).',
      ],
    },
  ]
  if (failover)
    tables.push({
      title: `Failover: the endpoint in use hangs (Hush balances read, ${TOKENS} tokens, two endpoints)`,
      columns: ['read', 'duration ms', 'eth_call at hung endpoint', 'eth_call at good endpoint', 'budget'],
      rows: failover,
      notes: [
        "createRpcManager with two HTTP endpoints behind fault proxies, the chain active (probes running, as in the app); readBalancesChecked as the Wallet page's per-block read runs it. The first endpoint is switched to 'hang' (no answer) right after a good read, then the balances are read 6 times in a row. Budget (issue 12): a hung endpoint costs a read at most 2 s, once.",
      ],
    })
  return tables
}

async function measureFailover(): Promise<Array<Array<string | number>>> {
  const devnet = await startDevnet()
  const hung = await startFaultProxy({ upstream: devnet.url })
  const good = await startFaultProxy({ upstream: devnet.url })
  try {
    const tokens = (await deployTokens(devnet.url, manyTokenSpecs(TOKENS, [owner]))).slice(0, TOKENS)
    const runtime = parseRuntimeConfig(
      devnetAppConfig({
        chainId: devnet.chainId,
        rpcUrls: [hung.url, good.url],
        contracts: devnet.contracts,
      }),
    )
    const chain = runtime.chains[0]
    if (!chain) throw new Error('no chain')
    const manager = createRpcManager(runtime)
    manager.setActiveChain(chain.id)
    const client = createPublicClient({ chain: devChain(devnet.url), transport: manager.transport(chain.id) })
    const read = async () => {
      const started = performance.now()
      await readBalancesChecked(client, { chainId: chain.id, owner, tokens, multicall3: chain.multicall3 })
      return Math.round(performance.now() - started)
    }
    try {
      await manager.pool(chain.id).settled()
      await read()
      const rows: Array<Array<string | number>> = []
      const row = (label: string, ms: number | string, budget: string) => {
        rows.push([label, ms, hung.stats.byMethod.eth_call ?? 0, good.stats.byMethod.eth_call ?? 0, budget])
        hung.resetStats()
        good.resetStats()
      }
      hung.resetStats()
      good.resetStats()
      row('before the hang', await read(), '—')
      await hung.setMode('hang', { hangMs: 20_000 })
      row('first read after the endpoint in use hangs', await read(), '≤ 2000')
      const next: number[] = []
      for (let i = 0; i < 5; i++) next.push(await read())
      row('next 5 reads (max)', Math.max(...next), 'no wait')
      return rows
    } finally {
      manager.dispose()
    }
  } finally {
    await hung.stop()
    await good.stop()
    await devnet.stop()
  }
}

async function measureChain(kind: ChainKind): Promise<Array<Array<string | number>>> {
  const blockTime = kind === 'jitter' ? 12 : kind
  const devnet = await startDevnet()
  try {
    const extra = await deployTokens(devnet.url, manyTokenSpecs(TOKENS, [owner]))
    const tokens = extra.slice(0, TOKENS)
    const announcements = await watchAnnouncements(devnet.wsUrl)
    const miner =
      kind === 'jitter'
        ? startJitteredMiner(devnet.url, blockTime)
        : MINER === 'aligned'
          ? startAlignedMiner(devnet.url, blockTime)
          : await rpc(devnet.url, 'evm_setIntervalMining', [blockTime]).then(() => undefined)
    // Like a real chain, the recent history the clients find is regular: the burst of deploy blocks (0-1 s
    // apart) is two blocks back before they start.
    const deployed = Number(await rpc<string>(devnet.url, 'eth_blockNumber'))
    while (Number(await rpc<string>(devnet.url, 'eth_blockNumber')) < deployed + 2) await sleep(200)
    const setups: Setup[] = []
    if (kind === 'jitter')
      for (const client of ['Hush', 'wagmi defaults'] as const)
        setups.push({ client, ws: false, multicall: true, endpoints: 1 })
    else
      for (const ws of [false, true])
        for (const multicall of [true, false])
          for (const client of ['Hush', 'wagmi defaults'] as const)
            setups.push({ client, ws, multicall, endpoints: 1 })
    if (kind === 12)
      for (const ws of [false, true]) setups.push({ client: 'Hush', ws, multicall: true, endpoints: 2 })
    const contenders = await Promise.all(
      setups.map((s) => (s.client === 'Hush' ? startHush(devnet, tokens, s) : startWagmi(devnet, tokens, s))),
    )
    const direct = createPublicClient({ transport: http(devnet.url) })
    const head = async () => Number(await direct.getBlockNumber({ cacheTime: 0 }))
    try {
      const begin = await head()
      while ((await head()) < begin + WARMUP_BLOCKS) await sleep(100)
      for (const c of contenders) c.reset()
      const first = await head()
      const target = first + BLOCKS[kind]
      while ((await head()) < target) await sleep(50)
      const counted = contenders.map((c) => c.counts())
      const last = await head()
      // Let the last block's refresh land before reading the delays.
      await sleep(2_500)
      const blocks = last - first
      const timestamps = new Map<number, number>()
      for (let n = first + 1; n <= last; n++)
        timestamps.set(n, Number((await direct.getBlock({ blockNumber: BigInt(n) })).timestamp) * 1000)
      const announcedDelays = [...timestamps]
        .map(([n, ts]) => (announcements.announced.get(n) ?? Number.NaN) - ts)
        .filter((d) => Number.isFinite(d))
      const nodeDelay =
        announcedDelays.length === 0
          ? '—'
          : `${quantile(announcedDelays, 0.5)} / ${Math.round(Math.max(...announcedDelays))}`
      return contenders.map((c, i) => {
        const count = counted[i] as Counts
        const delays: number[] = []
        const sinceAnnounced: number[] = []
        for (const [n, ts] of timestamps) {
          const at = [...c.shown].filter(([b]) => b >= n).map(([, t]) => t)
          if (at.length === 0) continue
          delays.push(Math.min(...at) - ts)
          const announcedAt = announcements.announced.get(n)
          if (announcedAt !== undefined) sinceAnnounced.push(Math.min(...at) - announcedAt)
        }
        return [
          kind === 'jitter' ? '12 s, 0.3–3 s late' : `${blockTime} s`,
          c.ws ? 'yes' : 'no',
          c.multicall ? 'yes' : 'no',
          c.client,
          c.endpoints,
          blocks,
          (count.http / blocks).toFixed(2),
          (count.rpc / blocks).toFixed(2),
          Object.entries(count.byMethod)
            .sort((a, b) => b[1] - a[1])
            .map(([m, n]) => `${m} ${(n / blocks).toFixed(2)}`)
            .join(', '),
          delays.length === 0
            ? '—'
            : `${quantile(delays, 0.5)} / ${quantile(delays, 0.95)} / ${Math.round(Math.max(...delays))}${delays.length < blocks ? ` (${blocks - delays.length} blocks never shown)` : ''}`,
          sinceAnnounced.length === 0
            ? '—'
            : `${quantile(sinceAnnounced, 0.5)} / ${Math.round(Math.max(...sinceAnnounced))}`,
          nodeDelay,
          budget(c, kind),
        ]
      })
    } finally {
      for (const c of contenders) await c.stop()
      if (TRACE && miner && 'delays' in miner)
        console.error(`trace slot delays (ms): ${(miner.delays as number[]).join(' ')}`)
      if (TRACE)
        console.error(
          `trace announced: ${[...announcements.announced].map(([n, t]) => `#${n} ${(t % 60_000) / 1000}s`).join(', ')}`,
        )
      await miner?.stop()
      announcements.stop()
    }
  } finally {
    await devnet.stop()
  }
}

function budget(c: Setup, kind: ChainKind): string {
  if (c.client !== 'Hush' || c.endpoints !== 1) return '—'
  if (kind === 'jitter') return '≤ 1.5 calls / ≤ 1500 ms after announced'
  if (kind === 2) return '≤ 2'
  return c.ws ? '≤ 1.1 / ≤ 500 ms' : '≤ 1.5 / ≤ 1500 ms'
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN)
}

function merge(into: Record<string, number>, from: Record<string, number>) {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v
}

async function counters(devnet: Devnet, setup: Setup) {
  const proxies: FaultProxy[] = []
  for (let i = 0; i < setup.endpoints; i++) proxies.push(await startFaultProxy({ upstream: devnet.url }))
  const ws = setup.ws ? await startWsCounter(devnet.wsUrl) : undefined
  return {
    proxies,
    ws,
    counts(): Counts {
      const byMethod: Record<string, number> = {}
      for (const p of proxies) merge(byMethod, p.stats.byMethod)
      if (ws) merge(byMethod, ws.stats.byMethod)
      return {
        http: proxies.reduce((n, p) => n + p.stats.httpRequests, 0),
        rpc: proxies.reduce((n, p) => n + p.stats.rpcCalls, 0) + (ws?.stats.requests ?? 0),
        byMethod,
      }
    },
    reset() {
      for (const p of proxies) p.resetStats()
      ws?.reset()
    },
    async stop() {
      for (const p of proxies) await p.stop()
      await ws?.stop()
    },
  }
}

async function startHush(devnet: Devnet, tokens: Address[], setup: Setup): Promise<Contender> {
  const c = await counters(devnet, setup)
  const config = devnetAppConfig({
    chainId: devnet.chainId,
    rpcUrls: c.proxies.map((p) => p.url),
    wsUrls: c.ws ? [c.ws.url] : undefined,
    contracts: devnet.contracts,
  })
  if (!setup.multicall) delete (config.chains[0] as { multicall3?: string }).multicall3
  const runtime = parseRuntimeConfig(config)
  const chain = runtime.chains[0]
  if (!chain) throw new Error('no chain')
  const manager = createRpcManager(runtime, { socket: (url) => new NodeWebSocket(url) as never })
  manager.setActiveChain(chain.id)
  const queryClient = createQueryClient(memoryStorage())
  const client = createPublicClient({ chain: devChain(devnet.url), transport: manager.transport(chain.id) })
  const options = balanceSnapshotQueryOptions(client, {
    chainId: chain.id,
    owner,
    tokens,
    multicall3: chain.multicall3,
    refresh: 'per-block',
    priceFeeds: chain.priceFeeds,
  })
  const shown = new Map<number, number>()
  const observer = new QueryObserver<BalancesSnapshot>(queryClient, options as never)
  const offObserver = observer.subscribe((result) => {
    const n = result.data ? Number(result.data.blockNumber) : undefined
    if (n !== undefined && !shown.has(n)) shown.set(n, Date.now())
  })
  const offClock = manager.clock(chain.id).subscribe({
    perBlock: traced(setup, balancesPerBlockRead(queryClient, options.queryKey), () =>
      String(queryClient.getQueryState(options.queryKey)?.error ?? ''),
    ),
  })
  return {
    ...setup,
    counts: c.counts,
    reset: c.reset,
    shown,
    async stop() {
      offClock()
      offObserver()
      manager.dispose()
      queryClient.clear()
      await c.stop()
    },
  }
}

async function startWagmi(devnet: Devnet, tokens: Address[], setup: Setup): Promise<Contender> {
  const c = await counters(devnet, setup)
  const base = devChain(devnet.url)
  const chain = setup.multicall
    ? { ...base, contracts: { multicall3: { address: devnet.contracts.multicall3 } } }
    : { ...base, contracts: {} }
  const url = c.proxies[0]?.url as string
  const config = createConfig({
    chains: [chain],
    transports: { [chain.id]: c.ws ? wagmiWebSocket(c.ws.url) : wagmiHttp(url) },
  })
  const queryClient = new QueryClient({ defaultOptions: { queries: { queryKeyHashFn: hashFn } } })
  const balance = new QueryObserver(
    queryClient,
    getBalanceQueryOptions(config, { address: owner, chainId: chain.id }),
  )
  const contracts = new QueryObserver(
    queryClient,
    readContractsQueryOptions(config, {
      contracts: tokens.map((address) => ({
        address,
        abi: erc20Abi,
        functionName: 'balanceOf' as const,
        args: [owner] as const,
        chainId: chain.id,
      })),
    }) as never,
  )
  const shown = new Map<number, number>()
  const offBalance = balance.subscribe(() => undefined)
  const offContracts = contracts.subscribe(() => undefined)
  // useBlockNumber({ watch: true }): an initial read, then watchBlockNumber writing into the same query.
  const blockOptions = getBlockNumberQueryOptions(config, { chainId: chain.id })
  const blockNumber = new QueryObserver(queryClient, blockOptions)
  let last: bigint | undefined
  const offBlock = blockNumber.subscribe((result) => {
    if (result.data === undefined || result.data === last) return
    last = result.data
    const n = Number(result.data)
    const started = Date.now()
    // The page's useEffect on blockNumber: invalidate both reads; the block is shown once both refetched.
    void Promise.all([
      queryClient.invalidateQueries({
        queryKey: getBalanceQueryOptions(config, { address: owner, chainId: chain.id }).queryKey,
      }),
      queryClient.invalidateQueries({ queryKey: contracts.options.queryKey }),
    ]).then(() => {
      const fresh =
        balance.getCurrentResult().dataUpdatedAt >= started &&
        contracts.getCurrentResult().dataUpdatedAt >= started
      if (fresh && !shown.has(n)) shown.set(n, Date.now())
    })
  })
  const unwatch = watchBlockNumber(config, {
    chainId: chain.id,
    onBlockNumber: (n) => queryClient.setQueryData(blockOptions.queryKey, n),
  })
  return {
    ...setup,
    counts: c.counts,
    reset: c.reset,
    shown,
    async stop() {
      unwatch()
      // viem's WebSocket client reconnects when the counting proxy goes away; close it first.
      const transport = config.getClient({ chainId: chain.id }).transport as {
        getRpcClient?: () => Promise<{ close: () => void }>
      }
      if (setup.ws)
        await transport.getRpcClient?.().then(
          (socket) => socket.close(),
          () => undefined,
        )
      offBlock()
      offBalance()
      offContracts()
      queryClient.clear()
      await c.stop()
    },
  }
}

const TRACE = process.env.BENCH_REQUESTS_TRACE === '1'
function traced(
  setup: Setup,
  read: () => Promise<{ number: number; timestamp?: number } | undefined>,
  error: () => string,
) {
  if (!TRACE) return read
  const label = `${setup.ws ? 'ws' : 'http'}/${setup.multicall ? 'mc3' : 'deployless'}/${setup.endpoints}`
  return async () => {
    const started = Date.now()
    const result = await read()
    console.error(
      `trace ${label} look at ${(started % 60_000) / 1000}s took ${Date.now() - started}ms -> ${result ? `#${result.number} ts ${(result.timestamp ?? 0) % 60}` : `failed: ${error().slice(0, 300)}`}`,
    )
    return result
  }
}
