import type { ConsoleMessage, Page } from '@playwright/test'
import {
  type Address,
  createPublicClient,
  erc20Abi,
  formatUnits,
  getAddress,
  type Hex,
  http,
  type PublicClient,
} from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { devAccount } from '../../tools/devnet/accounts'
import type { StaticServer } from '../../tools/staticServer'
import {
  type FaultMode,
  type FaultOptions,
  type FaultProxy,
  type SocketProxy,
  startFaultProxy,
  startSocketProxy,
} from '../harness/faultProxy'
import type { TestWallet } from '../harness/wallet/testWallet'
import { connectThroughModal, expect, test } from './fixtures'
import { reviewBatch } from './flows'
import { serveApp } from './stack'

/**
 * The chaos run (issue 7): about three minutes of the built app on the shared e2e devnet while the first read
 * endpoint cycles through every fault mode, the WebSocket endpoint is dropped and restored, and the wallet
 * switches accounts and to an unsupported chain and back. Meanwhile transfers go out through the Send page
 * (wallet RPC = the Protect stand-in) and one batch through the Batch page.
 */

// Chaos accounts (8-9): no other spec uses them.
const accountIndexes = [8, 9]
const RUN_MS = 180_000
const MODE_MS = 4_000
const UNSUPPORTED_CHAIN = 1_337_999

const modes: Array<[FaultMode, FaultOptions?]> = [
  ['pass'],
  ['refuse'],
  ['hang', { hangMs: 10_000 }],
  ['http500'],
  ['429', { retryAfterSeconds: 1 }],
  ['malformed'],
  ['wrong-chain', { chainId: 1 }],
  ['lagging', { lagBlocks: 5 }],
  ['slow', { minDelayMs: 500, maxDelayMs: 2_500 }],
  ['drop', { dropRate: 0.5 }],
]

let first: FaultProxy
let second: FaultProxy
let ws: SocketProxy
let server: StaticServer

test.beforeAll(async () => {
  const env = JSON.parse(process.env.HUSH_E2E_ENV ?? '{}') as import('./env').E2eEnv
  first = await startFaultProxy({ upstream: env.rpcUrl })
  second = await startFaultProxy({ upstream: env.rpcUrl })
  const wsUrl = new URL(env.wsUrl)
  ws = await startSocketProxy({ upstreamPort: Number(wsUrl.port), path: wsUrl.pathname })
  server = await serveApp(env, { rpcUrls: [first.url, second.url], wsUrls: [ws.url], protect: true })
})

test.afterAll(async () => {
  await server?.stop()
  await ws?.stop()
  await first?.stop()
  await second?.stop()
})

type Token = { address: Address; symbol: string; decimals: number }

type Shown = {
  address: string
  status: string
  block: string
  eth: { text: string; state: string } | null
  tokens: Record<string, { title: string; state: string } | null>
}

/** What the Wallet page shows right now, read in one synchronous pass over the DOM. */
async function readShown(page: Page, tokens: Token[]): Promise<Shown | null> {
  return await page.evaluate(
    (addresses) => {
      const q = (id: string) => document.querySelector(`[data-testid="${id}"]`)
      const address = q('account-address')?.textContent
      const status = q('balances-status')?.getAttribute('data-state')
      if (!address || !status) return null
      const eth = q('eth-balance')
      const tokenCells: Record<string, { title: string; state: string } | null> = {}
      for (const a of addresses) {
        const cell = q(`token-balance-${a}`)
        tokenCells[a] = cell
          ? { title: cell.getAttribute('title') ?? '', state: cell.getAttribute('data-state') ?? '' }
          : null
      }
      return {
        address,
        status,
        block: q('balances-block')?.textContent ?? '',
        eth: eth
          ? { text: eth.getAttribute('title') ?? '', state: eth.getAttribute('data-state') ?? '' }
          : null,
        tokens: tokenCells,
      }
    },
    tokens.map((t) => t.address),
  )
}

type SampleTally = {
  samples: number
  matched: number
  marked: number
  notShown: number
  mismatches: string[]
}

/**
 * One sample: the chain head before and after reading the DOM, then every shown value compared with Anvil's
 * value for the shown account at each block from (head before − 1) to (head after). A value that matches none
 * of them must be marked stale or cached, else it is a mismatch.
 */
async function sample(page: Page, client: PublicClient, tokens: Token[], tally: SampleTally) {
  const before = await client.getBlockNumber({ cacheTime: 0 })
  const shown = await readShown(page, tokens)
  const after = await client.getBlockNumber({ cacheTime: 0 })
  if (!shown || !/^0x[0-9a-fA-F]{40}$/.test(shown.address)) return
  const owner = getAddress(shown.address)
  const blocks: bigint[] = []
  for (let b = before > 0n ? before - 1n : 0n; b <= after; b++) blocks.push(b)
  const ethAt = await Promise.all(
    blocks.map((blockNumber) => client.getBalance({ address: owner, blockNumber })),
  )
  const tokenAt = await Promise.all(
    tokens.map((t) =>
      Promise.all(
        blocks.map((blockNumber) =>
          client.readContract({
            address: t.address,
            abi: erc20Abi,
            functionName: 'balanceOf',
            args: [owner],
            blockNumber,
          }),
        ),
      ),
    ),
  )
  tally.samples++
  const judge = (what: string, state: string, shownText: string, candidates: string[]) => {
    if (state === 'loading' || state === 'failed' || state === 'unreadable') {
      tally.notShown++
      return
    }
    if (candidates.includes(shownText)) tally.matched++
    else if (state === 'stale' || state === 'cached') tally.marked++
    else
      tally.mismatches.push(
        `${new Date().toISOString()} ${owner} ${what}: shown "${shownText}" (${state}, ${shown.block}, status ${shown.status}) but chain at blocks ${blocks[0]}..${after} had ${[...new Set(candidates)].join(' / ')}`,
      )
  }
  if (shown.eth)
    judge(
      'ETH',
      shown.eth.state,
      shown.eth.text,
      ethAt.map((v) => `${formatUnits(v, 18)} ETH`),
    )
  tokens.forEach((t, i) => {
    const cell = shown.tokens[t.address]
    if (!cell) return
    judge(
      t.symbol,
      cell.state,
      cell.title,
      (tokenAt[i] ?? []).map((v) => `${formatUnits(v, t.decimals)} ${t.symbol}`),
    )
  })
}

async function forceGcHeap(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  try {
    await cdp.send('HeapProfiler.enable')
    await cdp.send('HeapProfiler.collectGarbage')
    await cdp.send('HeapProfiler.collectGarbage')
    return await page.evaluate(
      () => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize,
    )
  } finally {
    await cdp.detach()
  }
}

const freshAddress = (): Address => privateKeyToAccount(generatePrivateKey()).address
const nav = (page: Page, name: string) => page.getByRole('link', { name, exact: true }).click()

async function sendTransfer(page: Page, symbol: string, to: Address, amount: string): Promise<Hex> {
  await nav(page, 'Send')
  await expect(page.getByRole('heading', { level: 1, name: 'Send' })).toBeVisible()
  const again = page.getByRole('button', { name: 'New transfer' })
  if (await again.isVisible()) await again.click()
  await expect(page.getByTestId('protection-state')).toContainText('Protected', { timeout: 30_000 })
  const option = page.locator('#send-asset option', { hasText: new RegExp(`^${symbol} `) })
  await expect(option).toHaveCount(1, { timeout: 30_000 })
  await page.getByLabel('Asset').selectOption((await option.getAttribute('value')) ?? '')
  await page.getByLabel('Recipient (address or ENS name)').fill(to)
  await page.getByLabel(/^Amount/).fill(amount)
  const review = page.getByRole('button', { name: 'Review' })
  await expect(review).toBeEnabled({ timeout: 30_000 })
  await review.click()
  await expect(page.getByTestId('simulation')).toContainText('Simulation succeeded', { timeout: 30_000 })
  const send = page.getByTestId('send-button')
  await expect(send).toBeEnabled({ timeout: 30_000 })
  await send.click()
  const hash = page.getByTestId('tx-hash')
  await expect(hash).toHaveText(/^0x[0-9a-f]{64}$/, { timeout: 30_000 })
  return (await hash.textContent()) as Hex
}

async function sendBatch(page: Page, token: Token, to: Address): Promise<void> {
  await nav(page, 'Batch')
  await expect(page.getByRole('heading', { level: 1, name: 'Batch' })).toBeVisible()
  await page.getByRole('button', { name: '+ ETH transfer' }).click()
  const eth = page.getByTestId('batch-action').last()
  await eth.getByLabel('Recipient address').fill(to)
  await eth.getByLabel(/^Amount/).fill('0.002')
  await page.getByRole('button', { name: '+ Token transfer' }).click()
  const tok = page.getByTestId('batch-action').last()
  await tok.getByLabel('Token').selectOption(token.address)
  await tok.getByLabel('Recipient address').fill(to)
  await tok.getByLabel('Amount').fill('1.5')
  const review = await reviewBatch(page)
  await expect(review.getByTestId('simulation-status')).toContainText('Every action succeeds in order', {
    timeout: 30_000,
  })
  await expect(page.getByTestId('protection-state')).toContainText('Protected', { timeout: 30_000 })
  await review.getByRole('button', { name: 'Send 2 transactions one by one' }).click()
  await expect(page.getByTestId('batch-run-status')).toContainText('All 2 steps succeeded', {
    timeout: 60_000,
  })
}

/** Browser logs for a failed request to one of our own fault-injected endpoints: expected during chaos. */
function isExpectedRpcFailureLog(msg: ConsoleMessage, faultyOrigins: string[]): boolean {
  const where = msg.location().url
  const text = msg.text()
  const ours = faultyOrigins.some((o) => where.startsWith(o) || text.includes(o.replace(/^http/, 'ws')))
  return (
    ours &&
    /Failed to load resource|net::ERR_|WebSocket connection to .* failed|the server responded with a status of (429|500)/.test(
      text,
    )
  )
}

test('chaos: faults, a dropped WebSocket, account and chain switches while sending; balances, activity, console and heap hold', async ({
  page,
  env,
  makeWallet,
}) => {
  test.setTimeout(420_000)
  const tokens = env.contracts.tokens as Token[]
  const dusd = tokens.find((t) => t.symbol === 'DUSD') ?? tokens[0]!
  const client = createPublicClient({ transport: http(env.rpcUrl) }) as PublicClient
  const wallet: TestWallet = await makeWallet({
    accounts: accountIndexes,
    chains: { [env.chainId]: env.protectRpcUrl },
  })

  const consoleErrors: string[] = []
  const expectedLogs: string[] = []
  const faultyOrigins = [first.url, second.url, ws.url.replace(/^ws/, 'http')]
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`))
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return
    if (isExpectedRpcFailureLog(msg, faultyOrigins)) expectedLogs.push(msg.text())
    else consoleErrors.push(`console.error: ${msg.text()} @ ${msg.location().url}`)
  })

  await page.goto(`${server.url}/#/wallet`)
  await connectThroughModal(page)
  await expect(page.getByTestId('account-address')).toHaveText(devAccount(8).address)
  await expect(page.getByTestId('balances-status')).toHaveAttribute('data-state', 'fresh', {
    timeout: 30_000,
  })
  const heapStart = await forceGcHeap(page)

  const started = Date.now()
  const elapsed = () => Date.now() - started
  let running = true
  const modeLog: string[] = []
  const wsLog: string[] = []
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

  // The first endpoint cycles through every mode, a few seconds each, until the run ends.
  const faults = (async () => {
    for (let i = 0; running && elapsed() < RUN_MS + 60_000; i++) {
      const [mode, options] = modes[i % modes.length]!
      await first.setMode(mode, options)
      modeLog.push(mode)
      await pause(MODE_MS)
    }
    await first.setMode('pass')
  })()
  // The WebSocket endpoint is dropped for 6 s every 20 s.
  const sockets = (async () => {
    while (running && elapsed() < RUN_MS + 60_000) {
      await pause(14_000)
      if (!running) break
      await ws.kill()
      wsLog.push('dropped')
      await pause(6_000)
      await ws.revive()
      wsLog.push('restored')
    }
    await ws.revive()
  })()

  const tally: SampleTally = { samples: 0, matched: 0, marked: 0, notShown: 0, mismatches: [] }
  const outages: string[] = []
  /**
   * Samples the Wallet page for `ms`. With `outage`, the second endpoint also fails for 5 s in the middle, so
   * whenever the first is faulty or cooling down every read fails and the page must mark its values stale.
   */
  const sampleWallet = async (ms: number, outage?: FaultMode) => {
    await nav(page, 'Wallet')
    await expect(page.getByTestId('account-address')).toBeVisible()
    const startedAt = Date.now()
    const until = startedAt + ms
    let phase: 'before' | 'down' | 'after' = outage ? 'before' : 'after'
    try {
      while (Date.now() < until) {
        if (outage && phase === 'before' && Date.now() - startedAt > 2_000) {
          await second.setMode(outage)
          outages.push(outage)
          phase = 'down'
        } else if (phase === 'down' && Date.now() - startedAt > 7_000) {
          await second.setMode('pass')
          phase = 'after'
        }
        await sample(page, client, tokens, tally)
        await pause(400)
      }
    } finally {
      if (phase === 'down') await second.setMode('pass')
    }
  }

  const sent: Array<{ hash: Hex; what: string }> = []
  const actions: Array<{ name: string; run: () => Promise<void> }> = [
    {
      name: 'ETH transfer from account 8',
      run: async () => {
        sent.push({ hash: await sendTransfer(page, 'ETH', freshAddress(), '0.0101'), what: '0.0101 ETH' })
      },
    },
    {
      name: 'switch to account 9',
      run: async () => {
        await wallet.switchAccount(1)
        await expect(page.getByTestId('account-address')).toHaveText(devAccount(9).address)
      },
    },
    {
      name: 'DUSD transfer from account 9',
      run: async () => {
        sent.push({ hash: await sendTransfer(page, dusd.symbol, freshAddress(), '2.25'), what: '2.25 DUSD' })
      },
    },
    {
      name: 'unsupported chain and back through the banner',
      run: async () => {
        await wallet.switchChain(UNSUPPORTED_CHAIN)
        const banner = page.getByTestId('wrong-chain')
        await expect(banner).toContainText(`chain ${UNSUPPORTED_CHAIN}`)
        await banner.getByRole('button', { name: 'Switch to Hush Devnet' }).click()
        await expect(banner).toHaveCount(0)
      },
    },
    { name: 'batch from account 9', run: () => sendBatch(page, dusd, freshAddress()) },
    {
      name: 'switch to account 8',
      run: async () => {
        await wallet.switchAccount(0)
        await expect(page.getByTestId('account-address')).toHaveText(devAccount(8).address)
      },
    },
    {
      name: 'DUSD transfer from account 8',
      run: async () => {
        sent.push({
          hash: await sendTransfer(page, dusd.symbol, freshAddress(), '1.125'),
          what: '1.125 DUSD',
        })
      },
    },
    {
      name: 'switch to account 9',
      run: async () => {
        await wallet.switchAccount(1)
        await expect(page.getByTestId('account-address')).toHaveText(devAccount(9).address)
      },
    },
    {
      name: 'ETH transfer from account 9',
      run: async () => {
        sent.push({ hash: await sendTransfer(page, 'ETH', freshAddress(), '0.0202'), what: '0.0202 ETH' })
      },
    },
  ]
  const done: string[] = []
  try {
    for (let i = 0; i < actions.length || elapsed() < RUN_MS; i++) {
      const action = actions[i] ?? {
        name: `switch to account ${i % 2 === 0 ? 8 : 9}`,
        run: async () => {
          await wallet.switchAccount(i % 2 === 0 ? 0 : 1)
          await expect(page.getByTestId('account-address')).toHaveText(
            devAccount(i % 2 === 0 ? 8 : 9).address,
          )
        },
      }
      await action.run()
      done.push(action.name)
      await sampleWallet(
        i < actions.length ? 9_000 : 10_000,
        i % 2 === 0 ? undefined : i % 4 === 1 ? 'http500' : 'refuse',
      )
      if (elapsed() > RUN_MS + 90_000) break
    }
  } finally {
    running = false
    await faults
    await sockets
  }
  const chaosMs = elapsed()

  // Every transaction sent is in Activity with its final status, matching the chain's receipt.
  await nav(page, 'Activity')
  await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible()
  for (const tx of sent) {
    const receipt = await client.waitForTransactionReceipt({ hash: tx.hash, timeout: 60_000 })
    expect(receipt.status).toBe('success')
    const card = page.getByTestId('tx-record').filter({ has: page.getByTestId('tx-hash').getByText(tx.hash) })
    await expect(card).toHaveCount(1)
    await expect(card).toHaveAttribute('data-status', 'INCLUDED', { timeout: 60_000 })
    await expect(card.getByTestId('tx-block')).toHaveText(receipt.blockNumber.toString())
  }
  const batchCard = page.getByTestId('tx-record').filter({ hasText: 'Batch of 2 calls' })
  await expect(batchCard).toHaveCount(1)
  await expect(batchCard).toHaveAttribute('data-status', 'INCLUDED', { timeout: 60_000 })
  await expect(batchCard.getByTestId('batch-record-step')).toHaveCount(2)
  for (const i of [0, 1])
    await expect(batchCard.getByTestId('batch-record-step').nth(i)).toHaveAttribute('data-result', 'INCLUDED')
  expect(wallet.count('eth_sendTransaction')).toBe(sent.length + 2)
  const records = await page.getByTestId('tx-record').count()
  expect(records).toBeGreaterThanOrEqual(sent.length + 1)

  // Once the faults are over, the page settles on the chain's values.
  await sampleWallet(3_000)
  const heapEnd = await forceGcHeap(page)

  const modeCounts = modeLog.reduce<Record<string, number>>((m, k) => {
    m[k] = (m[k] ?? 0) + 1
    return m
  }, {})
  console.log(
    [
      `chaos run: ${(chaosMs / 1000).toFixed(0)} s of chaos`,
      `  fault modes on endpoint 1 (${modeLog.length} switches, ${MODE_MS / 1000} s each): ${Object.entries(
        modeCounts,
      )
        .map(([k, v]) => `${k}×${v}`)
        .join(', ')}`,
      `  endpoint 2 outages during Wallet sampling (5 s each): ${outages.length} (${[...new Set(outages)].join(', ')})`,
      `  WebSocket: ${wsLog.filter((w) => w === 'dropped').length} drops, ${wsLog.filter((w) => w === 'restored').length} restores`,
      `  actions: ${done.join('; ')}`,
      `  transfers sent: ${sent.map((t) => `${t.what} ${t.hash.slice(0, 10)}…`).join(', ')}; batch: 1 (2 steps)`,
      `  Activity records: ${records}`,
      `  wallet requests: eth_sendTransaction×${wallet.count('eth_sendTransaction')}, total ${wallet.count()}`,
      `  endpoint 1 served ${first.stats.rpcCalls} calls, endpoint 2 ${second.stats.rpcCalls}`,
      `  balance samples: ${tally.samples} (values matched chain: ${tally.matched}, marked stale/cached: ${tally.marked}, loading/could-not-read: ${tally.notShown}, mismatches: ${tally.mismatches.length})`,
      `  console: ${expectedLogs.length} expected RPC-failure logs, ${consoleErrors.length} other errors`,
      `  JS heap after GC: start ${(heapStart / 1e6).toFixed(1)} MB, end ${(heapEnd / 1e6).toFixed(1)} MB, growth ${((heapEnd - heapStart) / 1e6).toFixed(1)} MB`,
    ].join('\n'),
  )
  for (const m of tally.mismatches.slice(0, 20)) console.log(`  mismatch: ${m}`)

  expect(tally.samples).toBeGreaterThan(50)
  expect(tally.matched).toBeGreaterThan(0)
  expect(tally.mismatches).toEqual([])
  expect(consoleErrors).toEqual([])
  expect(heapEnd - heapStart).toBeLessThan(20 * 1024 * 1024)
})
