import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { TestWallet } from '../test/harness/wallet/testWallet'
import { devnetAppConfig } from '../tools/devnet/appConfig'
import { startDevnet } from '../tools/devnet/devnet'
import { startProtectStandIn } from '../tools/protect/standin'
import { startStaticServer } from '../tools/staticServer'
import type { BenchTable } from './table'

const cwd = process.cwd()
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const sends = 5
const blockTime = 1

/**
 * The outcome preview and check in Chromium against the built app (devnet mining every second, Protect
 * stand-in): (1) click on Review → the preview's figures shown, (2) "Included" shown → the outcome check shown.
 */
export async function run(): Promise<BenchTable[]> {
  const dist = join(cwd, '.tmp/bench/proof')
  console.error('  building the app…')
  execFileSync('npx', ['vite', 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'error'], {
    cwd,
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 300_000,
  })
  const devnet = await startDevnet({ blockTime })
  const standIn = await startProtectStandIn({
    upstreamUrl: devnet.url,
    chainId: devnet.chainId,
    upstreamBlockTime: blockTime,
  })
  const config = devnetAppConfig({
    chainId: devnet.chainId,
    rpcUrls: [devnet.url],
    protect: { rpcUrl: standIn.rpcUrl, statusUrl: standIn.statusUrl },
    contracts: devnet.contracts,
  })
  const server = await startStaticServer({
    root: dist,
    mounts: [{ prefix: '/', configJson: JSON.stringify(config) }],
  })
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu'],
  })
  try {
    const page = await browser.newPage()
    const wallet = new TestWallet({
      accounts: [16],
      chains: { [devnet.chainId]: standIn.rpcUrl },
      chainId: devnet.chainId,
    })
    // tsx compiles this file with esbuild's keepNames: the serialised wallet script calls its __name helper.
    await page.addInitScript('globalThis.__name = (target) => target')
    await wallet.attach(page)
    await page.goto(`${server.url}/`)
    await page
      .locator('button:not([aria-busy])', { hasText: 'Connect Wallet' })
      .first()
      .click({ timeout: 30_000 })
    await page.getByRole('dialog').getByRole('button', { name: 'Hush Test Wallet' }).click()
    await page.getByTestId('account-address').waitFor({ timeout: 30_000 })
    await page.goto(`${server.url}/#/send`)
    await page.getByText('Protected', { exact: false }).first().waitFor({ timeout: 30_000 })

    const reviewToPreview: number[] = []
    const includedToCheck: number[] = []
    for (let i = 0; i < sends; i++) {
      await page
        .getByLabel('Recipient (address or ENS name)')
        .fill(privateKeyToAccount(generatePrivateKey()).address)
      await page.getByLabel(/^Amount/).fill('0.001')
      reviewToPreview.push(await timeBetween(page, 'button', 'Review', '[data-testid="preview-native"]'))
      await page.locator('[data-testid="send-button"]:not([disabled])').waitFor({ timeout: 30_000 })
      await page.getByTestId('send-button').click()
      const included = await page.waitForFunction(
        () =>
          document.querySelector('[data-testid="tx-status"]')?.textContent?.includes('Included')
            ? Date.now()
            : false,
        undefined,
        { polling: 'raf', timeout: 60_000 },
      )
      const checked = await page.waitForFunction(
        () => (document.querySelector('[data-testid="outcome-verdict"]') ? Date.now() : false),
        undefined,
        { polling: 'raf', timeout: 60_000 },
      )
      includedToCheck.push(((await checked.jsonValue()) as number) - ((await included.jsonValue()) as number))
      await page.getByRole('button', { name: 'New transfer' }).click()
    }
    const a = stat(reviewToPreview)
    const b = stat(includedToCheck)
    return [
      {
        title: 'Outcome preview and check: latency in Chromium (built app, devnet + Protect stand-in)',
        columns: ['measure', 'median ms', 'min ms', 'max ms'],
        rows: [
          ['click on Review → preview figures shown', a.median, a.min, a.max],
          ['"Included" shown → outcome check shown', b.median, b.min, b.max],
        ],
        notes: [
          `${sends} ETH transfers from dev account 16, one at a time, devnet mining every ${blockTime} s, one read endpoint (Anvil, which supports eth_simulateV1).`,
          `Raw Review → preview: ${reviewToPreview.join(', ')} ms. Raw Included → check: ${includedToCheck.join(', ')} ms.`,
        ],
      },
    ]
  } finally {
    await browser.close()
    await server.stop()
    await standIn.stop()
    await devnet.stop()
  }
}

/** Milliseconds from a click on the named element to `shown` being in the page, measured in the page. */
async function timeBetween(page: Page, role: 'button', name: string, shown: string): Promise<number> {
  await page.evaluate(() => {
    ;(window as unknown as { __clickAt?: number }).__clickAt = undefined
    document.addEventListener(
      'click',
      () => {
        ;(window as unknown as { __clickAt: number }).__clickAt = Date.now()
      },
      { capture: true, once: true },
    )
  })
  await page.getByRole(role, { name }).click()
  const at = await page.waitForFunction(
    (selector) => (document.querySelector(selector) ? Date.now() : false),
    shown,
    {
      polling: 'raf',
      timeout: 30_000,
    },
  )
  const clickAt = await page.evaluate(() => (window as unknown as { __clickAt: number }).__clickAt)
  return ((await at.jsonValue()) as number) - clickAt
}

function stat(values: number[]) {
  const sorted = [...values].sort((x, y) => x - y)
  return {
    median: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
  }
}
