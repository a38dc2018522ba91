import { createPublicClient, fallback, http, type PublicClient, parseEther } from 'viem'
import type { Endpoint } from '../src/core/rpc/endpoints'
import { createEndpointPool, type EndpointPool } from '../src/core/rpc/pool'
import { defaultLocalRateLimit } from '../src/core/rpc/rateLimiter'
import { poolTransport } from '../src/core/rpc/transport'
import {
  type FaultMode,
  type FaultOptions,
  type FaultProxy,
  startFaultProxy,
} from '../test/harness/faultProxy'
import { devAccount } from '../tools/devnet/accounts'
import { startAnvil } from '../tools/devnet/anvil'
import { devChain } from '../tools/devnet/deploy'
import { rpc } from '../tools/devnet/devnet'
import { runLiars } from './liars'
import type { BenchTable } from './table'

/**
 * Per fault mode on the primary of two endpoints (both fault proxies in front of one Anvil): the Hush pool
 * against a plain viem `fallback([http(a), http(b)])` with default options, in the same run.
 */
const READS = 8
/** Reads are spaced like an app refreshing on new blocks, so probe-based demotion has time to act. */
const GAP_MS = 400
const modes: Array<[FaultMode, FaultOptions?]> = [
  ['refuse'],
  ['hang', { hangMs: 30_000 }],
  ['http500'],
  ['429', { retryAfterSeconds: 5 }],
  ['malformed'],
  ['wrong-chain', { chainId: 5 }],
  ['lagging', { lagBlocks: 5 }],
  ['slow', { minDelayMs: 1_000, maxDelayMs: 3_000 }],
  ['drop', { dropRate: 0.5 }],
]
const watched = devAccount(10).address

type Contender = { name: string; client: PublicClient; pool?: EndpointPool }

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}
const fmt = (ms: number) => (Number.isFinite(ms) ? `${Math.round(ms)}` : '—')

export async function run(): Promise<BenchTable[]> {
  const anvil = await startAnvil()
  const chain = devChain(anvil.url)
  const rows: Array<Array<string | number>> = []
  let liars: BenchTable | undefined
  try {
    for (const [mode, options] of modes) {
      for (const kind of ['hush pool', 'viem fallback (defaults)'] as const) {
        const a = await startFaultProxy({ upstream: anvil.url })
        const b = await startFaultProxy({ upstream: anvil.url })
        let contender: Contender
        if (kind === 'hush pool') {
          const endpoint = (url: string, name: string): Endpoint => ({
            id: url,
            url,
            name,
            batch: true,
            rateLimit: defaultLocalRateLimit,
            source: 'config',
            enabled: true,
          })
          const pool = createEndpointPool({
            chainId: anvil.chainId,
            endpoints: [endpoint(a.url, 'a'), endpoint(b.url, 'b')],
            probeIntervalMs: 1_000,
          })
          await pool.start()
          contender = {
            name: kind,
            pool,
            client: createPublicClient({ chain, transport: poolTransport(pool) }),
          }
        } else {
          contender = {
            name: kind,
            client: createPublicClient({ chain, transport: fallback([http(a.url), http(b.url)]) }),
          }
        }
        try {
          rows.push(await measure(contender, a, b, mode, options, anvil.url))
        } finally {
          contender.pool?.stop()
          await a.stop()
          await b.stop()
        }
      }
    }
    liars = await runLiars(anvil, chain)
  } finally {
    await anvil.stop()
  }
  return [
    ...(liars ? [liars] : []),
    {
      title: 'Provider failover: fault on the primary of two endpoints (ms; lower is better)',
      columns: [
        'mode',
        'client',
        'healthy read (median of 7)',
        'first read after fault',
        `reads 2–${READS} after fault (median)`,
        'time until demoted',
        'requests per read',
        'wrong answers',
      ],
      rows,
      notes: [
        `Each read is getBalance after a fresh balance change in a new block, so a lagging endpoint's answer is visibly stale (counted in "wrong answers"). ${READS} reads per cell, ${GAP_MS} ms apart; the pool probes every 1 s here (4 s by default in the app).`,
        'Requests per read = HTTP requests both proxies received during the reads after the fault, divided by the reads; for the pool this includes its 1 s health probes (chain id + head, batched).',
        '"time until demoted": from the fault until the pool reports the primary as down/degraded/wrong-chain; viem fallback without rank never demotes (—).',
      ],
    },
  ]
}

async function measure(
  c: Contender,
  a: FaultProxy,
  b: FaultProxy,
  mode: FaultMode,
  options: FaultOptions | undefined,
  anvilUrl: string,
): Promise<Array<string | number>> {
  let expected = 0n
  const read = async () => {
    expected = parseEther(String(100 + Math.floor(Math.random() * 100_000)))
    await rpc(anvilUrl, 'anvil_setBalance', [watched, `0x${expected.toString(16)}`])
    await rpc(anvilUrl, 'anvil_mine', ['0x1'])
    const started = performance.now()
    const balance = await c.client.getBalance({ address: watched })
    return { ms: performance.now() - started, wrong: balance !== expected }
  }
  // Warm: connections open, endpoints verified; leaves the head 6+ blocks up so lag is measurable.
  await rpc(anvilUrl, 'anvil_mine', ['0x8'])
  const healthy: number[] = []
  for (let i = 0; i < 7; i++) healthy.push((await read()).ms)

  a.resetStats()
  b.resetStats()
  const faultAt = performance.now()
  let demotedAfter = Number.NaN
  const watch = c.pool
    ? setInterval(() => {
        const status = c.pool?.getSnapshot().endpoints[0]?.status
        if (Number.isNaN(demotedAfter) && status && ['down', 'degraded', 'wrong-chain'].includes(status))
          demotedAfter = performance.now() - faultAt
      }, 5)
    : undefined
  await a.setMode(mode, options)
  const after: Array<{ ms: number; wrong: boolean }> = []
  try {
    for (let i = 0; i < READS; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, GAP_MS))
      after.push(await read().catch(() => ({ ms: Number.NaN, wrong: true })))
    }
  } finally {
    if (watch) clearInterval(watch)
  }
  const requests = a.stats.httpRequests + b.stats.httpRequests
  return [
    mode,
    c.name,
    fmt(median(healthy)),
    fmt(after[0]?.ms ?? Number.NaN),
    fmt(median(after.slice(1).map((r) => r.ms))),
    c.pool ? fmt(demotedAfter) : '—',
    (requests / READS).toFixed(1),
    after.filter((r) => r.wrong).length,
  ]
}
