import type { Page } from '@playwright/test'
import { createPublicClient, formatEther, http, parseEther } from 'viem'
import { rpc } from '../../tools/devnet/devnet'
import type { StaticServer } from '../../tools/staticServer'
import { type FaultProxy, startFaultProxy } from '../harness/faultProxy'
import { connectThroughModal, expect, test } from './fixtures'
import { fillSend } from './flows'
import { serveApp } from './stack'

/** Two endpoints, each a fault proxy in front of the devnet; the app is served with its own config.json. */
let first: FaultProxy
let second: FaultProxy
let server: StaticServer

test.beforeEach(async ({ env }) => {
  first = await startFaultProxy({ upstream: env.rpcUrl })
  second = await startFaultProxy({ upstream: env.rpcUrl })
  server = await serveApp(env, {
    // A key in the path, as Infura/Alchemy URLs carry one: it must never be visible.
    rpcUrls: [`${first.url}/v3/SECRETKEY1`, `${second.url}/v3/SECRETKEY2`],
    wsUrls: [env.wsUrl],
  })
})

test.afterEach(async () => {
  await server.stop()
  await first.stop()
  await second.stop()
})

test('killing the first endpoint mid-session keeps the Wallet balance right and the Network page shows the failover', async ({
  page,
  env,
  makeWallet,
  consoleErrors,
}) => {
  const consoleTexts: string[] = []
  page.on('console', (message) => consoleTexts.push(message.text()))
  const wallet = await makeWallet({ accounts: [10] })
  const client = createPublicClient({ transport: http(env.rpcUrl) })
  await page.goto(`${server.url}/`)
  await connectThroughModal(page)
  const before = await client.getBalance({ address: wallet.address })
  await expect(page.getByTestId('eth-balance')).toHaveAttribute('data-exact', formatEther(before))
  expect(first.stats.httpRequests).toBeGreaterThan(0)

  await first.setMode('refuse')
  const after = parseEther('4242.5')
  await rpc(env.rpcUrl, 'anvil_setBalance', [wallet.address, `0x${after.toString(16)}`])
  await expect(page.getByTestId('eth-balance')).toHaveAttribute('data-exact', formatEther(after))

  await page.getByRole('link', { name: 'Network', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Network' })).toBeVisible()
  const cards = page.getByTestId('endpoint-card')
  await expect(cards).toHaveCount(2)
  await expect(cards.nth(0)).toHaveAttribute('data-status', 'down')
  await expect(cards.nth(0).getByTestId('endpoint-status')).toContainText('Down')
  await expect(cards.nth(1)).toHaveAttribute('data-status', 'healthy')
  await expect(cards.nth(1).getByTestId('in-use')).toHaveText('In use now')
  await expect(page.getByTestId('in-use-now')).toHaveText(
    /^Reads go through Local node 2 because Local node 1 is down: Could not reach the RPC provider 127\.0\.0\.1:\d+\. Local node 1 is checked again in \d+ s; reads move back to it once it answers\.$/,
  )
  await expect(cards.nth(0).getByTestId('retry-in')).toHaveText(/^Retrying in \d+ s$/)
  const failover = page.getByTestId('event-log').locator('tbody tr[data-kind="failover"]').first()
  await expect(failover).toContainText('Local node 1 → Local node 2')
  await expect(failover).toContainText(/Could not reach the RPC provider 127\.0\.0\.1:\d+/)
  const down = page.getByTestId('event-log').locator('tbody tr[data-kind="down"]').first()
  await expect(down).toContainText('Local node 1')
  // Recent success rate beside the session figure, and requests counted by method.
  await expect(cards.nth(1).getByTestId('success-rate')).toHaveText('100% / 100%')
  await cards.nth(1).getByText('Requests by method').click()
  await expect(cards.nth(1).getByTestId('requests-by-method')).toContainText('eth_call')
  await expect(page.getByTestId('live-state')).toContainText('Live')
  // Hosts only, never a path or key, anywhere on the page.
  await expect(page.locator('main')).not.toContainText('http://')

  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.getByRole('button', { name: 'Copy diagnostics' }).click()
  await expect(page.getByText('Diagnostics copied')).toBeVisible()
  const copied = await page.evaluate(() => navigator.clipboard.readText())
  expect(copied).not.toContain('http://')
  expect(copied).not.toContain('SECRETKEY')
  const report = JSON.parse(copied) as {
    chain: { id: number }
    endpoints: Array<{ name: string; status: string; inUse: boolean }>
    headline: string
    events: Array<{ kind: string; endpoint: string; to?: string }>
  }
  expect(report.chain.id).toBe(env.chainId)
  expect(report.endpoints.map((e) => [e.name, e.status, e.inUse])).toEqual([
    ['Local node 1', 'down', false],
    ['Local node 2', 'healthy', true],
  ])
  expect(report.events).toContainEqual(
    expect.objectContaining({ kind: 'failover', endpoint: 'Local node 1', to: 'Local node 2' }),
  )
  expect(report.headline).toMatch(/^Reads go through Local node 2 because Local node 1 is down/)

  await expect(page.locator('body')).not.toContainText('SECRETKEY')
  expect(consoleTexts.filter((t) => t.includes('SECRETKEY'))).toEqual([])
  expect(consoleErrors).toEqual([])

  // Fits a 375 px phone screen without sideways scrolling.
  await page.setViewportSize({ width: 375, height: 800 })
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
  // The latency chart there: Local node 1's failed requests are crosses, and its labels stay 11 px (the drawing
  // follows the figure's width instead of shrinking a wide one, which would leave labels about 6 px high).
  const chart = page.locator('.latency-chart svg[role="img"]')
  await expect(chart).toHaveAttribute('aria-label', /[1-9]\d* failed requests? marked with a cross/)
  await expect(chart.locator('.series-0 .failure-mark').first()).toBeVisible()
  const labelHeight = () =>
    chart
      .locator('text.axis-label')
      .first()
      .evaluate((t) => t.getBoundingClientRect().height)
  await expect.poll(labelHeight).toBeGreaterThanOrEqual(10)
  expect(await chart.evaluate((svg) => svg.getBoundingClientRect().right)).toBeLessThanOrEqual(375)
})

test('an endpoint added in Settings that answers another chain is rejected, naming both chain ids', async ({
  page,
  env,
}) => {
  const wrong = await startFaultProxy({ upstream: env.rpcUrl })
  try {
    await wrong.setMode('wrong-chain', { chainId: 5 })
    await page.goto(`${server.url}/#/settings`)
    await page.getByLabel('RPC URL').fill('http://example.com/rpc')
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    const urlField = page.getByLabel('RPC URL')
    await expect(urlField).toHaveAttribute('aria-invalid', 'true')
    await expect(page.getByText('The URL http:// is allowed only for localhost.')).toBeVisible()

    await urlField.fill(wrong.url)
    await page.getByLabel('Label (optional)').fill('Wrong one')
    await page.getByRole('button', { name: 'Add endpoint' }).click()
    const list = page.getByTestId('endpoint-settings-list').locator(':scope > li')
    await expect(list).toHaveCount(3)
    await expect(list.nth(2)).toContainText('Wrong one')
    await expect(list.nth(2).getByRole('alert')).toHaveText(
      `Endpoint answers chain 5, but chain ${env.chainId} was expected. It will not be used.`,
    )
    // Persisted: still there after a reload, and never used for reads.
    await page.reload()
    await expect(list).toHaveCount(3)
    expect(wrong.stats.byMethod.eth_getBalance ?? 0).toBe(0)
    await list.nth(2).getByRole('button', { name: 'Remove Wrong one' }).click()
    await expect(list).toHaveCount(2)
  } finally {
    await wrong.stop()
  }
})

/**
 * With `method` stripped from the second endpoint (the proxy answers -32601), connects a fresh wallet and opens
 * the Network page; returns its two endpoint cards.
 */
async function networkWithoutOnSecond(page: Page, makeWallet: () => Promise<unknown>, method: string) {
  await second.setMode('strip-methods', { methods: [method] })
  await makeWallet()
  await page.goto(`${server.url}/`)
  await connectThroughModal(page)
  await page.getByRole('link', { name: 'Network', exact: true }).click()
  const cards = page.getByTestId('endpoint-card')
  await expect(cards).toHaveCount(2)
  return cards
}

test('the Network page shows which endpoint answers eth_simulateV1; with none, the preview is a labelled estimate', async ({
  page,
  env,
  makeWallet,
}) => {
  // The second endpoint is a node without eth_simulateV1 (-32601), as many public RPCs are.
  const cards = await networkWithoutOnSecond(page, makeWallet, 'eth_simulateV1')
  await expect(cards.nth(0).getByTestId('simulate-support')).toHaveAttribute('data-support', 'supported')
  await expect(cards.nth(1).getByTestId('simulate-support')).toHaveAttribute('data-support', 'unsupported')
  await expect(cards.nth(1).getByTestId('simulate-support')).toContainText('labelled estimate')
  const probes = second.stats.byMethod.eth_simulateV1 ?? 0
  expect(probes).toBe(1)
  // Once per endpoint and session: coming back does not ask again.
  await page.getByRole('link', { name: 'Wallet', exact: true }).click()
  await page.getByRole('link', { name: 'Network', exact: true }).click()
  await expect(cards.nth(1).getByTestId('simulate-support')).toHaveAttribute('data-support', 'unsupported')
  expect(second.stats.byMethod.eth_simulateV1 ?? 0).toBe(probes)

  // No endpoint can simulate any more: the Send review's preview says it is an estimate, and why.
  await first.setMode('strip-methods', { methods: ['eth_simulateV1'] })
  await page.getByRole('link', { name: 'Send', exact: true }).click()
  await fillSend(page, env.contracts.vault, '0.001')
  await page.getByRole('button', { name: 'Review' }).click()
  await expect(page.getByTestId('outcome-preview-method')).toContainText(
    'Limited preview (no read endpoint can simulate)',
  )
})

test('the Network page shows which endpoint lists pending transactions and whether the WebSocket streams them (issue 24)', async ({
  page,
  makeWallet,
}) => {
  // The second endpoint has no pending-transaction filter, as many load-balanced public RPCs.
  const cards = await networkWithoutOnSecond(page, makeWallet, 'eth_newPendingTransactionFilter')
  await expect(cards.nth(0).getByTestId('pending-support')).toHaveAttribute('data-support', 'serves')
  await expect(cards.nth(1).getByTestId('pending-support')).toHaveAttribute('data-support', 'none')
  await expect(cards.nth(1).getByTestId('pending-support')).toContainText('proves little')
  // The filter the check installed on the first endpoint is removed again.
  expect(first.stats.byMethod.eth_uninstallFilter ?? 0).toBe(1)
  const ws = page.getByTestId('websocket-support')
  await expect(ws).toHaveCount(1)
  await expect(ws).toHaveAttribute('data-support', 'live')
  await expect(ws).toContainText('streams pending transactions')
})
