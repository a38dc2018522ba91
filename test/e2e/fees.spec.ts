import type { Page } from '@playwright/test'
import { type Address, createPublicClient, type Hex, http, parseEther, parseGwei } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { connectThroughModal, expect, test } from './fixtures'

const freshAddress = (): Address => privateKeyToAccount(generatePrivateKey()).address

async function reviewEth(page: Page, appUrl: string, to: Address, amount: string) {
  await page.goto(appUrl)
  await connectThroughModal(page)
  await page.goto(`${appUrl}#/send?to=${to}&amount=${amount}&token=ETH`)
  await page.getByRole('button', { name: 'Review' }).click()
  await expect(page.getByTestId('simulation')).toContainText('Simulation succeeded')
}

test('custom fee: starts from the chosen preset, errors stay at the fee fields, the summary never turns into "?", a far-too-high fee is warned about and sent as typed', async ({
  page,
  env,
  makeWallet,
}) => {
  const wallet = await makeWallet({ chains: { [env.chainId]: env.protectRpcUrl } })
  const to = freshAddress()
  await reviewEth(page, env.appUrl, to, '1.5')
  const amount = page.getByTestId('review-amount')
  await expect(amount).toHaveText('1.5\u00a0ETH')

  // Custom starts from the preset chosen before it: Fast's exact values.
  const fast = page.locator('.fee-option:has(input[value="fast"])')
  await fast.getByRole('radio').check()
  const fastMax = await fast.locator('[data-exact]').nth(1).getAttribute('data-exact')
  const fastTip = await fast.locator('[data-exact]').nth(0).getAttribute('data-exact')
  await page.getByRole('radio', { name: 'Custom' }).check()
  const maxFee = page.getByLabel('Max fee (gwei)')
  const tip = page.getByLabel('Priority fee / tip (gwei)')
  await expect(maxFee).toHaveValue(fastMax!)
  await expect(tip).toHaveValue(fastTip!)
  await expect(page.getByTestId('send-button')).toBeEnabled()

  const send = page.getByTestId('send-button')
  const summaryIntact = async () => {
    await expect(amount).toHaveText('1.5\u00a0ETH')
    await expect(page.getByTestId('review-summary')).not.toContainText('?')
    await expect(page.locator('#send-blockers')).not.toContainText('not valid')
    await expect(page.locator('#send-blockers')).toContainText('Fix the custom fee')
    await expect(send).toBeDisabled()
  }

  await maxFee.fill('abc')
  await expect(page.getByTestId('fee-max-error')).toContainText('gwei with at most 9 decimals')
  await expect(maxFee).toHaveAttribute('aria-invalid', 'true')
  await summaryIntact()

  await maxFee.fill(fastMax!)
  // A decimal string with "1" in front is always larger (Number(fastMax) + 1 can print 17 digits: 1.1027000000000002).
  await tip.fill(`1${fastMax}`)
  await expect(page.getByTestId('fee-tip-error')).toContainText('cannot exceed the max fee')
  await expect(page.getByTestId('fee-max-error')).toHaveCount(0)
  await summaryIntact()

  await tip.fill('0')
  await expect(page.getByTestId('fee-tip-error')).toContainText('zero-tip')
  await summaryIntact()

  // A fee the balance cannot pay (amount + gas): at the max fee field, not a bad transfer.
  const balance = await createPublicClient({ transport: http(env.rpcUrl) }).getBalance({
    address: wallet.address,
  })
  await tip.fill(fastTip!)
  await maxFee.fill(`${(balance / 21_000n / 10n ** 9n) * 2n}`)
  await expect(page.getByTestId('fee-max-error')).toContainText('more than your balance')
  await summaryIntact()

  // Valid but far above Fast: a warning with the cost in ETH; it does not block.
  const high = '250'
  await maxFee.fill(high)
  await tip.fill('5')
  await expect(page.getByTestId('fee-max-error')).toHaveCount(0)
  await expect(page.getByTestId('fee-tip-error')).toHaveCount(0)
  const warning = page.getByTestId('fee-overpay')
  await expect(warning).toContainText('far above the Fast preset')
  await expect(warning.locator('[data-exact]').first()).toHaveAttribute(
    'data-exact',
    '0.00525', // 21,000 gas × 250 gwei
  )
  await expect(page.getByTestId('max-cost-value')).toHaveAttribute('data-exact', '1.50525')
  // …and in dollars from the devnet's ETH/USD feed: 0.00525 × 3,141.59 = 16.49…
  await expect(page.getByTestId('fee-overpay-fiat')).toHaveText('≈\u00a0$16.49')
  await expect(send).toBeEnabled()
  await send.click()
  const hash = page.getByTestId('tx-hash')
  await expect(hash).toHaveText(/^0x[0-9a-f]{64}$/)
  const sent = wallet.requests.find((r) => r.method === 'eth_sendTransaction')?.params[0] as {
    maxFeePerGas: Hex
    maxPriorityFeePerGas: Hex
    value: Hex
  }
  expect(BigInt(sent.maxFeePerGas)).toBe(parseGwei(high))
  expect(BigInt(sent.maxPriorityFeePerGas)).toBe(parseGwei('5'))
  expect(BigInt(sent.value)).toBe(parseEther('1.5'))
})

test('at 375 × 812 the review fits one screen: amount, recipient, privacy line, total and Send show without scrolling', async ({
  page,
  env,
  makeWallet,
}) => {
  await makeWallet({ chains: { [env.chainId]: env.protectRpcUrl } })
  await page.setViewportSize({ width: 375, height: 812 })
  await reviewEth(page, env.appUrl, freshAddress(), '0.25')
  await expect(page.getByTestId('send-button')).toBeEnabled()
  await expect(page.getByTestId('review-privacy')).toContainText('Private')
  await expect(page.getByTestId('max-cost-value')).toBeVisible()
  await page.evaluate(() => window.scrollTo(0, 0))
  const send = await page.getByTestId('send-button').boundingBox()
  expect(send, 'send-button').not.toBeNull()
  expect(send!.y, 'send-button top').toBeGreaterThanOrEqual(0)
  expect(send!.y + send!.height, 'send-button bottom').toBeLessThanOrEqual(812)
  // The facts end above the pinned Send bar, so it covers none of them.
  const bar = await page.locator('.review-actions').boundingBox()
  for (const id of ['review-amount', 'review-recipient', 'review-privacy', 'max-cost']) {
    const box = await page.getByTestId(id).boundingBox()
    expect(box, id).not.toBeNull()
    expect(box!.y, `${id} top`).toBeGreaterThanOrEqual(0)
    expect(box!.y + box!.height, `${id} bottom`).toBeLessThanOrEqual(bar!.y)
  }
  // Nothing (the bottom page bar) covers the Send button: it is what a tap at its centre reaches.
  const reached = await page.getByTestId('send-button').evaluate((button) => {
    const r = button.getBoundingClientRect()
    return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === button
  })
  expect(reached).toBe(true)
})
