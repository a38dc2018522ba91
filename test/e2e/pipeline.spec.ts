import type { Page } from '@playwright/test'
import { type Address, createPublicClient, type Hex, http, parseEther } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import type { StaticServer } from '../../tools/staticServer'
import { type FaultProxy, startFaultProxy } from '../harness/faultProxy'
import { RpcError, TestWallet } from '../harness/wallet/testWallet'
import { connectThroughModal, expect, test } from './fixtures'
import { addBatchEth, fillSend, openOtherOptions, reviewBatch, reviewSend } from './flows'
import { serveApp } from './stack'

/**
 * The send pipeline (src/core/tx/send/pipeline.ts) end to end: races reproduced on purpose (the wallet holds its
 * prompt until the test decides, the fault proxy fails exactly the reads named), so each fails every time
 * without the fix. The Protect RPC here is the local stand-in (tools/protect/standin.ts), not Flashbots.
 */
const freshAddress = (): Address => privateKeyToAccount(generatePrivateKey()).address

async function openSend(page: Page, appUrl: string) {
  await page.goto(appUrl)
  await connectThroughModal(page)
  await showSend(page, appUrl)
}

/** The Send page, once connected. */
async function showSend(page: Page, appUrl: string) {
  await page.goto(`${appUrl}#/send`)
  await expect(page.getByRole('heading', { level: 1, name: 'Send' })).toBeVisible()
}

async function fillEth(page: Page, to: string, amount: string) {
  await fillSend(page, to, amount)
  await reviewSend(page)
}

const sentNonces = (wallet: TestWallet) =>
  wallet.requests
    .filter((r) => r.method === 'eth_sendTransaction')
    .map((r) => Number((r.params[0] as { nonce: Hex }).nonce))

async function until(check: () => boolean, ms = 15_000) {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time')
    await new Promise((r) => setTimeout(r, 50))
  }
}

test('wallet RPC switched from Protect to plain between review and Send: stopped at the gate, nothing reaches the wallet', async ({
  page,
  env,
  connectedOnProtect: wallet,
}) => {
  await showSend(page, env.appUrl)
  await expect(page.getByTestId('protection-state')).toContainText('Protected')
  await fillEth(page, freshAddress(), '0.001')
  await expect(page.getByTestId('send-button')).toHaveText('Send privately')
  // The wallet's network is changed behind the app's back (the cached verdict still says Protected).
  wallet.rpcUrls.set(env.chainId, env.rpcUrl)
  await page.getByTestId('send-button').click()
  await expect(page.getByTestId('send-error')).toContainText('Stopped before your wallet')
  expect(wallet.count('eth_sendTransaction')).toBe(0)
  await expect(page.getByTestId('protection-state')).toContainText('Not protected')
  // Now it takes the explicit choice, for this transaction.
  await page.getByRole('checkbox', { name: /Send this transaction without protection/ }).check()
  await page.getByTestId('send-button').click()
  await expect(page.getByTestId('tx-status')).toContainText('Included', { timeout: 30_000 })
  await expect(page.getByTestId('tx-privacy')).toContainText('Sent without protection')
  expect(wallet.count('eth_sendTransaction')).toBe(1)
})

test('the gate, wallet on plain Anvil: no one-by-one or atomic batch reaches the wallet without the one choice naming the count; after it, each does', async ({
  page,
  env,
  connected: plain,
}) => {
  await page.goto(`${env.appUrl}#/batch`)
  const recipient = freshAddress()
  await addBatchEth(page, recipient, '0.01')
  await addBatchEth(page, recipient, '0.02')
  const review = await reviewBatch(page)
  await expect(review.getByTestId('simulation-status')).toContainText('Every action succeeds in order')
  await expect(review.getByTestId('batch-path')).toContainText('not atomic')
  const send = review.getByRole('button', { name: 'Send 2 transactions one by one' })
  await expect(send).toBeDisabled()
  const consent = review.getByTestId('batch-public-consent')
  await expect(consent).toContainText('Send these 2 transactions without protection')
  expect(plain.count('eth_sendTransaction')).toBe(0)
  await consent.getByRole('checkbox').check()
  await send.click()
  await expect(page.getByTestId('batch-run-status')).toContainText('All 2 steps succeeded', {
    timeout: 30_000,
  })
  expect(plain.count('eth_sendTransaction')).toBe(2)
  const client = createPublicClient({ transport: http(env.rpcUrl) })
  expect(await client.getBalance({ address: recipient })).toBe(parseEther('0.03'))
})

test('the gate, atomic batch on a plain wallet: no wallet_sendCalls without the choice; after it, one', async ({
  page,
  env,
  makeWallet,
}) => {
  const { installAtomicBatches } = await import('../harness/wallet/atomic')
  const wallet = await makeWallet()
  installAtomicBatches(wallet, env.contracts.batchExecutor)
  await page.goto(env.appUrl)
  await connectThroughModal(page)
  await page.goto(`${env.appUrl}#/batch`)
  await addBatchEth(page, freshAddress(), '0.01')
  await addBatchEth(page, freshAddress(), '0.01')
  const review = await reviewBatch(page)
  await expect(review.getByTestId('batch-path')).toContainText('Atomic')
  await expect(review.getByTestId('simulation-status')).toContainText('Every action succeeds in order')
  const send = review.getByRole('button', { name: 'Send batch atomically' })
  await expect(send).toBeDisabled()
  await expect(review.getByTestId('batch-public-consent')).toContainText('its one transaction')
  expect(wallet.count('wallet_sendCalls')).toBe(0)
  await review.getByTestId('batch-public-consent').getByRole('checkbox').check()
  await send.click()
  await expect(page.getByTestId('batch-run-status')).toContainText('both actions succeeded together', {
    timeout: 30_000,
  })
  expect(wallet.count('wallet_sendCalls')).toBe(1)
  await expect(page.getByTestId('batch-run-status')).toContainText('Sent without protection')
})

test('the gate for cancel, speed-up and send again: each is stopped until the explicit choice, then reaches the wallet', async ({
  page,
  env,
  connectedOnProtect: wallet,
}) => {
  const client = createPublicClient({ transport: http(env.rpcUrl) })
  await showSend(page, env.appUrl)
  await fillEth(page, freshAddress(), '0.004')
  // The funds vanish while the wallet asks, so Protect holds the transaction PENDING (InsufficientFunds).
  wallet.policy = 'manual'
  await page.getByTestId('send-button').click()
  const balance = await client.getBalance({ address: wallet.address })
  const { rpc } = await import('../../tools/devnet/devnet')
  await rpc(env.rpcUrl, 'anvil_setBalance', [wallet.address, '0x1'])
  await wallet.decide(true)
  const hash = (await page.getByTestId('tx-hash').textContent()) as Hex
  wallet.policy = 'approve'
  await page.goto(`${env.appUrl}#/activity`)
  const card = page.getByTestId('tx-record').filter({ hasText: hash })
  await expect(card.getByTestId('tx-status')).toContainText('Pending')
  await expect.soft(page.getByTestId('pending-count')).toContainText('1 pending')

  // The wallet leaves Protect.
  wallet.rpcUrls.set(env.chainId, env.rpcUrl)
  for (const [button, noun] of [
    ['Speed up', 'speed-up'],
    ['Cancel', 'cancellation'],
  ] as const) {
    const before = wallet.count('eth_sendTransaction')
    // The funds are gone, so the card's one fix is adding funds; the others wait under "Other options".
    await openOtherOptions(card)
    await card.getByRole('button', { name: button }).click()
    // The quote of the new fees first; only its confirmation goes on (through the pipeline's gate).
    await expect(card.getByTestId('replace-confirm')).toBeVisible()
    expect(wallet.count('eth_sendTransaction')).toBe(before)
    await card.getByRole('button', { name: 'Confirm and open wallet' }).click()
    await expect(card.getByTestId('tx-action-message')).toContainText('Stopped before your wallet')
    expect(wallet.count('eth_sendTransaction')).toBe(before)
    await card.getByRole('checkbox', { name: new RegExp(`Send this ${noun} without protection`) }).check()
    await openOtherOptions(card)
    await card.getByRole('button', { name: button }).click()
    await card.getByRole('button', { name: 'Confirm and open wallet' }).click()
    // It reached the wallet (the public node then refuses it: the account holds 1 wei; nothing was paid).
    await until(() => wallet.count('eth_sendTransaction') === before + 1)
    await expect(card.getByTestId('tx-action-message')).toContainText('Nothing was sent')
  }
  await rpc(env.rpcUrl, 'anvil_setBalance', [wallet.address, `0x${balance.toString(16)}`])
  await expect(card.getByTestId('tx-status')).toContainText('Included', { timeout: 30_000 })

  // Send again: a transfer declined in the wallet is "not sent", and sending it again passes the gate too.
  await page.goto(`${env.appUrl}#/send`)
  await fillEth(page, freshAddress(), '0.002')
  await page.getByTestId('send-button').click()
  await expect(page.getByTestId('send-error')).toContainText('Stopped before your wallet')
  await page.getByRole('checkbox', { name: /Send this transaction without protection/ }).check()
  wallet.policy = 'reject'
  await page.getByTestId('send-button').click()
  await expect(page.getByTestId('send-error')).toContainText('You declined')
  wallet.policy = 'approve'
  await page.goto(`${env.appUrl}#/activity`)
  const declined = page.getByTestId('tx-record').filter({ hasText: 'You declined the transaction' })
  await expect(declined).toHaveCount(1)
  const before = wallet.count('eth_sendTransaction')
  await declined.getByRole('button', { name: 'Send again' }).click()
  await expect(declined.getByTestId('tx-action-message')).toContainText('Stopped before your wallet')
  expect(wallet.count('eth_sendTransaction')).toBe(before)
  await declined.getByRole('checkbox', { name: /Send this transaction without protection/ }).check()
  await declined.getByRole('button', { name: 'Send again' }).click()
  await until(() => wallet.count('eth_sendTransaction') === before + 1)
  const again = page.getByTestId('tx-record').first()
  await expect(again.getByTestId('tx-status')).toContainText('Included', { timeout: 30_000 })
})

test('two pages send from the same account at the same moment: two nonces, both included, both in both Activity lists', async ({
  page,
  context,
  env,
  makeWallet,
}) => {
  const walletA = await makeWallet({ chains: { [env.chainId]: env.protectRpcUrl } })
  const pageB = await context.newPage()
  // The same wallet extension seen from a second tab: same account, its own prompt queue.
  const walletB = new TestWallet({
    accounts: walletA.options.accounts,
    chains: { [env.chainId]: env.protectRpcUrl },
    chainId: env.chainId,
  })
  await walletB.attach(pageB)
  await openSend(page, env.appUrl)
  await openSend(pageB, env.appUrl)
  await fillEth(page, freshAddress(), '0.001')
  await fillEth(pageB, freshAddress(), '0.002')
  walletA.policy = 'manual'
  walletB.policy = 'manual'
  await Promise.all([page.getByTestId('send-button').click(), pageB.getByTestId('send-button').click()])

  // One tab reaches its wallet; the other waits for it and says so (soft: the nonces below are the verdict).
  await until(() => walletA.pendingApprovals() + walletB.pendingApprovals() >= 1)
  const [first, second, secondPage] =
    walletA.pendingApprovals() > 0 ? [walletA, walletB, pageB] : [walletB, walletA, page]
  await expect.soft(secondPage.getByTestId('send-progress')).toContainText('Waiting for another Hush tab')
  expect.soft(second.count('eth_sendTransaction')).toBe(0)
  await first.decide(true)
  await until(() => second.pendingApprovals() === 1)
  await second.decide(true)

  const nonces = [...sentNonces(walletA), ...sentNonces(walletB)]
  expect(nonces).toHaveLength(2)
  expect(new Set(nonces).size).toBe(2)
  for (const p of [page, pageB])
    await expect(p.getByTestId('tx-status')).toContainText('Included', { timeout: 30_000 })
  const hashes = await Promise.all(
    [page, pageB].map(async (p) => (await p.getByTestId('tx-hash').textContent()) ?? ''),
  )
  for (const p of [page, pageB]) {
    await p.getByRole('link', { name: 'All activity' }).click()
    const list = p.getByTestId('activity-list')
    for (const hash of hashes)
      await expect(list.getByTestId('tx-record').filter({ hasText: hash })).toHaveCount(1)
    await expect(list.getByTestId('tx-status')).toHaveText([/Included/, /Included/])
  }
})

test.describe('with a read endpoint behind the fault proxy', () => {
  let proxy: FaultProxy
  let server: StaticServer
  test.beforeEach(async ({ env }) => {
    proxy = await startFaultProxy({ upstream: env.rpcUrl })
    server = await serveApp(env, { rpcUrls: [proxy.url], protect: true })
  })
  test.afterEach(async () => {
    await server.stop()
    await proxy.stop()
  })

  test('receipt reads fail during a one-by-one batch: no second wallet request for that step; after recovery it ends Included', async ({
    page,
    env,
    makeWallet,
  }) => {
    const wallet = await makeWallet({ chains: { [env.chainId]: env.protectRpcUrl } })
    const client = createPublicClient({ transport: http(env.rpcUrl) })
    const recipient = freshAddress()
    await page.goto(server.url)
    await connectThroughModal(page)
    await page.goto(`${server.url}/#/batch`)
    await addBatchEth(page, recipient, '0.01')
    await addBatchEth(page, recipient, '0.02')
    const review = await reviewBatch(page)
    await expect(review.getByTestId('batch-path')).toContainText('not atomic')
    await expect(review.getByTestId('simulation-status')).toContainText('Every action succeeds in order')
    wallet.policy = 'manual'
    await review.getByRole('button', { name: 'Send 2 transactions one by one' }).click()
    await until(() => wallet.pendingApprovals() === 1)
    // From now on every receipt read fails; everything else still answers.
    await proxy.setMode('fail-methods', { methods: ['eth_getTransactionReceipt'] })
    proxy.resetStats()
    await wallet.decide(true)
    const steps = page.getByTestId('batch-step')
    // The step is included on chain while the app cannot read its receipt.
    await expect
      .poll(async () => (await client.getBalance({ address: recipient })).toString(), { timeout: 20_000 })
      .toBe(parseEther('0.01').toString())
    await until(() => (proxy.stats.byMethod.eth_getTransactionReceipt ?? 0) >= 1)
    // Several tracking rounds later, the step is still waiting for proof, not failed, and not sent again.
    await page.waitForTimeout(4_000)
    await expect(steps.nth(0)).toHaveAttribute('data-status', 'pending')
    expect(wallet.count('eth_sendTransaction')).toBe(1)
    expect(wallet.pendingApprovals()).toBe(0)

    await proxy.setMode('pass')
    await expect(steps.nth(0)).toHaveAttribute('data-status', 'success', { timeout: 20_000 })
    await until(() => wallet.pendingApprovals() === 1)
    await wallet.decide(true)
    await expect(page.getByTestId('batch-run-status')).toContainText('All 2 steps succeeded', {
      timeout: 30_000,
    })
    expect(wallet.count('eth_sendTransaction')).toBe(2)
    expect(await client.getBalance({ address: recipient })).toBe(parseEther('0.03'))
  })
})

test('reload while the wallet prompt is open, approve afterwards: Activity lists the transaction with its hash and final status', async ({
  page,
  env,
  connectedOnProtect: wallet,
}) => {
  await showSend(page, env.appUrl)
  await fillEth(page, freshAddress(), '0.0015')
  wallet.policy = 'manual'
  await page.getByTestId('send-button').click()
  await until(() => wallet.pendingApprovals() === 1)
  await page.reload()
  await page.goto(`${env.appUrl}#/activity`)
  const card = page.getByTestId('tx-record')
  await expect(card).toHaveCount(1)
  await expect(card.getByTestId('tx-status')).toContainText('Waiting for your wallet')
  await expect(page.getByTestId('pending-count')).toContainText('1 pending')
  // The user approves the prompt the old page opened.
  await wallet.decide(true)
  await expect(card.getByTestId('tx-hash')).toHaveText(/^0x[0-9a-f]{64}$/, { timeout: 30_000 })
  // Tracking runs in the shell: on another page, the final status arrives as a notice linking to the record.
  await page.goto(`${env.appUrl}#/network`)
  const notice = page.getByTestId('final-notice')
  await expect(notice).toContainText('Included', { timeout: 30_000 })
  await expect(page.getByTestId('final-notices')).toHaveAttribute('aria-live', 'polite')
  await expect(page.getByTestId('pending-count')).toHaveCount(0)
  await notice.getByRole('link', { name: 'View in Activity' }).click()
  await expect(card.getByTestId('tx-status')).toContainText('Included')
  const sent = wallet.requests.filter((r) => r.method === 'eth_sendTransaction')
  expect(sent).toHaveLength(1)
})

test('a wallet that answers wallet_getCapabilities with 4200 gets the one-by-one label within 2 s', async ({
  page,
  env,
  makeWallet,
}) => {
  const wallet = await makeWallet()
  wallet.extend((_, method) =>
    method === 'wallet_getCapabilities'
      ? Promise.reject(new RpcError(4200, 'The requested method is not supported by this provider.'))
      : undefined,
  )
  await page.goto(env.appUrl)
  await connectThroughModal(page)
  await page.goto(`${env.appUrl}#/batch`)
  await addBatchEth(page, freshAddress(), '0.001')
  await page.getByRole('button', { name: 'Review batch' }).click()
  await expect(page.getByTestId('batch-path')).toContainText(
    'not atomic: each step can succeed or fail on its own',
    {
      timeout: 2_000,
    },
  )
  expect(wallet.count('wallet_getCapabilities')).toBe(1)
})
