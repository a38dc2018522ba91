import type { Page } from '@playwright/test'
import { connectThroughModal, expect, test } from './fixtures'
import { openPage } from './flows'

const pages = ['Wallet', 'Send', 'Batch', 'Network', 'Activity', 'Settings'] as const

/** Every CSP violation the page reports, and every request that leaves 127.0.0.1 / localhost. */
async function watch(page: Page) {
  const violations: string[] = []
  const external: string[] = []
  await page.exposeFunction('__reportCsp', (text: string) => violations.push(text))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCsp: (t: string) => void }).__reportCsp
      report(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`)
    })
  })
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (url.protocol === 'data:' || url.protocol === 'blob:') return
    if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') external.push(request.url())
  })
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text())
  })
  return { violations, external }
}

async function visitEveryPage(page: Page) {
  for (const label of pages) {
    await openPage(page, label)
    await page.waitForLoadState('networkidle')
  }
}

test('under the CSP the app, RainbowKit and wagmi work, with no violation and nothing loaded from other hosts', async ({
  page,
  env,
  makeWallet,
}) => {
  const wallet = await makeWallet()
  const seen = await watch(page)
  await page.goto(`${env.appUrl}#/wallet`)
  await expect(page.getByRole('heading', { level: 1, name: 'Wallet' })).toBeVisible()
  await visitEveryPage(page)

  // The modal (RainbowKit, its icons and styles) loads on demand and connects through the injected wallet.
  await page
    .getByRole('navigation', { name: 'Pages' })
    .getByRole('link', { name: 'Wallet', exact: true })
    .click()
  await connectThroughModal(page)
  await page
    .locator('.connect')
    .getByRole('button', { name: /account menu/ })
    .click()
  await expect(page.getByRole('dialog')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await visitEveryPage(page)

  expect(seen.violations).toEqual([])
  expect(seen.external).toEqual([])
  // Never a raw-hash signature request.
  expect(wallet.count('eth_sign')).toBe(0)
})

test('the referrer policy is no-referrer and the CSP comes with the page', async ({ page, env }) => {
  await page.goto(`${env.appUrl}#/wallet`)
  expect(await page.locator('meta[name="referrer"]').getAttribute('content')).toBe('no-referrer')
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')
  expect(csp).toContain("script-src 'self'")
  // The policy is live: an inline script is refused.
  const ran = await page.evaluate(() => {
    const w = window as unknown as { __inlineRan?: boolean }
    const script = document.createElement('script')
    script.textContent = 'window.__inlineRan = true'
    document.head.append(script)
    return Boolean(w.__inlineRan)
  })
  expect(ran).toBe(false)
})

test('inside a frame Hush refuses to start: a notice and a link out, no wallet or RPC request', async ({
  page,
  env,
  makeWallet,
}) => {
  const wallet = await makeWallet()
  const posts: string[] = []
  page.on('request', (request) => {
    if (request.method() === 'POST') posts.push(request.url())
  })
  // Another site's page framing the app (the e2e server sends no frame-ancestors header, like many static hosts).
  await page.setContent(
    `<iframe title="framed" src="${env.appUrl}#/wallet" width="900" height="700"></iframe>`,
  )
  const frame = page.frameLocator('iframe')
  await expect(frame.getByTestId('framed-notice')).toContainText('Hush does not run inside another page')
  const link = frame.getByRole('link', { name: 'Open Hush in its own tab' })
  await expect(link).toHaveAttribute('target', '_blank')
  await expect(link).toHaveAttribute('href', `${env.appUrl}#/wallet`)
  await page.waitForLoadState('networkidle')
  // The painted shell (with its Connect button) is gone and the app never started.
  await expect(frame.locator('header, nav, .connect')).toHaveCount(0)
  expect(wallet.requests).toEqual([])
  expect(posts).toEqual([])
})
