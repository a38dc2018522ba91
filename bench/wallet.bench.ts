import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { QueryObserver } from '@tanstack/react-query'
import { type Address, type Client, createPublicClient, erc20Abi, http } from 'viem'
import { getBalance, readContract } from 'viem/actions'
import { createQueryClient } from '../src/app/queryClient'
import { balancesPerBlockRead } from '../src/core/balances/perBlock'
import { balanceSnapshotQueryOptions } from '../src/core/balances/queryOptions'
import { type BalancesSnapshot, readBalances } from '../src/core/balances/readBalances'
import { parseRuntimeConfig } from '../src/core/config/load'
import type { RuntimeConfig } from '../src/core/config/schema'
import { createRpcManager } from '../src/core/rpc/manager'
import { type FaultProxy, startFaultProxy } from '../test/harness/faultProxy'
import { deployTokens, manyTokenSpecs } from '../test/support/builders/tokens'
import { devAccount } from '../tools/devnet/accounts'
import { devnetAppConfig } from '../tools/devnet/appConfig'
import { devChain } from '../tools/devnet/deploy'
import { rpc, startDevnet } from '../tools/devnet/devnet'
import type { BenchTable } from './table'
import { NodeWebSocket } from './wsCounter'

const tokenCounts = [1, 10, 50, 200]
const heapBlocks = 1_000
const heapTokens = 50

/**
 * Wallet refresh cost and memory. Requests are counted by the fault proxy (mode `pass`) in front of a real
 * Anvil; heap is measured in node running the app's own core + TanStack Query code (see the notes).
 */
export async function run(): Promise<BenchTable[]> {
  const devnet = await startDevnet()
  const proxy = await startFaultProxy({ upstream: devnet.url })
  try {
    const owner = devAccount(12).address
    const tokens = await deployTokens(devnet.url, manyTokenSpecs(Math.max(...tokenCounts), [owner]))
    const runtime = parseRuntimeConfig(
      devnetAppConfig({ chainId: devnet.chainId, rpcUrls: [proxy.url], contracts: devnet.contracts }),
    )
    const manager = createRpcManager(runtime)
    const appClient = createPublicClient({
      chain: devChain(proxy.url),
      transport: manager.transport(devnet.chainId),
    })
    // The baseline: viem/wagmi defaults with batching off (no JSON-RPC batch, no multicall aggregation).
    const naiveClient = createPublicClient({ chain: devChain(proxy.url), transport: http(proxy.url) })

    const rows: Array<Array<string | number>> = []
    for (const n of tokenCounts) {
      const subset = tokens.slice(0, n)
      const hush = await measure(proxy, () =>
        readBalances(appClient, {
          chainId: devnet.chainId,
          owner,
          tokens: subset,
          multicall3: devnet.contracts.multicall3,
        }),
      )
      const fallback = await measure(proxy, () =>
        readBalances(appClient, { chainId: devnet.chainId, owner, tokens: subset }),
      )
      const naive = await measure(proxy, () => naiveRefresh(naiveClient, owner, subset))
      rows.push([
        n,
        hush.http,
        hush.rpc,
        hush.unreadable,
        fallback.http,
        fallback.rpc,
        fallback.unreadable,
        naive.http,
        naive.rpc,
      ])
    }
    manager.dispose()

    const heapRuntime = parseRuntimeConfig(
      devnetAppConfig({
        chainId: devnet.chainId,
        rpcUrls: [devnet.url],
        wsUrls: [devnet.wsUrl],
        contracts: devnet.contracts,
      }),
    )
    const heap = await measureHeap(
      heapRuntime,
      devnet.url,
      devnet.chainId,
      owner,
      tokens.slice(0, heapTokens),
      devnet.contracts.multicall3,
    )
    return [
      {
        title: 'Wallet: requests per balance refresh (ETH + N tokens), counted at the RPC endpoint',
        columns: [
          'tokens',
          'Hush HTTP',
          'Hush JSON-RPC calls',
          'Hush unreadable',
          'no-Multicall3 fallback HTTP',
          'fallback JSON-RPC calls',
          'fallback unreadable',
          'naive HTTP',
          'naive JSON-RPC calls',
        ],
        rows,
        notes: [
          "Hush: readBalances through the app's endpoint-pool transport with Multicall3 (block number, ETH and every balanceOf in one aggregate3, chunking off). " +
            'Fallback: the same transport on a chain without Multicall3. Naive: getBalance + one balanceOf per token with viem defaults and batching off. ' +
            'Each figure is one refresh after a warm-up refresh, counted by test/harness/faultProxy.ts in pass mode. ' +
            '"unreadable": token rows the refresh could not read (shown as "could not read", never 0); the fallback sends one call per token, ' +
            "so it can exhaust the endpoint pool's per-call rate limit (local default 200/s, burst 400).",
        ],
      },
      {
        title: `Wallet: JS heap after ${heapBlocks} blocks with ${heapTokens} tokens watched`,
        columns: ['blocks', 'refreshes', 'heap before (MB)', 'heap after (MB)', 'growth (MB)', 'target'],
        rows: [
          [
            heap.blocks,
            heap.refreshes,
            mb(heap.before),
            mb(heap.after),
            mb(heap.after - heap.before),
            '< 10 MB',
          ],
        ],
        notes: [
          "Measured in node (not a browser): the app's createQueryClient (with cache persistence to an in-memory Storage), " +
            "a QueryObserver on the balances query as useQuery creates, refreshed the way the Wallet page does it: the RPC manager's block clock running balancesPerBlockRead on each new head " +
            "(heads pushed by the devnet's WebSocket endpoint, as on a chain configured with one), all reads through the app's endpoint-pool transport. " +
            'Blocks are mined one at a time with evm_mine as fast as each refresh completes; heapUsed is read after a forced GC, ' +
            `before = after ${heap.warmup} warm-up blocks.`,
        ],
      },
    ]
  } finally {
    await proxy.stop()
    await devnet.stop()
  }
}

async function naiveRefresh(client: Client, owner: Address, tokens: readonly Address[]) {
  await Promise.all([
    getBalance(client, { address: owner }),
    ...tokens.map((address) =>
      readContract(client, { address, abi: erc20Abi, functionName: 'balanceOf', args: [owner] }),
    ),
  ])
}

async function measure(proxy: FaultProxy, refresh: () => Promise<unknown>) {
  await refresh()
  proxy.resetStats()
  const result = await refresh()
  const reads = (result as BalancesSnapshot | undefined)?.tokens
  const unreadable = reads ? Object.values(reads).filter((r) => r.status === 'error').length : 0
  return { http: proxy.stats.httpRequests, rpc: proxy.stats.rpcCalls, unreadable }
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(2)
}

function forceGc(): () => void {
  setFlagsFromString('--expose_gc')
  return runInNewContext('gc') as () => void
}

async function measureHeap(
  runtime: RuntimeConfig,
  url: string,
  chainId: number,
  owner: Address,
  tokens: Address[],
  multicall3: Address,
) {
  const gc = forceGc()
  const map = new Map<string, string>()
  const storage = {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  }
  const queryClient = createQueryClient(storage)
  const manager = createRpcManager(runtime, { socket: (u) => new NodeWebSocket(u) as never })
  manager.setActiveChain(chainId)
  const client = createPublicClient({ chain: devChain(url), transport: manager.transport(chainId) })
  const options = balanceSnapshotQueryOptions(client, {
    chainId,
    owner,
    tokens,
    multicall3,
    refresh: 'per-block',
    priceFeeds: undefined,
  })
  const observer = new QueryObserver<BalancesSnapshot>(queryClient, options)
  let latest = 0n
  let refreshes = 0
  const unsubscribe = observer.subscribe((result) => {
    if (result.data && result.data.blockNumber > latest) {
      latest = result.data.blockNumber
      refreshes++
    }
  })
  // The Wallet page's refresh: the block clock runs the balances query's per-block read on each new head.
  const unwatch = manager
    .clock(chainId)
    .subscribe({ perBlock: balancesPerBlockRead(queryClient, options.queryKey) })
  const waitForBlock = async (target: bigint) => {
    const deadline = Date.now() + 10_000
    while (latest < target) {
      if (Date.now() > deadline) throw new Error(`balances did not reach block ${target}`)
      await new Promise((r) => setTimeout(r, 5))
    }
  }
  const mine = async () => {
    await rpc(url, 'evm_mine')
    await waitForBlock(BigInt(await rpc<string>(url, 'eth_blockNumber')))
  }
  try {
    const warmup = 50
    for (let i = 0; i < warmup; i++) await mine()
    gc()
    const before = process.memoryUsage().heapUsed
    const startRefreshes = refreshes
    for (let i = 0; i < heapBlocks; i++) await mine()
    await new Promise((r) => setTimeout(r, 1_200)) // let the throttled persistence write settle
    gc()
    const after = process.memoryUsage().heapUsed
    return { blocks: heapBlocks, refreshes: refreshes - startRefreshes, before, after, warmup }
  } finally {
    unwatch()
    unsubscribe()
    queryClient.clear()
    manager.dispose()
  }
}
