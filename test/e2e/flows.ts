import type { Locator, Page } from '@playwright/test'
import { expect } from './fixtures'

// Steps that many specs take the same way; each waits for what the user would see before going on.

/** Clicks a page in the navigation and waits for its heading. */
export async function openPage(page: Page, label: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Pages' })
    .getByRole('link', { name: label, exact: true })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible()
}

/** On the Send page: picks the asset whose option starts with `symbol`, then fills recipient and amount. */
export async function fillSend(page: Page, to: string, amount: string, symbol = 'ETH'): Promise<void> {
  const option = page.locator('#send-asset option', { hasText: new RegExp(`^${symbol} `) })
  await page.getByLabel('Asset').selectOption((await option.getAttribute('value')) ?? '')
  await page.getByLabel('Recipient (address or ENS name)').fill(to)
  await page.getByLabel(/^Amount/).fill(amount)
}

/** Clicks Review on the filled Send form and waits for the simulation to succeed. */
export async function reviewSend(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Review' }).click()
  await expect(page.getByTestId('simulation')).toContainText('Simulation succeeded')
}

/** On the Batch page: adds an ETH transfer action and fills it. */
export async function addBatchEth(page: Page, to: string, amount: string): Promise<void> {
  await page.getByRole('button', { name: '+ ETH transfer' }).click()
  const action = page.getByTestId('batch-action').last()
  await action.getByLabel('Recipient address').fill(to)
  await action.getByLabel(/^Amount/).fill(amount)
}

/** On the Batch page: adds a contract call action with its address and human-readable ABI; returns the row. */
export async function addBatchCall(page: Page, address: string, signature: string) {
  await page.getByRole('button', { name: '+ Contract call' }).click()
  const call = page.getByTestId('batch-action').last()
  await call.getByLabel('Contract address').fill(address)
  await call.getByLabel('Function (human-readable ABI)').fill(signature)
  return call
}

/** A 375 px wide phone screen in dark mode, `height` px tall. */
export async function darkPhone(page: Page, height: number): Promise<void> {
  await page.setViewportSize({ width: 375, height })
  await page.emulateMedia({ colorScheme: 'dark' })
}

/**
 * Opens a record card's "Other options", where Cancel, Speed up and Send again wait beside a diagnosis's one fix:
 * waits for the diagnosis to show it first (a card without a diagnosis has no such fold).
 */
export async function openOtherOptions(card: Locator): Promise<void> {
  const more = card.getByTestId('diagnosis-other')
  await expect(more.locator(':scope > summary')).toBeVisible({ timeout: 30_000 })
  if (!(await more.evaluate((d) => (d as HTMLDetailsElement).open)))
    await more.locator(':scope > summary').click()
}

/** On the Batch page: clicks Review batch; returns the review. */
export async function reviewBatch(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Review batch' }).click()
  return page.getByTestId('batch-review')
}
