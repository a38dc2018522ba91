import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { type Address, createPublicClient, getAddress, http, parseAbi, parseEther, parseUnits } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { installAtomicBatches } from '../harness/wallet/atomic'
import { tokenBalance } from './chain'
import { connectThroughModal, expect, test } from './fixtures'
import { reviewBatch } from './flows'

const vaultAbi = parseAbi(['function pings() view returns (uint256)'])

type StoredRecord = {
  kind: string
  status: string
  hash?: string
  steps?: { label: string; result: string }[]
}

/** The step records of one-by-one batches, oldest first. */
async function storedSteps(page: Page) {
  const raw = await page.evaluate(() => localStorage.getItem('hush.activity.v1'))
  return (
    JSON.parse(raw ?? '[]') as {
      stepIndex?: number
      status: string
      hash?: string
      nonce?: number
      createdAt: number
    }[]
  )
    .filter((r) => r.stepIndex !== undefined)
    .sort((a, b) => a.createdAt - b.createdAt)
}

/** The Activity entries the app persisted (the store the Activity page reads). */
async function storedBatches(page: Page): Promise<StoredRecord[]> {
  const raw = await page.evaluate(() => localStorage.getItem('hush.activity.v1'))
  return (JSON.parse(raw ?? '[]') as StoredRecord[]).filter((r) => r.kind === 'batch')
}

async function addEthTransfer(page: Page, to: Address, amount: string) {
  await page.getByRole('button', { name: '+ ETH transfer' }).click()
  const action = page.getByTestId('batch-action').last()
  await action.getByLabel('Recipient address').fill(to)
  await action.getByLabel(/^Amount/).fill(amount)
}

async function addTokenTransfer(page: Page, token: Address, to: Address, amount: string) {
  await page.getByRole('button', { name: '+ Token transfer' }).click()
  const action = page.getByTestId('batch-action').last()
  await action.getByLabel('Token').selectOption(token)
  await action.getByLabel('Recipient address').fill(to)
  await action.getByLabel('Amount').fill(amount)
}

async function addContractCall(
  page: Page,
  to: Address,
  signature: string,
  args: Record<string, string> = {},
) {
  await page.getByRole('button', { name: '+ Contract call' }).click()
  const action = page.getByTestId('batch-action').last()
  await action.getByLabel('Contract address').fill(to)
  await action.getByLabel('Function (human-readable ABI)').fill(signature)
  for (const [label, value] of Object.entries(args)) await action.getByLabel(label).fill(value)
}

test.describe('batch page', () => {
  test('an atomic wallet gets one wallet_sendCalls that changes every balance, and the list survives a reload', async ({
    page,
    env,
    makeWallet,
  }) => {
    // On Protect (the local stand-in): no public-send choice is asked, and the batch's privacy is verified.
    const wallet = await makeWallet({ accounts: [18], chains: { [env.chainId]: env.protectRpcUrl } })
    installAtomicBatches(wallet, env.contracts.batchExecutor)
    const reader = createPublicClient({ transport: http(env.rpcUrl) })
    const dusd = env.contracts.tokens[0]!
    const recipient = privateKeyToAccount(generatePrivateKey()).address

    await page.goto(`${env.appUrl}#/batch`)
    await addEthTransfer(page, recipient, '1.5')
    await addTokenTransfer(page, dusd.address, recipient, '7.25')
    await addContractCall(page, env.contracts.vault, 'function ping()')
    await page.reload()
    await expect(page.getByTestId('batch-action')).toHaveCount(3)
    await expect(page.getByTestId('batch-action').nth(1).getByLabel('Amount')).toHaveValue('7.25')

    await page.goto(`${env.appUrl}#/wallet`)
    await connectThroughModal(page)
    await page.goto(`${env.appUrl}#/batch`)
    const pingsBefore = await reader.readContract({
      address: env.contracts.vault,
      abi: vaultAbi,
      functionName: 'pings',
    })

    const review = await reviewBatch(page)
    await expect(review.getByTestId('review-step')).toHaveText([
      `Send 1.5 ETH to ${recipient}`,
      `Transfer 7.25 DUSD to ${recipient}`,
      `Call ping() on ${env.contracts.vault}`,
    ])
    await expect(review.getByTestId('simulation-status')).toContainText('Every action succeeds in order')
    await expect(review.getByTestId('batch-gas')).toContainText('gas less as a batch')
    await expect(review.getByTestId('batch-path')).toContainText('Atomic')
    // Everything it sends, each with its fiat value, against its balance; and the fiat total of it all.
    await expect(review.getByTestId('batch-totals')).toContainText(
      '7.25\u00a0DUSD ≈\u00a0$7.25 — within your balance',
    )
    await expect(review.getByTestId('batch-totals')).toContainText('for gas')
    await expect(review.getByTestId('batch-total-fiat')).toContainText(/In all: ≈\u00a0\$[\d,]+\.\d\d/)
    // On Protect with a URL Hush did not set: the review says it cannot tell who sees it, and offers the settings.
    await expect(review.getByTestId('who-sees-sentence')).toContainText(
      "Hush did not set your wallet's Protect URL",
    )
    await expect(page.getByTestId('protection-state')).not.toContainText('Checking')
    await review.getByRole('button', { name: 'Send batch atomically' }).click()

    await expect(page.getByTestId('batch-run-status')).toContainText('all 3 actions succeeded together', {
      timeout: 30_000,
    })
    await expect(page.getByTestId('batch-run-status')).toContainText('Likely private')
    expect(wallet.count('wallet_sendCalls')).toBe(1)
    expect(wallet.count('eth_sendTransaction')).toBe(0)
    expect(await reader.getBalance({ address: recipient })).toBe(parseEther('1.5'))
    expect(await tokenBalance(env.rpcUrl, dusd.address, recipient)).toBe(parseUnits('7.25', 6))
    expect(
      await reader.readContract({ address: env.contracts.vault, abi: vaultAbi, functionName: 'pings' }),
    ).toBe(pingsBefore + 1n)
  })

  test('the simulation points at the failing action with its decoded reason and nothing is sent', async ({
    page,
    env,
    makeWallet,
  }) => {
    const wallet = await makeWallet({ accounts: [19] })
    installAtomicBatches(wallet, env.contracts.batchExecutor)
    await page.goto(env.appUrl)
    await connectThroughModal(page)
    await page.goto(`${env.appUrl}#/batch`)
    await addContractCall(page, env.contracts.vault, 'function ping()')
    await addContractCall(page, env.contracts.vault, 'function withdraw(uint256 amount)', {
      'amount (uint256)': '-1',
    })
    await page.getByRole('button', { name: 'Review batch' }).click()
    const arg = page.getByTestId('batch-action').nth(1).getByLabel('amount (uint256)')
    await expect(arg).toHaveAttribute('aria-invalid', 'true')
    await expect(page.getByText('Out of range for uint256')).toBeVisible()
    await arg.fill('5')

    const review = page.getByTestId('batch-review')
    await expect(review.getByTestId('simulation-status')).toContainText(
      'Action 2 would fail: DemoVault: insufficient deposit',
    )
    await expect(review.getByTestId('simulation-failed-step')).toHaveCount(1)
    await expect(review.getByRole('button', { name: 'Send batch atomically' })).toBeDisabled()
    expect(wallet.count('wallet_sendCalls')).toBe(0)
  })

  test('an unlimited approve inside a contract call gets the unlimited-approval warning and tick, and a spender with no code is flagged', async ({
    page,
    env,
    makeWallet,
  }) => {
    const wallet = await makeWallet({ accounts: [19] })
    installAtomicBatches(wallet, env.contracts.batchExecutor)
    await page.goto(env.appUrl)
    await connectThroughModal(page)
    await page.goto(`${env.appUrl}#/batch`)
    const spender = privateKeyToAccount(generatePrivateKey()).address
    await addContractCall(
      page,
      env.contracts.tokens[0]!.address,
      'function approve(address spender, uint256 amount)',
      {
        'spender (address)': spender,
        'amount (uint256)': (2n ** 256n - 1n).toString(),
      },
    )
    const action = page.getByTestId('batch-action')
    await expect(action.getByTestId('approval-warning')).toContainText('Unlimited approval')
    await expect(action.getByTestId('approval-warning')).toContainText('no contract code')
    await page.getByRole('button', { name: 'Review batch' }).click()
    await expect(action.getByText('Tick the box to confirm this approval')).toBeVisible()
    await expect(page.getByTestId('batch-review')).toHaveCount(0)
    await action.getByLabel('I understand and want this approval').check()
    const review = page.getByTestId('batch-review')
    await expect(review.getByTestId('simulation-status')).toContainText('Every action succeeds in order')
    await expect(review).toContainText('Unlimited approval')
    // Any other edit takes the tick back.
    await action.getByLabel('spender (address)').fill(env.contracts.vault)
    await expect(action.getByLabel('I understand and want this approval')).not.toBeChecked()
    await expect(page.getByTestId('batch-review')).toHaveCount(0)
    expect(wallet.count('wallet_sendCalls')).toBe(0)
  })

  test('an address that looks like a known one is flagged at the field and needs an explicit check before sending', async ({
    page,
    env,
    makeWallet,
  }) => {
    const wallet = await makeWallet({ accounts: [19] })
    installAtomicBatches(wallet, env.contracts.batchExecutor)
    const own = wallet.address.toLowerCase()
    const middle = own.slice(6, -4).replace(/./g, (c) => (c === '0' ? '1' : '0'))
    const lookalike = getAddress(`${own.slice(0, 6)}${middle}${own.slice(-4)}`)
    await page.goto(env.appUrl)
    await connectThroughModal(page)
    await page.goto(`${env.appUrl}#/batch`)
    await addEthTransfer(page, lookalike, '0.01')
    await expect(page.getByTestId('batch-action').getByText('address-poisoning')).toBeVisible()
    const review = await reviewBatch(page)
    await expect(review.getByTestId('simulation-status')).toContainText('Every action succeeds in order')
    const send = review.getByRole('button', { name: 'Send batch atomically' })
    await expect(send).toBeDisabled()
    await review.getByLabel('I have checked every character of these addresses').check()
    // The wallet is on a plain node: the one choice to go public is the last thing missing.
    await expect(send).toBeDisabled()
    await review.getByTestId('batch-public-consent').getByRole('checkbox').check()
    await expect(send).toBeEnabled()
    expect(wallet.count('wallet_sendCalls')).toBe(0)
  })

  test('a wallet without EIP-5792 goes sequential with the label; each step is its own record; a declined middle step stops the rest and resumes with its nonce', async ({
    page,
    env,
    makeWallet,
  }) => {
    // On Protect (the local stand-in), without EIP-5792: the request reaches the node, which answers -32601.
    const wallet = await makeWallet({ accounts: [19], chains: { [env.chainId]: env.protectRpcUrl } })
    const reader = createPublicClient({ transport: http(env.rpcUrl) })
    const dusd = env.contracts.tokens[0]!
    const recipient = privateKeyToAccount(generatePrivateKey()).address
    const recipientDusd = () => tokenBalance(env.rpcUrl, dusd.address, recipient)

    await page.goto(env.appUrl)
    await connectThroughModal(page)
    await page.goto(`${env.appUrl}#/batch`)
    await addEthTransfer(page, recipient, '0.5')
    await addTokenTransfer(page, dusd.address, recipient, '3')
    await addContractCall(page, env.contracts.vault, 'function ping()')
    const review = await reviewBatch(page)
    await expect(review.getByTestId('batch-path')).toContainText(
      'not atomic: each step can succeed or fail on its own',
    )
    await expect(review.getByTestId('simulation-status')).toContainText('Every action succeeds in order')

    wallet.policy = 'manual'
    await review.getByRole('button', { name: 'Send 3 transactions one by one' }).click()
    await wallet.decide(true)
    await wallet.decide(false)
    const status = page.getByTestId('batch-run-status')
    await expect(status).toContainText('Stopped at step 2: the later steps were not sent')
    const steps = page.getByTestId('batch-step')
    await expect(steps.nth(0)).toHaveAttribute('data-status', 'success')
    await expect(steps.nth(0)).toContainText('Likely private')
    await expect(steps.nth(1)).toHaveAttribute('data-status', 'failed')
    await expect(steps.nth(1)).toContainText('You declined the transaction in your wallet. Nothing was sent.')
    await expect(steps.nth(2)).toHaveAttribute('data-status', 'skipped')
    expect(await reader.getBalance({ address: recipient })).toBe(parseEther('0.5'))
    expect(await recipientDusd()).toBe(0n)
    expect(wallet.count('eth_sendTransaction')).toBe(2)
    // Each step sent is its own Activity record: nonce, hash (once sent), status and privacy.
    await expect
      .poll(async () => (await storedSteps(page)).map((s) => [s.stepIndex, s.status, Boolean(s.hash)]))
      .toEqual([
        [0, 'INCLUDED', true],
        [1, 'NOT_SENT', false],
      ])
    const declinedNonce = (await storedSteps(page))[1]?.nonce

    wallet.policy = 'approve'
    await page.getByRole('button', { name: 'Resume from step 2' }).click()
    await expect(status).toContainText('All 3 steps succeeded', { timeout: 30_000 })
    await expect(steps.nth(2)).toHaveAttribute('data-status', 'success')
    expect(await recipientDusd()).toBe(parseUnits('3', 6))
    expect(await reader.getBalance({ address: recipient })).toBe(parseEther('0.5'))
    expect(wallet.count('eth_sendTransaction')).toBe(4)
    expect(wallet.count('wallet_sendCalls')).toBe(0)
    const stored = await storedSteps(page)
    expect(stored.map((s) => [s.stepIndex, s.status])).toEqual([
      [0, 'INCLUDED'],
      [1, 'NOT_SENT'],
      [1, 'INCLUDED'],
      [2, 'INCLUDED'],
    ])
    // The resumed step reused the declined attempt's nonce: at most one of the two could ever be included.
    expect(stored[2]?.nonce).toBe(declinedNonce)
    const entries = await storedBatches(page)
    expect(entries).toHaveLength(1)
    await expect.poll(async () => (await storedBatches(page))[0]?.status).toBe('INCLUDED')

    await page.goto(`${env.appUrl}#/activity`)
    const card = page.getByTestId('tx-record').filter({ hasText: 'Batch of 3 calls' })
    await expect(card).toHaveCount(1)
    await expect(card.getByTestId('batch-record-step')).toHaveCount(3)
    await expect(card.getByTestId('batch-record-step').nth(2)).toContainText(
      `Call ping() on ${env.contracts.vault}`,
    )
    for (const i of [0, 1, 2])
      await expect(card.getByTestId('batch-record-step').nth(i)).toHaveAttribute('data-result', 'INCLUDED')
  })

  test('a one-by-one batch interrupted by a reload: the step whose prompt was open is found on chain afterwards, and the batch ends Included, not pending forever', async ({
    page,
    env,
    connectedOnProtect: wallet,
  }) => {
    const reader = createPublicClient({ transport: http(env.rpcUrl) })
    const recipient = privateKeyToAccount(generatePrivateKey()).address
    await page.goto(`${env.appUrl}#/batch`)
    await addEthTransfer(page, recipient, '0.01')
    // The second row's Max: all the ETH the first leaves, minus the gas of both steps (as Send's Max).
    await page.getByRole('button', { name: '+ ETH transfer' }).click()
    const maxRow = page.getByTestId('batch-action').last()
    await maxRow.getByLabel('Recipient address').fill(recipient)
    await expect(maxRow.getByTestId('max-note')).toContainText('for the gas of both transactions')
    await maxRow.getByRole('button', { name: 'Max: all the ETH the other actions and the gas leave' }).click()
    const maxed = parseEther(await maxRow.getByLabel(/^Amount/).inputValue())
    expect(maxed).toBeGreaterThan(parseEther('1'))
    const review = await reviewBatch(page)
    await expect(review.getByTestId('simulation-status')).toContainText('Every action succeeds in order')
    await expect(review.getByTestId('batch-totals')).toContainText('within your balance')
    wallet.policy = 'manual'
    await review.getByRole('button', { name: 'Send 2 transactions one by one' }).click()
    await wallet.decide(true)
    // Step 2's prompt opens once step 1 is included; the page goes away while it is open.
    await expect.poll(() => wallet.pendingApprovals(), { timeout: 30_000 }).toBe(1)
    await page.reload()
    await wallet.decide(true)
    await expect
      .poll(async () => (await storedSteps(page)).map((s) => [s.stepIndex, s.status, Boolean(s.hash)]), {
        timeout: 30_000,
      })
      .toEqual([
        [0, 'INCLUDED', true],
        [1, 'INCLUDED', true],
      ])
    await expect.poll(async () => (await storedBatches(page))[0]?.status).toBe('INCLUDED')
    expect(wallet.count('eth_sendTransaction')).toBe(2)
    expect(await reader.getBalance({ address: recipient })).toBe(parseEther('0.01') + maxed)
    // Both steps were paid for, and Max left no more than their gas behind.
    expect(await reader.getBalance({ address: wallet.address })).toBeLessThan(parseEther('0.001'))
    await page.goto(`${env.appUrl}#/activity`)
    const card = page.getByTestId('tx-record').filter({ hasText: 'Batch of 2 calls' })
    await expect(card.getByTestId('tx-status').first()).toContainText('Included')
  })

  test('at 375 px in dark mode, errors at fields, review and progress pass axe and do not scroll sideways', async ({
    page,
    env,
    makeWallet,
  }) => {
    const wallet = await makeWallet({ accounts: [18] })
    installAtomicBatches(wallet, env.contracts.batchExecutor)
    await page.setViewportSize({ width: 375, height: 800 })
    await page.emulateMedia({ colorScheme: 'dark' })
    const violations = async () =>
      (
        await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
          .analyze()
      ).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)
    const noSideScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
    await page.goto(env.appUrl)
    await connectThroughModal(page)
    await page.goto(`${env.appUrl}#/batch`)
    const recipient = privateKeyToAccount(generatePrivateKey()).address
    await addEthTransfer(page, recipient, '0.001')
    await page.getByRole('button', { name: '+ Token approval' }).click()
    const approval = page.getByTestId('batch-action').last()
    await approval.getByLabel('Token').selectOption(env.contracts.tokens[0]!.address)
    await approval.getByLabel('Spender address').fill(env.contracts.vault)
    await approval.getByLabel('Unlimited approval').check()
    await page.getByRole('button', { name: 'Review batch' }).click()
    await expect(approval.getByText('Tick the box to confirm an unlimited approval')).toBeVisible()
    expect(await violations()).toEqual([])
    expect(await noSideScroll()).toBe(true)

    await approval.getByLabel('I understand and want an unlimited approval').check()
    const review = page.getByTestId('batch-review')
    await expect(review.getByTestId('simulation-status')).toContainText('Every action succeeds in order')
    await expect(review.getByTestId('review-step').nth(1)).toContainText('UNLIMITED')
    expect(await violations()).toEqual([])
    expect(await noSideScroll()).toBe(true)

    await review.getByTestId('batch-public-consent').getByRole('checkbox').check()
    await review.getByRole('button', { name: 'Send batch atomically' }).click()
    await expect(page.getByTestId('batch-run-status')).toContainText('both actions succeeded together', {
      timeout: 30_000,
    })
    expect(await violations()).toEqual([])
    expect(await noSideScroll()).toBe(true)
  })
})

test("Batch fields read as Send's: the balance line, ENS names, a cut address, and each action's ⋮ menu by keyboard", async ({
  page,
  env,
  makeWallet,
}) => {
  await makeWallet({ accounts: [19] })
  const dusd = env.contracts.tokens.find((t) => t.symbol === 'DUSD')!
  const recipient = privateKeyToAccount(generatePrivateKey()).address
  await page.goto(env.appUrl)
  await connectThroughModal(page)
  await page.goto(`${env.appUrl}#/batch`)
  await addEthTransfer(page, recipient, '0.5')
  await addTokenTransfer(page, dusd.address, recipient, '250000')
  await addEthTransfer(page, 'nobody.eth' as Address, '0.01')
  const action = (i: number) => page.getByTestId('batch-action').nth(i)

  // Under each amount, the balance it spends from, as on Send (with its fiat value).
  await expect(action(0).getByTestId('batch-balance')).toContainText(/^Balance: [\d,.]+\u00a0ETH ≈\u00a0\$/)
  await expect(action(1).getByTestId('batch-balance')).toContainText(/^Balance: [\d,.]+\u00a0DUSD/)
  // An ENS name is taken as on Send; this devnet has no mainnet to resolve it, and says so at the field.
  await expect(action(2)).toContainText('ENS names need Ethereum mainnet')
  // A whole address, not being edited, is cut in the middle: its start and its last characters show.
  await expect(action(0).locator('.address-input-overlay')).toHaveText(recipient)
  await expect(action(0).locator('.middle-ellipsis-end')).toHaveText(recipient.slice(-8))
  await action(0).getByLabel('Recipient address').focus()
  await expect(action(0).locator('.address-input-overlay')).toHaveCount(0)

  // The ⋮ menu: Enter opens it on its first usable item, arrows move, Escape closes it back on its button.
  await page.getByTestId('batch-action').nth(2).getByLabel('Recipient address').fill(recipient)
  const menu = action(1).getByRole('button', { name: 'Actions for action 2' })
  await menu.focus()
  await page.keyboard.press('Enter')
  const items = action(1).getByRole('menuitem')
  await expect(items).toHaveText(['Move up', 'Move down', 'Duplicate', 'Remove'])
  await expect(items.nth(0)).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(items.nth(1)).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(action(1).getByRole('menu')).toHaveCount(0)
  await expect(menu).toBeFocused()
  // Space opens it too; "Move up" moves the token transfer first.
  await page.keyboard.press(' ')
  await page.keyboard.press('Enter')
  await expect(action(0).getByLabel('Token')).toHaveValue(dusd.address)
  // On the first action "Move up" is disabled: arrows skip it, so Duplicate follows Move down.
  const first = action(0).getByRole('button', { name: 'Actions for action 1' })
  await first.click()
  await expect(action(0).getByRole('menuitem', { name: 'Move up' })).toHaveAttribute('aria-disabled', 'true')
  await expect(action(0).getByRole('menuitem', { name: 'Move down' })).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('batch-action')).toHaveCount(4)
  await expect(action(1).getByLabel(/^Amount/)).toHaveValue('250000')
  // Remove with the mouse; the other actions keep their fields.
  await action(1).getByRole('button', { name: 'Actions for action 2' }).click()
  await action(1).getByRole('menuitem', { name: 'Remove' }).click()
  await expect(page.getByTestId('batch-action')).toHaveCount(3)

  // The review: grouped amounts, and the total of everything it sends with its fiat value.
  const review = await reviewBatch(page)
  await expect(review.getByTestId('review-step').first()).toHaveText(`Transfer 250,000 DUSD to ${recipient}`)
  await expect(review.getByTestId('batch-totals')).toContainText('250,000\u00a0DUSD ≈\u00a0$250,000.00')
  await expect(review.getByTestId('batch-total-fiat')).toContainText(/In all: ≈\u00a0\$[\d,]+\.\d\d/)
})
