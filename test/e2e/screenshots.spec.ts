import type { Page } from '@playwright/test'
import { parseEther } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { rpc } from '../../tools/devnet/devnet'
import { standInControl } from '../../tools/protect/control'
import { deployTokens } from '../support/builders/tokens'
import { connectThroughModal, expect, test } from './fixtures'
import { reviewBatch } from './flows'
import { openBlockedActivity } from './seeded'

/**
 * Every page as a user sees it, saved under test-results/screenshots/ (light and dark, 1280 and 375 px, with no
 * wallet and with a wallet holding long balances and some activity; Activity with a blocked transaction and its
 * diagnosis card; Settings with every choice open), for people to look at. What a machine can
 * check it does: no page scrolls sideways at 375 px.
 */
const pages = [
  ['#/wallet', 'wallet', 'Wallet'],
  ['#/send', 'send', 'Send'],
  ['#/batch', 'batch', 'Batch'],
  ['#/network', 'network', 'Network'],
  ['#/activity', 'activity', 'Activity'],
  ['#/settings', 'settings', 'Settings'],
] as const
const widths = [1280, 375] as const
const schemes = ['light', 'dark'] as const
/** A phone is 375 × 812 (the review must fit its first screen); a desktop window 1280 × 900. */
const heightAt = (width: number) => (width === 375 ? 812 : 900)

async function shootEveryPage(page: Page, appUrl: string, state: string, extra?: (p: Page) => Promise<void>) {
  const overflowing: string[] = []
  for (const [hash, name, heading] of pages) {
    await page.goto(`${appUrl}${hash}`)
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
    await page.waitForLoadState('networkidle')
    for (const width of widths) {
      await page.setViewportSize({ width, height: heightAt(width) })
      for (const scheme of schemes) {
        await page.emulateMedia({ colorScheme: scheme })
        const path = `test-results/screenshots/${name}-${state}-${width}-${scheme}.png`
        await page.screenshot({ path, fullPage: true })
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth)
        if (scroll > width) overflowing.push(`${name} (${state}) is ${scroll} px wide at ${width} px`)
      }
    }
  }
  if (extra) await extra(page)
  expect(overflowing).toEqual([])
}

test('screenshots: every page without a wallet', async ({ page, env }) => {
  await shootEveryPage(page, env.appUrl, 'empty')
})

test('screenshots: every page with long balances, a token with a long name and a sent transfer', async ({
  page,
  env,
  makeWallet,
}) => {
  const wallet = await makeWallet({ chains: { [env.chainId]: env.protectRpcUrl } })
  await rpc(env.rpcUrl, 'anvil_setBalance', [
    wallet.address,
    `0x${parseEther('123456789.123456789123456789').toString(16)}`,
  ])
  const [long] = await deployTokens(env.rpcUrl, [
    {
      name: 'Quite Long Token Name For Layout',
      symbol: 'LONGSYMBOL',
      decimals: 18,
      holders: [wallet.address],
      amountEach: '98765432109.87654321',
    },
  ])
  await page.goto(env.appUrl)
  await connectThroughModal(page)
  await page.getByLabel('Token contract address').fill(long!)
  await page.getByRole('button', { name: 'Add token' }).click()
  await expect(page.getByTestId(`token-balance-${long}`)).toBeVisible()

  // One included transfer for Activity.
  const to = privateKeyToAccount(generatePrivateKey()).address
  await page.goto(`${env.appUrl}#/send?to=${to}&amount=0.25&token=ETH`)
  await page.getByRole('button', { name: 'Review' }).click()
  await expect(page.getByTestId('simulation')).toContainText('Simulation succeeded')
  await page.getByTestId('send-button').click()
  await expect(page.getByTestId('tx-status')).toContainText('Included', { timeout: 30_000 })
  // Its final notice at 375 px: under the header, in the flow, covering none of the page's content or buttons.
  const notice = page.getByTestId('final-notice')
  await expect(notice).toContainText('Included')
  for (const width of widths)
    for (const scheme of schemes) {
      await page.setViewportSize({ width, height: heightAt(width) })
      await page.emulateMedia({ colorScheme: scheme })
      await page.screenshot({ path: `test-results/screenshots/send-notice-${width}-${scheme}.png` })
    }
  await page.setViewportSize({ width: 375, height: 812 })
  const covered = await notice.evaluate((el) => {
    const box = el.getBoundingClientRect()
    return [...document.querySelectorAll('main *')]
      .filter((e) => {
        const r = e.getBoundingClientRect()
        return (
          r.width > 0 &&
          r.height > 0 &&
          r.left < box.right &&
          r.right > box.left &&
          r.top < box.bottom &&
          r.bottom > box.top
        )
      })
      .map((e) => e.textContent?.trim().slice(0, 40) || e.tagName)
  })
  expect(covered).toEqual([])
  // Escape on its close button dismisses it.
  await notice.getByRole('button', { name: 'Dismiss this notice' }).focus()
  await page.keyboard.press('Escape')
  await expect(notice).toHaveCount(0)
  await page.setViewportSize({ width: 1280, height: 900 })

  // A Batch draft (saved on every edit, so it is still there when the pages are shot): ETH and a token.
  const dusd = env.contracts.tokens.find((t) => t.symbol === 'DUSD')!
  await page.goto(`${env.appUrl}#/batch`)
  const action = (i: number) => page.getByTestId('batch-action').nth(i)
  await page.getByRole('button', { name: '+ ETH transfer' }).click()
  await action(0).getByLabel('Recipient address').fill(to)
  await action(0)
    .getByLabel(/^Amount/)
    .fill('1.5')
  await page.getByRole('button', { name: '+ Token transfer' }).click()
  await action(1).getByLabel('Token').selectOption(dusd.address)
  await action(1).getByLabel('Recipient address').fill(to)
  await action(1).getByLabel('Amount (DUSD)').fill('250000')
  await page.getByRole('button', { name: '+ ETH transfer' }).click()
  await action(2).getByLabel('Recipient address').fill(wallet.address)
  await action(2)
    .getByLabel(/^Amount/)
    .fill('0.01')
  await expect(page.getByTestId('batch-action')).toHaveCount(3)

  await shootEveryPage(page, env.appUrl, 'filled', async (p) => {
    // Activity with its row expanded: the lifecycle, figures and copy buttons.
    await p.goto(`${env.appUrl}#/activity`)
    await p.getByTestId('activity-row').first().locator('summary.activity-row-summary').click()
    await expect(p.getByTestId('tx-lifecycle').first()).toBeVisible()
    for (const width of widths)
      for (const scheme of schemes) {
        await p.setViewportSize({ width, height: heightAt(width) })
        await p.emulateMedia({ colorScheme: scheme })
        await p.screenshot({
          path: `test-results/screenshots/activity-expanded-${width}-${scheme}.png`,
          fullPage: true,
        })
        const scroll = await p.evaluate(() => document.documentElement.scrollWidth)
        expect(scroll, `expanded activity at ${width} px`).toBeLessThanOrEqual(width)
      }
    // The Send review as it first shows (Normal fee): the first screen only, as a phone user meets it.
    await p.goto(`${env.appUrl}#/send?to=${to}&amount=0.5&token=ETH`)
    await p.getByRole('button', { name: 'Review' }).click()
    await expect(p.getByTestId('simulation')).toContainText('Simulation succeeded')
    for (const width of widths)
      for (const scheme of schemes) {
        await p.setViewportSize({ width, height: heightAt(width) })
        await p.emulateMedia({ colorScheme: scheme })
        await p.evaluate(() => window.scrollTo(0, 0))
        await p.screenshot({
          path: `test-results/screenshots/send-review-first-screen-${width}-${scheme}.png`,
        })
      }
    // The Send review with a custom fee far above Fast, the busiest layout of the app.
    await p.goto(`${env.appUrl}#/send?to=${to}&amount=1234.5&token=ETH`)
    await p.getByRole('button', { name: 'Review' }).click()
    await expect(p.getByTestId('simulation')).toContainText('Simulation succeeded')
    await p.getByRole('radio', { name: 'Custom' }).check()
    await p.getByLabel('Max fee (gwei)').fill('500')
    await expect(p.getByTestId('fee-overpay')).toBeVisible()
    for (const width of widths)
      for (const scheme of schemes) {
        await p.setViewportSize({ width, height: heightAt(width) })
        await p.emulateMedia({ colorScheme: scheme })
        await p.screenshot({
          path: `test-results/screenshots/send-review-${width}-${scheme}.png`,
          fullPage: true,
        })
        const scroll = await p.evaluate(() => document.documentElement.scrollWidth)
        expect(scroll, `send review at ${width} px`).toBeLessThanOrEqual(width)
      }
  })
})

test('screenshots: Activity with a blocked transaction, its diagnosis card, and Settings with every choice open', async ({
  page,
  env,
  makeWallet,
}) => {
  const testWallet = await makeWallet({ chains: { [env.chainId]: env.protectRpcUrl } })
  const control = standInControl(env.protectRpcUrl)
  const to = privateKeyToAccount(generatePrivateKey()).address
  try {
    await openBlockedActivity(page, env, testWallet, to)
    const card = page.locator('#record-gap-b')
    const diagnosis = card.getByTestId('diagnosis')
    await expect(diagnosis).toHaveAttribute('data-code', 'nonce-gap')
    await expect(page.getByTestId('nonce-gap').getByTestId('fix-cost')).toBeVisible()
    await diagnosis.getByText('Other options').click()
    await page.waitForLoadState('networkidle')
    // The failed gap-a's final notice floats over the card at 1280 px: the shot is of the card, so it goes.
    for (const close of await page.getByRole('button', { name: 'Dismiss this notice' }).all())
      await close.click()
    for (const width of widths)
      for (const scheme of schemes) {
        await page.setViewportSize({ width, height: heightAt(width) })
        await page.emulateMedia({ colorScheme: scheme })
        await page.evaluate(() => window.scrollTo(0, 0))
        await page.screenshot({ path: `test-results/screenshots/activity-blocked-${width}-${scheme}.png` })
        await diagnosis.screenshot({ path: `test-results/screenshots/diagnosis-card-${width}-${scheme}.png` })
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth)
        expect(scroll, `blocked activity at ${width} px`).toBeLessThanOrEqual(width)
      }
  } finally {
    await control.setBehaviour(testWallet.account.address, null)
  }
  await page.setViewportSize({ width: 1280, height: heightAt(1280) })
  await page.goto(`${env.appUrl}#/settings`)
  await page.getByText(/^More choices/).click()
  for (const width of widths)
    for (const scheme of schemes) {
      await page.setViewportSize({ width, height: heightAt(width) })
      await page.emulateMedia({ colorScheme: scheme })
      await page.screenshot({
        path: `test-results/screenshots/settings-open-${width}-${scheme}.png`,
        fullPage: true,
      })
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth)
      expect(scroll, `settings with every choice open at ${width} px`).toBeLessThanOrEqual(width)
    }
})

test('screenshots: Batch with three actions and its review', async ({
  page,
  env,
  connectedOnProtect: wallet,
}) => {
  // Issue 25: the Batch page and its review, at 375 × 812 and 1280 px, light and dark, on Protect as Hush sets it.
  const dusd = env.contracts.tokens.find((t) => t.symbol === 'DUSD')!
  const to = privateKeyToAccount(generatePrivateKey()).address
  await page.goto(`${env.appUrl}#/batch`)
  const action = (i: number) => page.getByTestId('batch-action').nth(i)
  await page.getByRole('button', { name: '+ ETH transfer' }).click()
  await action(0).getByLabel('Recipient address').fill(to)
  await action(0)
    .getByLabel(/^Amount/)
    .fill('1.5')
  await page.getByRole('button', { name: '+ Token transfer' }).click()
  await action(1).getByLabel('Token').selectOption(dusd.address)
  await action(1).getByLabel('Recipient address').fill(to)
  await action(1).getByLabel('Amount (DUSD)').fill('250000')
  await page.getByRole('button', { name: '+ Token approval' }).click()
  await action(2).getByLabel('Token').selectOption(dusd.address)
  await action(2).getByLabel('Spender address').fill(env.contracts.vault)
  await action(2).getByLabel('Amount to approve (DUSD)').fill('1000')
  await expect(action(1).getByTestId('batch-balance')).toBeVisible()
  // No field focused: whole addresses show cut in the middle, as a user leaving the form sees them.
  await page.getByRole('heading', { level: 1, name: 'Batch' }).click()

  const shoot = async (name: string, check: () => Promise<void>) => {
    for (const width of widths)
      for (const scheme of schemes) {
        await page.setViewportSize({ width, height: heightAt(width) })
        await page.emulateMedia({ colorScheme: scheme })
        await check()
        await page.screenshot({
          path: `test-results/screenshots/${name}-${width}-${scheme}.png`,
          fullPage: true,
        })
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth)
        expect(scroll, `${name} at ${width} px`).toBeLessThanOrEqual(width)
      }
  }
  await shoot('batch-three-actions', async () => {
    await expect(page.getByTestId('batch-action')).toHaveCount(3)
  })
  // One action's ⋮ menu open, at both widths.
  await shoot('batch-action-menu', async () => {
    if ((await page.getByRole('menu').count()) === 0)
      await action(1).getByRole('button', { name: 'Actions for action 2' }).click()
    await expect(action(1).getByRole('menu')).toBeVisible()
  })
  await page.keyboard.press('Escape')

  const review = await reviewBatch(page)
  await expect(review.getByTestId('simulation-status')).toContainText('Every action succeeds in order')
  await expect(review.getByTestId('who-sees-sentence')).toBeVisible()
  await shoot('batch-review', async () => {
    await expect(review.getByTestId('batch-totals')).toContainText('within your balance')
  })
  expect(wallet.count('eth_sendTransaction')).toBe(0)
})
