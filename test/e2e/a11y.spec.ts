import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { connectThroughModal, expect, test } from './fixtures'

const pages = [
  ['#/wallet', 'Wallet'],
  ['#/send', 'Send'],
  ['#/batch', 'Batch'],
  ['#/network', 'Network'],
  ['#/activity', 'Activity'],
  ['#/settings', 'Settings'],
] as const

/** axe's serious and critical findings, one readable line each (rule, impact, first offending nodes). */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    )
}

async function openPage(page: Page, label: string) {
  await page
    .getByRole('navigation', { name: 'Pages' })
    .getByRole('link', { name: label, exact: true })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible()
  // Let the page settle its first reads (loading states are checked too, but the steady state matters most).
  await page.waitForLoadState('networkidle')
}

for (const scheme of ['light', 'dark'] as const) {
  test(`axe: every page without a wallet has no serious or critical violations (${scheme})`, async ({
    page,
    env,
  }) => {
    await page.emulateMedia({ colorScheme: scheme })
    await page.goto(`${env.appUrl}#/wallet`)
    await expect(page.getByRole('heading', { level: 1, name: 'Wallet' })).toBeVisible()
    const found: string[] = []
    for (const [, label] of pages) {
      await openPage(page, label)
      for (const v of await seriousViolations(page)) found.push(`${label}: ${v}`)
    }
    expect(found).toEqual([])
  })
}

test('axe: every page with a connected wallet has no serious or critical violations', async ({
  page,
  env,
  makeWallet,
}) => {
  await makeWallet()
  await page.goto(`${env.appUrl}#/wallet`)
  await connectThroughModal(page)
  const found: string[] = []
  for (const [, label] of pages) {
    await openPage(page, label)
    for (const v of await seriousViolations(page)) found.push(`${label}: ${v}`)
  }
  expect(found).toEqual([])
})

test('axe: the shell at 375 px wide and the config error page have no serious or critical violations', async ({
  page,
  env,
}) => {
  await page.setViewportSize({ width: 375, height: 740 })
  await page.goto(`${env.appUrl}#/wallet`)
  await expect(page.getByRole('heading', { level: 1, name: 'Wallet' })).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  await page.goto(`${env.serverUrl}/bad-config/`)
  await expect(page.getByTestId('config-error')).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
})

test('axe: Settings at 375 px in dark mode, with the header badge, the apply prompt and an invalid field', async ({
  page,
  env,
  makeWallet,
}) => {
  await page.setViewportSize({ width: 375, height: 740 })
  await page.emulateMedia({ colorScheme: 'dark' })
  const wallet = await makeWallet()
  await page.goto(`${env.appUrl}#/wallet`)
  await connectThroughModal(page)
  await page.goto(`${env.appUrl}#/send`)
  await page.getByRole('button', { name: 'Protect this wallet' }).click()
  const badge = page.getByTestId('protection-badge')
  await expect(badge).toHaveAttribute('data-state', 'protected-current')
  await badge.click()
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  await page.getByText(/^More choices/).click()
  await page.getByLabel('Choose what to share').check()
  await page.getByRole('checkbox', { name: /^Share the full call data/ }).check()
  // Declined in the wallet: saved, the wallet keeps its old URL, and the page says so.
  wallet.policy = 'reject'
  await page.getByRole('button', { name: 'Save and update wallet' }).click()
  await expect(badge).toHaveAttribute('data-state', 'protected-older')
  await expect(page.getByTestId('protect-saved')).toContainText('you declined in your wallet')
  await page.getByLabel(/^Keep trying for this many blocks/).fill('abc')
  await expect(page.getByLabel(/^Keep trying for this many blocks/)).toHaveAttribute('aria-invalid', 'true')
  await page.waitForLoadState('networkidle')
  expect(await seriousViolations(page)).toEqual([])
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
})

test('keyboard: skip link, tab order and visible focus in the shell', async ({ page, env }) => {
  await page.goto(`${env.appUrl}#/wallet`)
  await expect(page.getByRole('heading', { level: 1, name: 'Wallet' })).toBeVisible()
  await expect(page.locator('.connect button')).not.toHaveAttribute('aria-busy', 'true')

  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null
      if (!el) return null
      const style = getComputedStyle(el)
      const box = el.getBoundingClientRect()
      return {
        name: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim(),
        tag: el.tagName,
        id: el.id,
        outline: style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0,
        onScreen: box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0,
      }
    })

  // The first Tab lands on the skip link, which becomes visible; Enter moves focus to the main region
  // without changing the route.
  await page.keyboard.press('Tab')
  expect(await focused()).toMatchObject({ name: 'Skip to content', outline: true, onScreen: true })
  await page.keyboard.press('Enter')
  expect(await focused()).toMatchObject({ tag: 'MAIN', id: 'main' })
  expect(new URL(page.url()).hash).toBe('#/wallet')
  await expect(page.getByRole('heading', { level: 1, name: 'Wallet' })).toBeVisible()

  // From the top, Tab walks the header in reading order, every stop with a visible focus ring.
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: 'Wallet' })).toBeVisible()
  await expect(page.locator('.connect button')).not.toHaveAttribute('aria-busy', 'true')
  await page.keyboard.press('Tab')
  expect(await focused()).toMatchObject({ name: 'Skip to content' })
  const order: string[] = []
  for (let i = 0; i < 9; i++) {
    await page.keyboard.press('Tab')
    const f = await focused()
    expect(f?.outline, `focus ring on ${f?.name}`).toBe(true)
    expect(f?.onScreen, `${f?.name} on screen`).toBe(true)
    order.push(f?.name ?? '')
  }
  expect(order).toEqual([
    'Hush home',
    'Wallet',
    'Send',
    'Batch',
    'Network',
    'Activity',
    'Settings',
    'Connect Wallet',
    // The Wallet page's own Connect button comes after the header's.
    'Connect Wallet',
  ])

  // Enter on a nav link changes the page and marks it current.
  await page.getByRole('link', { name: 'Send', exact: true }).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'Send' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Send', exact: true })).toHaveAttribute('aria-current', 'page')
})

test('keyboard: the wallet modal opens with Enter, closes with Escape and connects with Enter', async ({
  page,
  env,
  makeWallet,
}) => {
  await makeWallet()
  await page.goto(`${env.appUrl}#/wallet`)
  const connect = page.locator('.connect').getByRole('button', { name: 'Connect Wallet' })
  await expect(connect).not.toHaveAttribute('aria-busy', 'true')
  await connect.focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog')
  await expect(dialog).toBeVisible()
  await expect
    .poll(() => page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]'))))
    .toBe(true)
  expect(await seriousViolations(page)).toEqual([])

  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  await expect(connect).toBeFocused()

  await page.keyboard.press('Enter')
  await expect(dialog).toBeVisible()
  const walletButton = dialog.getByRole('button', { name: 'Hush Test Wallet' })
  await expect(walletButton).toBeVisible()
  let reached = false
  for (let i = 0; i < 15 && !reached; i++) {
    await page.keyboard.press('Tab')
    reached = await walletButton.evaluate((el) => el === document.activeElement)
  }
  expect(reached, 'the test wallet is reachable with Tab inside the modal').toBe(true)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('account-address')).toBeVisible()
  await expect(dialog).toHaveCount(0)
})
