import type { Page } from '@playwright/test'
import { type Address, createPublicClient, type Hex, http, parseEther } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { rpc } from '../../tools/devnet/devnet'
import type { TestWallet } from '../harness/wallet/testWallet'
import { connectThroughModal, expect, test } from './fixtures'

const freshAddress = (): Address => privateKeyToAccount(generatePrivateKey()).address
const rows = (page: Page) => page.getByTestId('activity-row')

/**
 * Sends `amount` ETH to `to` so that it stays pending: the funds vanish while the wallet asks, so Protect (the
 * local stand-in) holds it until they come back. Returns the hash and a function that gives the funds back.
 */
async function sendPending(
  page: Page,
  appUrl: string,
  rpcUrl: string,
  wallet: TestWallet,
  to: Address,
  amount: string,
) {
  const client = createPublicClient({ transport: http(rpcUrl) })
  await page.goto(`${appUrl}#/send?to=${to}&amount=${amount}&token=ETH`)
  await page.getByRole('button', { name: 'Review' }).click()
  await expect(page.getByTestId('simulation')).toContainText('Simulation succeeded')
  wallet.policy = 'manual'
  await page.getByTestId('send-button').click()
  const balance = await client.getBalance({ address: wallet.address })
  await rpc(rpcUrl, 'anvil_setBalance', [wallet.address, '0x1'])
  await wallet.decide(true)
  const hash = page.getByTestId('tx-hash')
  await expect(hash).toHaveText(/^0x[0-9a-f]{64}$/)
  wallet.policy = 'approve'
  return {
    hash: (await hash.textContent()) as Hex,
    restore: () => rpc(rpcUrl, 'anvil_setBalance', [wallet.address, `0x${balance.toString(16)}`]),
  }
}

/** Noon yesterday in local time (the browser's, which is this process's): always under "Yesterday". */
const yesterdayNoon = (() => {
  const d = new Date()
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - 1, 12).getTime()
})()

/** A final record of another account, as an older session of this browser would have left it (yesterday). */
function seededRecord(from: Address, chainId: number) {
  return {
    id: 'seeded-other-account',
    kind: 'transfer',
    chainId,
    from,
    hash: `0x${'ab'.repeat(32)}`,
    nonce: 0,
    to: freshAddress(),
    asset: { symbol: 'ETH', decimals: 18 },
    amount: '1000000000000000',
    createdAt: yesterdayNoon,
    protected: true,
    status: 'FAILED',
    privacy: 'private',
    detail: "Not included within Protect's block window.",
    finalAt: { at: yesterdayNoon + 60_000 },
  }
}

test('Activity groups a speed-up and a cancel with their originals as one row each, shows the lifecycle with times, and filters by status and account', async ({
  page,
  env,
  makeWallet,
}) => {
  const wallet = await makeWallet({ chains: { [env.chainId]: env.protectRpcUrl } })
  const client = createPublicClient({ transport: http(env.rpcUrl) })
  const other = freshAddress()
  await page.goto(env.appUrl)
  await page.evaluate(
    (record) => {
      localStorage.setItem('hush.activity.v1', JSON.stringify([record]))
    },
    seededRecord(other, env.chainId),
  )
  await page.reload()
  await connectThroughModal(page)

  // A speed-up: one row, "2 transactions", decided by the speed-up that was included.
  const toA = freshAddress()
  const first = await sendPending(page, env.appUrl, env.rpcUrl, wallet, toA, '0.001')
  await page.goto(`${env.appUrl}#/activity`)
  const spedRow = rows(page).filter({ hasText: first.hash })
  await expect(spedRow.getByTestId('row-status')).toContainText('Pending')
  // An open row starts expanded, with what is still to come.
  const original = spedRow.getByTestId('tx-record').filter({ hasText: first.hash })
  await expect(original.getByTestId('tx-lifecycle')).toContainText('Seen by Protect')
  // Held for want of funds: one card says so with the one fix that helps; speed up and cancel wait under
  // "Other options".
  const diagnosis = original.getByTestId('diagnosis')
  await expect(diagnosis).toHaveAttribute('data-code', 'insufficient-funds', { timeout: 30_000 })
  await expect(diagnosis.getByTestId('diagnosis-fix')).toHaveText('Copy your address to add funds')
  await expect(original.getByRole('button', { name: 'Speed up' })).toBeHidden()
  await diagnosis.getByText('Other options').click()
  await original.getByRole('button', { name: 'Speed up' }).click()
  await original.getByRole('button', { name: 'Confirm and open wallet' }).click()
  await expect(spedRow.getByTestId('tx-record')).toHaveCount(2)
  await expect(spedRow.getByTestId('tx-record').first().getByTestId('tx-hash')).toHaveText(/^0x[0-9a-f]{64}$/)
  await first.restore()
  await expect(spedRow.getByTestId('row-status')).toHaveText(/Included \(sped up\)/, { timeout: 30_000 })
  await expect(rows(page)).toHaveCount(2)
  await expect(spedRow.getByTestId('row-count')).toHaveText('2 transactions')
  await expect(spedRow.getByTestId('row-privacy')).toHaveText(/Likely private/)
  await expect(original.getByTestId('tx-status')).toContainText('Replaced', { timeout: 30_000 })
  // The original links to what replaced it; the speed-up's lifecycle has times for every step it went through.
  const faster = spedRow.getByTestId('tx-record').first()
  await expect(original.getByTestId('tx-replaced-by')).toBeVisible()
  const lifecycle = faster.getByTestId('tx-lifecycle')
  await expect(lifecycle.locator('[data-step="outcome"]')).toContainText(/Included in block \d+/)
  for (const step of ['wallet', 'sent', 'protect', 'outcome'])
    await expect(lifecycle.locator(`[data-step="${step}"] time`)).toHaveAttribute('datetime', /^\d{4}-/)
  expect(await client.getBalance({ address: toA })).toBe(parseEther('0.001'))

  // A cancel: one row, shown as cancelled, the cancellation inside it.
  const toB = freshAddress()
  const second = await sendPending(page, env.appUrl, env.rpcUrl, wallet, toB, '0.002')
  await page.goto(`${env.appUrl}#/activity`)
  const cancelRow = rows(page).filter({ hasText: second.hash })
  const pending = cancelRow.getByTestId('tx-record').filter({ hasText: second.hash })
  const held = pending.getByTestId('diagnosis')
  await expect(held).toHaveAttribute('data-code', 'insufficient-funds', { timeout: 30_000 })
  await held.getByText('Other options').click()
  await pending.getByRole('button', { name: 'Cancel' }).click()
  // The cancel's confirmation says who will see it (issue 24): the wallet's Protect URL is not one Hush set.
  await expect(pending.getByTestId('replace-confirm')).toBeVisible()
  await expect(pending.getByTestId('who-sees-sentence')).toContainText(
    "Hush did not set your wallet's Protect URL",
  )
  await pending.getByRole('button', { name: 'Confirm and open wallet' }).click()
  await expect(cancelRow.getByTestId('tx-record')).toHaveCount(2)
  await expect(cancelRow.getByText('Cancellation')).toBeVisible()
  await expect(cancelRow.getByTestId('tx-record').first().getByTestId('tx-hash')).toHaveText(
    /^0x[0-9a-f]{64}$/,
  )
  await second.restore()
  await expect(cancelRow.getByTestId('row-status')).toHaveText(/Cancelled/, { timeout: 30_000 })
  await expect(cancelRow.getByTestId('row-privacy')).toHaveText(/Likely never public/)
  await expect(rows(page)).toHaveCount(3)
  expect(await client.getBalance({ address: toB })).toBe(0n)
  // Grouped by day: today's two rows, then yesterday's seeded one.
  const days = page.getByTestId('activity-list').locator('section.activity-day')
  await expect(page.getByTestId('activity-day')).toHaveText(['Today', 'Yesterday'])
  await expect(days.nth(0).getByTestId('activity-row')).toHaveCount(2)
  await expect(days.nth(1).getByTestId('activity-row')).toHaveCount(1)
  await expect(days.nth(1).getByTestId('activity-row')).toHaveAttribute('data-status', 'FAILED')

  // The compact row: the counterparty cut short, in full on hover; a relative time.
  await expect(cancelRow.getByTestId('row-to')).toHaveText(`${toB.slice(0, 6)}…${toB.slice(-4)}`)
  await expect(cancelRow.getByTestId('row-to')).toHaveAttribute('title', toB)
  await expect(cancelRow.getByTestId('row-time')).toHaveText(/seconds? ago|just now|minutes? ago/)
  // Every hash has a copy button carrying the full hash (collapsed rows too).
  const hashes = await page.getByTestId('tx-hash').allTextContents()
  expect(hashes).toHaveLength(5)
  for (const hash of hashes)
    await expect(page.locator(`button[aria-label="Copy hash: ${hash}"]`)).toHaveCount(1)

  // Filters: by status, then by account.
  const status = page.getByTestId('filter-status')
  await status.selectOption('included')
  await expect(rows(page)).toHaveCount(1)
  await expect(rows(page).first()).toContainText(first.hash)
  await status.selectOption('cancelled')
  await expect(rows(page)).toHaveCount(1)
  await expect(rows(page).first()).toContainText(second.hash)
  await status.selectOption('failed')
  await expect(rows(page)).toHaveCount(1)
  await expect(rows(page).first().getByTestId('row-status')).toContainText('Failed')
  await expect(rows(page).first().getByTestId('row-privacy')).toHaveText(/Never public/)
  await status.selectOption('all')
  const account = page.getByTestId('filter-account')
  await account.selectOption(wallet.address)
  await expect(rows(page)).toHaveCount(2)
  await account.selectOption(other)
  await expect(rows(page)).toHaveCount(1)
  await status.selectOption('included')
  await expect(rows(page)).toHaveCount(0)
  await expect(page.getByTestId('activity-no-match')).toBeVisible()
  await page.getByRole('button', { name: 'Show all' }).click()
  await expect(rows(page)).toHaveCount(3)
})

test("another app's record at a nonce Hush never asks for leaves Activity once tracking reads the account's count, with a notice", async ({
  page,
  env,
  makeWallet,
}) => {
  const wallet = await makeWallet({ chains: { [env.chainId]: env.protectRpcUrl } })
  const to = freshAddress()
  await page.goto(env.appUrl)
  await page.evaluate(
    (record) => {
      localStorage.setItem('hush.activity.v1', JSON.stringify([record]))
    },
    {
      id: 'another-app-1000',
      kind: 'transfer',
      chainId: env.chainId,
      from: wallet.address,
      nonce: 1000,
      to,
      call: { to, value: '1000' },
      createdAt: Date.now(),
      protected: true,
      status: 'AWAITING_WALLET',
      privacy: 'checking',
      intentBlock: 0,
    },
  )
  await page.reload()
  await connectThroughModal(page)
  await page.goto(`${env.appUrl}#/activity`)
  await expect(page.getByTestId('storage-notice')).toContainText('Hush set some saved data aside', {
    timeout: 30_000,
  })
  await expect(page.getByTestId('storage-notice')).toContainText('not written by Hush')
  await expect(rows(page)).toHaveCount(0)
  await expect(page.getByText('Waiting for your wallet')).toHaveCount(0)
  // Kept in storage, closed, with the reason: not Hush's to delete.
  const stored = await page.evaluate(() => localStorage.getItem('hush.activity.v1') ?? '[]')
  expect(JSON.parse(stored)).toEqual([
    expect.objectContaining({ id: 'another-app-1000', status: 'NOT_SENT', notHush: expect.any(String) }),
  ])
})
