import type { Page } from '@playwright/test'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { includedShown, openSendPage, stat } from './sendPage'
import type { BenchTable } from './table'

const sends = 5
const blockTime = 1

/**
 * The outcome preview and check in Chromium against the built app (devnet mining every second, Protect
 * stand-in): (1) click on Review → the preview's figures shown, (2) "Included" shown → the outcome check shown.
 */
export async function run(): Promise<BenchTable[]> {
  const { page, stop } = await openSendPage('proof', blockTime)
  try {
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
      const included = await includedShown(page)
      const checked = await page.waitForFunction(
        () => (document.querySelector('[data-testid="outcome-verdict"]') ? Date.now() : false),
        undefined,
        { polling: 'raf', timeout: 60_000 },
      )
      includedToCheck.push(((await checked.jsonValue()) as number) - included)
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
    await stop()
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
