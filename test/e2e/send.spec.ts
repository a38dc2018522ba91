import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { type Address, createPublicClient, type Hex, http, parseEther, parseUnits } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { devAccount } from '../../tools/devnet/accounts'
import { rpc } from '../../tools/devnet/devnet'
import { startMempoolWatcher } from '../../tools/protect/mempoolWatcher'
import type { TestWallet } from '../harness/wallet/testWallet'
import { tokenBalance } from './chain'
import type { E2eEnv } from './env'
import { connectThroughModal, expect, test } from './fixtures'
import { fillSend, openOtherOptions, reviewSend } from './flows'

// Send-flow accounts (16-17) so no other spec shares balances or nonces with these tests.
const sender = 16
const other = 17

const freshAddress = (): Address => privateKeyToAccount(generatePrivateKey()).address

async function openSend(page: Page, appUrl: string, hash = '#/send') {
  await page.goto(appUrl)
  await connectThroughModal(page)
  await page.goto(`${appUrl}${hash}`)
  await expect(page.getByRole('heading', { level: 1, name: 'Send' })).toBeVisible()
}

async function reviewAndSend(page: Page) {
  await reviewSend(page)
  const send = page.getByTestId('send-button')
  await expect(send).toBeEnabled()
  await send.click()
}

/**
 * Sends the reviewed form while the account's ETH runs out during the wallet's prompt: Protect keeps the
 * transaction PENDING (InsufficientFunds in its simulation) and includes it once the funds are back.
 * Returns what gives the funds back.
 */
async function sendWhileFundsVanish(page: Page, wallet: TestWallet, rpcUrl: string) {
  wallet.policy = 'manual'
  await page.getByTestId('send-button').click()
  const balance = await createPublicClient({ transport: http(rpcUrl) }).getBalance({
    address: wallet.address,
  })
  await rpc(rpcUrl, 'anvil_setBalance', [wallet.address, '0x1'])
  await wallet.decide(true)
  return () => rpc(rpcUrl, 'anvil_setBalance', [wallet.address, `0x${balance.toString(16)}`])
}

/** The transaction's card on the Activity page, once it shows Pending. */
async function pendingCard(page: Page, appUrl: string, hash: Hex) {
  await page.goto(`${appUrl}#/activity`)
  const card = page.getByTestId('tx-record').filter({ hasText: hash })
  await expect(card.getByTestId('tx-status')).toContainText('Pending')
  return card
}

/**
 * A private transfer of `amount` left PENDING (sendWhileFundsVanish), its Activity card's "Other options" open:
 * with the funds gone the card's one fix is adding funds, so Cancel and Speed up wait there.
 */
async function pendingTransferOptions(page: Page, env: E2eEnv, wallet: TestWallet, amount: string) {
  const to = freshAddress()
  await openSend(page, env.appUrl)
  await fillSend(page, to, amount)
  await reviewSend(page)
  const refund = await sendWhileFundsVanish(page, wallet, env.rpcUrl)
  const card = await pendingCard(page, env.appUrl, await sentHash(page))
  wallet.policy = 'approve'
  await openOtherOptions(card)
  return { to, card, refund }
}

async function sentHash(page: Page): Promise<Hex> {
  const hash = page.getByTestId('tx-hash')
  await expect(hash).toHaveText(/^0x[0-9a-f]{64}$/)
  return (await hash.textContent()) as Hex
}

test('Not protected → Protect this wallet → Protected → send ETH privately → INCLUDED, exact amount, never in the mempool', async ({
  page,
  env,
  makeWallet,
}) => {
  const wallet = await makeWallet({ accounts: [sender] })
  const client = createPublicClient({ transport: http(env.rpcUrl) })
  const watcher = await startMempoolWatcher({ url: env.rpcUrl, wsUrl: env.wsUrl })
  try {
    await openSend(page, env.appUrl)
    await expect(page.getByTestId('protection-state')).toContainText('Not protected')
    await page.getByRole('button', { name: 'Protect this wallet' }).click()
    await expect(page.getByTestId('protection-state')).toContainText('Protected')
    expect(wallet.rpcUrl()).toContain(new URL(env.protectRpcUrl).host)

    const to = freshAddress()
    await fillSend(page, to, '0.0123')
    await reviewAndSend(page)
    const hash = await sentHash(page)
    watcher.track(hash)
    await expect(page.getByTestId('tx-status')).toContainText('Included', { timeout: 30_000 })
    await expect(page.getByTestId('tx-privacy')).toContainText('Likely private')
    await expect(page.getByTestId('tx-block')).toHaveText(/^\d+$/)
    expect(await client.getBalance({ address: to })).toBe(parseEther('0.0123'))
    expect(wallet.count('eth_sendTransaction')).toBe(1)
    expect(watcher.sightings(hash)).toEqual({ subscription: false, txpool: false, pendingByHash: false })
    expect(watcher.polls()).toBeGreaterThan(0)

    await page.getByRole('link', { name: 'All activity' }).click()
    await expect(page.getByTestId('activity-list').getByTestId('tx-hash').first()).toHaveText(hash)
  } finally {
    await watcher.stop()
  }
})

test('sends a token privately: the recipient’s token balance changes by exactly the amount', async ({
  page,
  env,
  makeWallet,
}) => {
  const wallet = await makeWallet({ accounts: [sender], chains: { [env.chainId]: env.protectRpcUrl } })
  const dusd = env.contracts.tokens.find((t) => t.symbol === 'DUSD')!
  const to = freshAddress()
  await openSend(page, env.appUrl)
  await expect(page.getByTestId('protection-state')).toContainText('Protected')
  await fillSend(page, to, '42.5', 'DUSD')
  await page.getByRole('button', { name: 'Review' }).click()
  await expect(page.getByTestId('review-amount')).toHaveText('42.5\u00a0DUSD')
  await page.getByTestId('review-details').getByText('Details').click()
  await expect(page.getByTestId('review-details')).toContainText('42500000 (6 decimals)')
  await expect(page.getByTestId('simulation')).toContainText('Simulation succeeded')
  await page.getByTestId('send-button').click()
  await expect(page.getByTestId('tx-status')).toContainText('Included', { timeout: 30_000 })
  await expect(page.getByTestId('tx-privacy')).toContainText('Likely private')
  expect(await tokenBalance(env.rpcUrl, dusd.address, to)).toBe(parseUnits('42.5', 6))
  expect(wallet.count('eth_sendTransaction')).toBe(1)
})

test('every invalid input is refused at its field and nothing reaches the wallet', async ({
  page,
  env,
  makeWallet,
}) => {
  const wallet = await makeWallet({ accounts: [other], chains: { [env.chainId]: env.protectRpcUrl } })
  const dusd = env.contracts.tokens.find((t) => t.symbol === 'DUSD')!
  const good = devAccount(2).address
  const badChecksum = good.replace(/[a-f]/, (c) => c.toUpperCase())
  await openSend(page, env.appUrl)
  const recipient = page.getByLabel('Recipient (address or ENS name)')
  const amount = page.getByLabel(/^Amount/)
  const review = page.getByRole('button', { name: 'Review' })

  const cases: Array<{
    asset: string
    to: string
    amount: string
    field: 'recipient' | 'amount'
    text: RegExp
  }> = [
    { asset: 'ETH', to: badChecksum, amount: '1', field: 'recipient', text: /checksum/ },
    { asset: 'ETH', to: '0x1234', amount: '1', field: 'recipient', text: /40 hex/ },
    {
      asset: 'ETH',
      to: '0x0000000000000000000000000000000000000000',
      amount: '1',
      field: 'recipient',
      text: /zero address/,
    },
    { asset: 'DUSD', to: dusd.address, amount: '1', field: 'recipient', text: /own contract/ },
    {
      asset: 'ETH',
      to: 'nobody.eth',
      amount: '1',
      field: 'recipient',
      text: /ENS names need Ethereum mainnet/,
    },
    { asset: 'ETH', to: good, amount: '0', field: 'amount', text: /more than zero/ },
    { asset: 'ETH', to: good, amount: '-1', field: 'amount', text: /digits/ },
    { asset: 'DUSD', to: good, amount: '1.1234567', field: 'amount', text: /6 decimal places/ },
    { asset: 'DUSD', to: good, amount: '99999999', field: 'amount', text: /More than the balance/ },
    { asset: 'ETH', to: good, amount: '10000', field: 'amount', text: /More than the balance/ },
  ]
  for (const c of cases) {
    await fillSend(page, c.to, c.amount, c.asset)
    const input = c.field === 'recipient' ? recipient : amount
    await expect(page.getByTestId(`send-${c.field}-error`)).toContainText(c.text)
    await expect(input).toHaveAttribute('aria-invalid', 'true')
    await expect(review).toBeDisabled()
  }

  // "Max" for ETH is the balance minus the maximum gas cost: one wei more is refused.
  await fillSend(page, good, '')
  await page.getByRole('button', { name: 'Fill the maximum amount' }).click()
  const max = await amount.inputValue()
  const client = createPublicClient({ transport: http(env.rpcUrl) })
  expect(parseEther(max)).toBeLessThan(await client.getBalance({ address: wallet.address }))
  await expect(review).toBeEnabled()
  await amount.fill(
    `${max}${max.includes('.') ? '' : '.'}${'0'.repeat(Math.max(0, 17 - (max.split('.')[1]?.length ?? 0)))}1`,
  )
  await expect(page.getByTestId('send-amount-error')).toContainText(/maximum gas cost|decimal/)
  await expect(review).toBeDisabled()

  // A deep link goes through the same validation.
  await page.goto(`${env.appUrl}#/send?to=0x0000000000000000000000000000000000000000&amount=abc&token=DUSD`)
  await expect(page.getByTestId('send-recipient-error')).toContainText(/zero address/)
  await expect(page.getByTestId('send-amount-error')).toContainText(/digits/)
  await expect(review).toBeDisabled()
  expect(wallet.count('eth_sendTransaction')).toBe(0)
})

test('a deep link pre-fills a valid transfer; a look-alike recipient needs explicit confirmation', async ({
  page,
  env,
  makeWallet,
}) => {
  const wallet = await makeWallet({ accounts: [other], chains: { [env.chainId]: env.protectRpcUrl } })
  const known = '0x1234aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa5678'
  const lookalike = '0x1234bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb5678'
  // A previous transfer to `known`, as the activity store would hold it.
  await page.addInitScript(
    ([from, to]) => {
      if (localStorage.getItem('hush.activity.v1')) return
      localStorage.setItem(
        'hush.activity.v1',
        JSON.stringify([
          {
            id: 'seed',
            kind: 'transfer',
            chainId: 31337,
            from,
            to,
            hash: `0x${'12'.repeat(32)}`,
            nonce: 0,
            createdAt: 1,
            protected: true,
            status: 'INCLUDED',
            privacy: 'private',
          },
        ]),
      )
    },
    [wallet.address, known] as const,
  )
  await openSend(page, env.appUrl, `#/send?to=${lookalike}&amount=0.5&token=HDT`)
  await expect(page.getByLabel('Recipient (address or ENS name)')).toHaveValue(lookalike)
  await expect(page.getByLabel(/^Amount/)).toHaveValue('0.5')
  await expect(page.getByLabel('Asset')).toHaveValue(
    env.contracts.tokens.find((t) => t.symbol === 'HDT')!.address,
  )
  const warning = page.getByTestId('poisoning-warning')
  await expect(warning).toContainText('Possible address poisoning')
  await expect(warning.locator('mark').first()).toHaveText('bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb')
  const review = page.getByRole('button', { name: 'Review' })
  await expect(review).toBeDisabled()
  await warning.getByRole('checkbox').check()
  await expect(review).toBeEnabled()
  expect(wallet.count('eth_sendTransaction')).toBe(0)
})

test('a double click on Send makes one transaction', async ({ page, env, makeWallet }) => {
  const wallet = await makeWallet({ accounts: [sender], chains: { [env.chainId]: env.protectRpcUrl } })
  await openSend(page, env.appUrl)
  await fillSend(page, freshAddress(), '0.001')
  await reviewSend(page)
  wallet.policy = 'manual'
  await page.getByTestId('send-button').dblclick()
  await expect(page.getByText('Waiting for your wallet to confirm')).toBeVisible()
  await wallet.decide(true)
  await expect(page.getByTestId('tx-status')).toContainText('Included', { timeout: 30_000 })
  expect(wallet.count('eth_sendTransaction')).toBe(1)
  expect(wallet.pendingApprovals()).toBe(0)
})

test('a reload while PENDING resumes tracking to INCLUDED', async ({ page, env, makeWallet }) => {
  const wallet = await makeWallet({ accounts: [sender], chains: { [env.chainId]: env.protectRpcUrl } })
  const client = createPublicClient({ transport: http(env.rpcUrl) })
  const to = freshAddress()
  await openSend(page, env.appUrl)
  await fillSend(page, to, '0.002')
  await reviewSend(page)
  const refund = await sendWhileFundsVanish(page, wallet, env.rpcUrl)
  await expect(page.getByTestId('tx-status')).toContainText('Pending')
  const hash = await sentHash(page)

  await page.reload()
  const card = await pendingCard(page, env.appUrl, hash)
  await expect(card.getByTestId('tx-status')).toContainText('cannot pay')
  await refund()
  await expect(card.getByTestId('tx-status')).toContainText('Included', { timeout: 30_000 })
  await expect(card.getByTestId('tx-privacy')).toContainText('Likely private')
  expect(await client.getBalance({ address: to })).toBe(parseEther('0.002'))
})

test('an unprotected wallet must choose "send without protection" for that transaction, and the record says so', async ({
  page,
  env,
  makeWallet,
}) => {
  const wallet = await makeWallet({ accounts: [other] })
  const client = createPublicClient({ transport: http(env.rpcUrl) })
  const to = freshAddress()
  await openSend(page, env.appUrl)
  await expect(page.getByTestId('protection-state')).toContainText('Not protected')
  await fillSend(page, to, '0.003')
  await reviewSend(page)
  const send = page.getByTestId('send-button')
  await expect(send).toBeDisabled()
  await expect(page.locator('#send-blockers')).toContainText('send without protection')
  await page.getByRole('checkbox', { name: /Send this transaction without protection/ }).check()
  await expect(send).toBeEnabled()
  await send.click()
  await expect(page.getByTestId('tx-status')).toContainText('Included', { timeout: 30_000 })
  await expect(page.getByTestId('tx-privacy')).toContainText('Sent without protection')
  expect(await client.getBalance({ address: to })).toBe(parseEther('0.003'))
  expect(wallet.count('eth_sendTransaction')).toBe(1)
})

test('a pending private transfer can be cancelled from the Activity page', async ({
  page,
  env,
  makeWallet,
}) => {
  const wallet = await makeWallet({ accounts: [other], chains: { [env.chainId]: env.protectRpcUrl } })
  const client = createPublicClient({ transport: http(env.rpcUrl) })
  const { to, card, refund } = await pendingTransferOptions(page, env, wallet, '0.004')
  await card.getByRole('button', { name: 'Cancel' }).click()
  const quote = card.getByTestId('replace-confirm')
  await expect(quote).toContainText('a transfer of 0 to yourself with the same nonce')
  await expect(quote.getByTestId('replace-max-cost')).toContainText(/21.?000 gas/)
  expect(wallet.count('eth_sendTransaction')).toBe(1)
  await quote.getByRole('button', { name: 'Confirm and open wallet' }).click()
  await expect(card.getByTestId('tx-status')).toContainText('Cancelled', { timeout: 30_000 })
  const sends = wallet.requests.filter((r) => r.method === 'eth_sendTransaction')
  expect(sends).toHaveLength(2)
  const o = (sends[0]?.params ?? [])[0] as { nonce: string } | undefined
  const c = (sends[1]?.params ?? [])[0] as { to: string; value: string; nonce: string } | undefined
  expect(c?.to.toLowerCase()).toBe(wallet.address.toLowerCase())
  expect(BigInt(c?.value ?? '0x1')).toBe(0n)
  expect(c?.nonce).toBe(o?.nonce)
  await refund()
  await expect(page.getByTestId('activity-list').getByText('Cancellation')).toBeVisible()
  expect(await client.getBalance({ address: to })).toBe(0n)
})

test('field errors, the review step and the record card have no serious axe findings at 375 px in dark mode', async ({
  page,
  env,
  makeWallet,
}) => {
  await page.setViewportSize({ width: 375, height: 800 })
  await page.emulateMedia({ colorScheme: 'dark' })
  await makeWallet({ accounts: [other], chains: { [env.chainId]: env.protectRpcUrl } })
  const serious = async () =>
    (
      await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
        .analyze()
    ).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)
  await openSend(page, env.appUrl)
  await fillSend(page, '0x0000000000000000000000000000000000000000', '0')
  await expect(page.getByTestId('send-recipient-error')).toBeVisible()
  expect(await serious()).toEqual([])
  await fillSend(page, freshAddress(), '0.0001')
  await reviewSend(page)
  await page.getByRole('radio', { name: /Custom/ }).check()
  expect(await serious()).toEqual([])
  await page.getByRole('radio', { name: /Fast/ }).check()
  await page.getByTestId('send-button').click()
  await expect(page.getByTestId('tx-status')).toContainText('Included', { timeout: 30_000 })
  expect(await serious()).toEqual([])
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)
  expect(overflow).toBe(false)
})

test('declining in the wallet is a quiet message, closes the intent as not sent and lets the user send again', async ({
  page,
  env,
  makeWallet,
}) => {
  const wallet = await makeWallet({ accounts: [other], chains: { [env.chainId]: env.protectRpcUrl } })
  await openSend(page, env.appUrl)
  await fillSend(page, freshAddress(), '0.0002')
  await reviewSend(page)
  wallet.policy = 'reject'
  await page.getByTestId('send-button').click()
  await expect(page.getByTestId('send-error')).toHaveText(
    'You declined the transaction in your wallet. Nothing was sent.',
  )
  await expect(page.getByTestId('send-button')).toBeEnabled()
  wallet.policy = 'approve'
  await page.getByTestId('send-button').click()
  await expect(page.getByTestId('tx-status')).toContainText('Included', { timeout: 30_000 })
  await page.goto(`${env.appUrl}#/activity`)
  await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible()
  // The declined request was recorded as an intent before the prompt, and closed as "not sent".
  const records = page.getByTestId('activity-list').getByTestId('tx-record')
  await expect(records).toHaveCount(2)
  await expect(records.getByTestId('tx-status')).toHaveText([/Included/, /Not sent — You declined/])
  expect(wallet.count('eth_sendTransaction')).toBe(2)
})

test('a pending transfer can be sped up: same nonce, higher fees; the original shows as replaced', async ({
  page,
  env,
  makeWallet,
}) => {
  const wallet = await makeWallet({ accounts: [other], chains: { [env.chainId]: env.protectRpcUrl } })
  const client = createPublicClient({ transport: http(env.rpcUrl) })
  const { to, card, refund } = await pendingTransferOptions(page, env, wallet, '0.005')
  await card.getByRole('button', { name: 'Speed up' }).click()
  // The new fees are shown (with the old ones) and confirmed before the wallet is asked.
  await expect(card.getByTestId('replace-max-fee')).toContainText('was')
  expect(wallet.count('eth_sendTransaction')).toBe(1)
  await card.getByRole('button', { name: 'Confirm and open wallet' }).click()
  await expect(page.getByTestId('tx-record')).toHaveCount(2)
  // The speed-up is recorded before the wallet prompt; wait for its hash (Protect has it) before the funds return.
  await expect(
    page.getByTestId('tx-record').filter({ hasText: 'sped up' }).getByTestId('tx-hash'),
  ).toHaveText(/^0x[0-9a-f]{64}$/)
  const sends = wallet.requests.filter((r) => r.method === 'eth_sendTransaction')
  expect(sends).toHaveLength(2)
  const o = (sends[0]?.params ?? [])[0] as { nonce: string; maxFeePerGas: string; value: string } | undefined
  const s = (sends[1]?.params ?? [])[0] as { nonce: string; maxFeePerGas: string; value: string } | undefined
  expect(s?.nonce).toBe(o?.nonce)
  expect(s?.value).toBe(o?.value)
  expect(BigInt(s?.maxFeePerGas ?? '0x0')).toBeGreaterThan(BigInt(o?.maxFeePerGas ?? '0x0'))
  await refund()
  const faster = page.getByTestId('tx-record').filter({ hasText: 'sped up' })
  await expect(faster.getByTestId('tx-status')).toContainText('Included', { timeout: 30_000 })
  await expect(card.getByTestId('tx-status')).toContainText('Replaced', { timeout: 30_000 })
  expect(await client.getBalance({ address: to })).toBe(parseEther('0.005'))
})
