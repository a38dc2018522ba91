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
 * The protected Send flow in Chromium against the built app, a devnet mining every second and the Protect
 * stand-in: (1) click on Send → eth_sendTransaction reaching the wallet (fees, simulation and gas are ready
 * before the click, so this is the app's own overhead), (2) hash returned by the wallet → "Included" shown.
 */
export async function run(): Promise<BenchTable[]> {
  const dist = join(cwd, '.tmp/bench/send')
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
    let hashAt = 0
    let inner = false
    wallet.extend((w, method, params) => {
      if (method !== 'eth_sendTransaction' || inner) return undefined
      inner = true
      return w
        .handle(method, params)
        .then((hash) => {
          hashAt = Date.now()
          return hash
        })
        .finally(() => {
          inner = false
        })
    })
    // tsx compiles this file with esbuild's keepNames: the serialised wallet script calls its __name helper.
    await page.addInitScript('globalThis.__name = (target) => target')
    await wallet.attach(page)
    await page.goto(`${server.url}/`)
    // RainbowKit loads on demand: the button is busy until it is ready.
    await page
      .locator('button:not([aria-busy])', { hasText: 'Connect Wallet' })
      .first()
      .click({ timeout: 30_000 })
    await page.getByRole('dialog').getByRole('button', { name: 'Hush Test Wallet' }).click()
    await page.getByTestId('account-address').waitFor({ timeout: 30_000 })
    await page.goto(`${server.url}/#/send`)
    await page.getByText('Protected', { exact: false }).first().waitFor({ timeout: 30_000 })

    const clickToWallet: number[] = []
    const hashToIncluded: number[] = []
    for (let i = 0; i < sends; i++) {
      await fillAndReview(page, privateKeyToAccount(generatePrivateKey()).address)
      const before = wallet.requests.length
      await page.evaluate(() => {
        const button = document.querySelector('[data-testid="send-button"]')
        button?.addEventListener(
          'click',
          () => {
            ;(window as unknown as { __sendClickAt: number }).__sendClickAt = Date.now()
          },
          { capture: true, once: true },
        )
      })
      await page.getByTestId('send-button').click()
      const includedAt = await page.waitForFunction(
        () =>
          document.querySelector('[data-testid="tx-status"]')?.textContent?.includes('Included')
            ? Date.now()
            : false,
        undefined,
        { polling: 'raf', timeout: 60_000 },
      )
      const clickAt = await page.evaluate(
        () => (window as unknown as { __sendClickAt: number }).__sendClickAt,
      )
      const request = wallet.requests.slice(before).find((r) => r.method === 'eth_sendTransaction')
      if (!request) throw new Error('the wallet got no eth_sendTransaction')
      clickToWallet.push(request.at - clickAt)
      hashToIncluded.push(((await includedAt.jsonValue()) as number) - hashAt)
      await page.getByRole('button', { name: 'New transfer' }).click()
    }
    const stat = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b)
      return {
        median: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
        min: sorted[0] ?? Number.NaN,
        max: sorted[sorted.length - 1] ?? Number.NaN,
      }
    }
    const a = stat(clickToWallet)
    const b = stat(hashToIncluded)
    return [
      {
        title: 'Protected send: latency in Chromium (built app, devnet + Protect stand-in)',
        columns: ['measure', 'median ms', 'min ms', 'max ms', 'target', 'result'],
        rows: [
          [
            'click on Send → wallet request',
            a.median,
            a.min,
            a.max,
            '< 150 ms',
            a.median < 150 ? 'met' : 'MISSED',
          ],
          ['wallet hash → "Included" shown', b.median, b.min, b.max, '', ''],
        ],
        notes: [
          `${sends} ETH transfers from dev account 16, one at a time, devnet mining every ${blockTime} s. The stand-in puts a private transaction into a block at once, so the second row is mostly the app's tracking (status API + receipt, polled after 250 ms four times, then every 1 s); on mainnet inclusion itself takes at least one 12 s slot.`,
          `Raw click → wallet: ${clickToWallet.join(', ')} ms. Raw hash → Included: ${hashToIncluded.join(', ')} ms.`,
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

async function fillAndReview(page: Page, to: string) {
  await page.getByLabel('Recipient (address or ENS name)').fill(to)
  await page.getByLabel(/^Amount/).fill('0.001')
  await page.getByRole('button', { name: 'Review' }).click()
  await page.getByText('Simulation succeeded').waitFor({ timeout: 30_000 })
  await page.locator('[data-testid="send-button"]:not([disabled])').waitFor({ timeout: 30_000 })
}
