import AxeBuilder from '@axe-core/playwright'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { connectThroughModal, expect, test } from './fixtures'
import { reviewBatch } from './flows'

/** Batch at parity with Send: field-level balance checks, token unit and Max, preview-aware totals, Connect, self-send. */

test('without a wallet, Batch offers the Connect button itself, and it connects', async ({
  page,
  env,
  makeWallet,
}) => {
  await makeWallet()
  await page.goto(`${env.appUrl}#/batch`)
  const connect = page.getByTestId('batch-connect')
  await expect(connect).not.toContainText('Connect a wallet')
  await connect.getByRole('button', { name: 'Connect Wallet' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Hush Test Wallet' }).click()
  await expect(connect).toHaveCount(0)
})

test('amounts over the balance are flagged at their field, counting earlier actions; token amounts carry their unit and a Max that leaves room for the others; sending to yourself is warned about in Batch and Send', async ({
  page,
  env,
  connected: wallet,
}) => {
  const dusd = env.contracts.tokens.find((t) => t.symbol === 'DUSD')!
  const bob = privateKeyToAccount(generatePrivateKey()).address
  await page.setViewportSize({ width: 375, height: 800 })
  await page.goto(`${env.appUrl}#/batch`)
  const action = (i: number) => page.getByTestId('batch-action').nth(i)

  await page.getByRole('button', { name: '+ ETH transfer' }).click()
  await action(0).getByLabel('Recipient address').fill(wallet.address)
  await action(0)
    .getByLabel(/^Amount/)
    .fill('6000')
  await expect(action(0).getByText('This is your own address')).toBeVisible()
  await expect(action(0).getByLabel(/^Amount/)).not.toHaveAttribute('aria-invalid', 'true')

  await page.getByRole('button', { name: '+ ETH transfer' }).click()
  await action(1).getByLabel('Recipient address').fill(bob)
  await action(1)
    .getByLabel(/^Amount/)
    .fill('5000')
  await expect(action(1).getByLabel(/^Amount/)).toHaveAttribute('aria-invalid', 'true')
  await expect(action(1)).toContainText(
    'With 6,000 ETH in the earlier actions, this is more than your balance of 10,000 ETH.',
  )
  await expect(action(1).getByText('This is your own address')).toHaveCount(0)

  await page.getByRole('button', { name: '+ Token transfer' }).click()
  await action(2).getByLabel('Token').selectOption(dusd.address)
  await action(2).getByLabel('Recipient address').fill(bob)
  await action(2).getByLabel('Amount (DUSD)').fill('400000')
  await page.getByRole('button', { name: '+ Token transfer' }).click()
  await action(3).getByLabel('Token').selectOption(dusd.address)
  await action(3).getByLabel('Recipient address').fill(bob)
  const amount = action(3).getByLabel('Amount (DUSD)')
  await amount.fill('600000.000001')
  await expect(action(3)).toContainText(
    'With 400,000 DUSD in the earlier actions, this is more than your balance of 1,000,000 DUSD.',
  )
  await action(3).getByRole('button', { name: /^Max/ }).click()
  await expect(amount).toHaveValue('600000')
  await expect(amount).not.toHaveAttribute('aria-invalid', 'true')

  await page.getByRole('button', { name: 'Review batch' }).click()
  await expect(page.getByText('Fix the problem marked above to continue.')).toBeVisible()
  await expect(page.getByTestId('batch-review')).toHaveCount(0)
  const axe = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze()
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([])
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)

  await action(1)
    .getByLabel(/^Amount/)
    .fill('1')
  const review = page.getByTestId('batch-review')
  await expect(review.getByTestId('review-step').first()).toContainText('This is your own address')

  await page.goto(`${env.appUrl}#/send?to=${wallet.address}&amount=0.1&token=ETH`)
  await expect(page.getByTestId('self-send-warning')).toContainText('This is your own address')
})

test('the totals count tokens a raw contract call moves, as the outcome preview shows them', async ({
  page,
  env,
  makeWallet,
}) => {
  await makeWallet()
  const dusd = env.contracts.tokens.find((t) => t.symbol === 'DUSD')!
  const bob = privateKeyToAccount(generatePrivateKey()).address
  await page.goto(env.appUrl)
  await connectThroughModal(page)
  await page.goto(`${env.appUrl}#/batch`)
  await page.getByRole('button', { name: '+ Contract call' }).click()
  const call = page.getByTestId('batch-action').last()
  await call.getByLabel('Contract address').fill(dusd.address)
  await call.getByLabel('Function (human-readable ABI)').fill('function transfer(address to, uint256 amount)')
  await call.getByLabel('to (address)').fill(bob)
  await call.getByLabel('amount (uint256)').fill('2500000')
  const review = await reviewBatch(page)
  await expect(review.getByTestId('outcome-preview-method')).toHaveAttribute('data-method', 'simulated')
  const totals = review.getByTestId('batch-totals')
  await expect(totals).toContainText('2.5\u00a0DUSD')
  await expect(totals).toContainText('within your balance')
  await expect(totals.getByTestId('batch-total-from-preview')).toBeVisible()
})
