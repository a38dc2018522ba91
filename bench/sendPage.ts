import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { TestWallet } from '../test/harness/wallet/testWallet'
import { devnetAppConfig } from '../tools/devnet/appConfig'
import { startDevnet } from '../tools/devnet/devnet'
import { startProtectStandIn } from '../tools/protect/standin'
import { startStaticServer } from '../tools/staticServer'

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * The Send page of the built app in Chromium, connected with the test wallet (dev account 16): the app built into
 * .tmp/bench/<name>, a devnet mining every `blockTime` s, the Protect stand-in and a static server. `prepare` sees
 * the wallet before it is attached (to wrap its requests). `stop` closes them all.
 */
export async function openSendPage(
  name: string,
  blockTime: number,
  prepare: (wallet: TestWallet) => void = () => undefined,
): Promise<{ page: Page; wallet: TestWallet; stop: () => Promise<void> }> {
  const cwd = process.cwd()
  const dist = join(cwd, `.tmp/bench/${name}`)
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
  const stop = async () => {
    await browser.close()
    await server.stop()
    await standIn.stop()
    await devnet.stop()
  }
  try {
    const page = await browser.newPage()
    const wallet = new TestWallet({
      accounts: [16],
      chains: { [devnet.chainId]: standIn.rpcUrl },
      chainId: devnet.chainId,
    })
    prepare(wallet)
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
    return { page, wallet, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

/** When (page time, ms) the transfer's status first shows "Included". */
export async function includedShown(page: Page): Promise<number> {
  const at = await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="tx-status"]')?.textContent?.includes('Included')
        ? Date.now()
        : false,
    undefined,
    { polling: 'raf', timeout: 60_000 },
  )
  return (await at.jsonValue()) as number
}

/** Median, min and max of a few timings. */
export function stat(values: number[]) {
  const sorted = [...values].sort((x, y) => x - y)
  return {
    median: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
  }
}
