import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import {
  type Address,
  createPublicClient,
  createWalletClient,
  type Hex,
  http,
  parseAbi,
  parseEther,
  parseUnits,
} from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { devAccount } from '../../tools/devnet/accounts'
import { deploy, devChain } from '../../tools/devnet/deploy'
import { standInControl } from '../../tools/protect/control'
import { installAtomicBatches } from '../harness/wallet/atomic'
import { tokenBalance } from './chain'
import { connectThroughModal, expect, test } from './fixtures'
import { addBatchCall, addBatchEth, fillSend, reviewBatch, reviewSend } from './flows'

const freshAddress = (): Address => privateKeyToAccount(generatePrivateKey()).address

async function reviewTransfer(page: Page, appUrl: string, symbol: string, to: string, amount: string) {
  await page.goto(`${appUrl}#/send`)
  await expect(page.getByRole('heading', { level: 1, name: 'Send' })).toBeVisible()
  await fillSend(page, to, amount, symbol)
  await reviewSend(page)
}

test('Send: the review previews the outcome from the devnet; the included record says "as previewed"; the proof exports', async ({
  page,
  env,
  connectedOnProtect: wallet,
}) => {
  const client = createPublicClient({ transport: http(env.rpcUrl) })
  const to = freshAddress()
  await reviewTransfer(page, env.appUrl, 'ETH', to, '0.0123')

  const preview = page.getByTestId('outcome-preview')
  await expect(preview.getByTestId('outcome-preview-method')).toHaveAttribute('data-method', 'simulated')
  await expect(preview.getByTestId('outcome-preview-method')).toContainText('eth_simulateV1')
  await expect(preview.getByTestId('preview-native').locator('.amount').first()).toHaveAttribute(
    'data-exact',
    '-0.0123',
  )
  await expect(preview.getByTestId('preview-receives')).toContainText(to)
  await expect(preview.getByTestId('preview-receives').locator('.amount')).toHaveAttribute(
    'data-exact',
    '0.0123',
  )
  // The most the fees can be is the review's maximum cost less the amount: one figure, two places.
  const maxFee = await preview.getByTestId('preview-max-fee').getAttribute('data-exact')
  const maxCost = await page.getByTestId('max-cost-value').getAttribute('data-exact')
  expect(parseEther(maxFee ?? 'x') + parseEther('0.0123')).toBe(parseEther(maxCost ?? 'x'))

  await page.getByTestId('send-button').click()
  await expect(page.getByTestId('tx-status')).toContainText('Included', { timeout: 30_000 })
  const hash = (await page.getByTestId('tx-hash').textContent()) as Hex
  await expect(page.getByTestId('outcome-check')).toHaveAttribute('data-verdict', 'as-previewed')
  await expect(page.getByTestId('outcome-verdict')).toContainText('As previewed')
  const receipt = await client.getTransactionReceipt({ hash })
  expect(await client.getBalance({ address: to })).toBe(parseEther('0.0123'))

  // From Activity: the proof as JSON (a download) and as text.
  await page.getByRole('link', { name: 'All activity' }).click()
  // An included transaction's row starts collapsed: open it.
  const row = page.getByTestId('activity-row').filter({ hasText: hash })
  if ((await row.locator(':scope > details').getAttribute('open')) === null)
    await row.locator(':scope > details > summary').click()
  const card = page.getByTestId('tx-record').filter({ hasText: hash })
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    card.getByTestId('export-proof-json').click(),
  ])
  expect(download.suggestedFilename()).toBe(`hush-proof-${env.chainId}-${hash.slice(0, 12)}.json`)
  const doc = JSON.parse(await readFile((await download.path()) as string, 'utf8'))
  expect(doc.chain.id).toBe(env.chainId)
  expect(doc.transaction.hashes).toEqual([hash])
  expect(doc.transaction.block).toBe(receipt.blockNumber.toString())
  expect(doc.transaction.from).toBe(wallet.address)
  expect(doc.privacy.verdict).toBe('likely-private')
  expect(doc.preview.method).toBe('simulated')
  expect(doc.outcome.verdict).toBe('as-previewed')
  expect(doc.outcome.fee).toBe((receipt.gasUsed * receipt.effectiveGasPrice).toString())
  await card.getByTestId('export-proof-text').click()
  const text = card.getByTestId('proof-text')
  await expect(text).toContainText(`Transaction: ${hash}`)
  await expect(text).toContainText(`in block ${receipt.blockNumber}`)
  await expect(text).toContainText('Verdict: as previewed')
})

test('a pasted hash sent from another wallet is tracked with a status, a privacy verdict and its outcome', async ({
  page,
  env,
  makeWallet,
}) => {
  await makeWallet()
  const other = createWalletClient({
    account: devAccount(14), // no other spec uses 14
    transport: http(env.rpcUrl),
  })
  const hash = await other.sendTransaction({ to: freshAddress(), value: parseEther('0.001'), chain: null })
  await page.goto(env.appUrl)
  await connectThroughModal(page)
  await page.goto(`${env.appUrl}#/activity`)
  const input = page.getByTestId('track-hash-input')
  await input.fill('0x1234')
  await page.getByTestId('track-hash-submit').click()
  await expect(page.getByTestId('track-hash-message')).toContainText('64 characters after 0x; this has 4')
  await expect(input).toHaveAttribute('aria-invalid', 'true')

  await input.fill(`https://explorer.example/tx/${hash}`)
  await page.getByTestId('track-hash-submit').click()
  await expect(page.getByTestId('track-hash-message')).toContainText('Tracking it')
  const card = page.getByTestId('tx-record').filter({ hasText: hash })
  await expect(card.getByRole('heading', { name: 'Tracked transaction' })).toBeVisible()
  await expect(card.getByTestId('tx-status')).toContainText('Included', { timeout: 30_000 })
  await expect(card.getByTestId('tx-privacy')).not.toBeEmpty()
  await expect(card.getByTestId('outcome-check')).toHaveAttribute('data-verdict', 'no-preview')
  await page.reload()
  await expect(page.getByTestId('activity-row').filter({ hasText: hash })).toBeVisible()
})

test('Batch: the review previews the whole batch; a token that keeps 1% on transfer shows exactly what the recipient gets', async ({
  page,
  env,
  makeWallet,
}) => {
  const wallet = await makeWallet()
  installAtomicBatches(wallet, env.contracts.batchExecutor)
  const fee = env.contracts.feeToken
  const to = freshAddress()
  await page.goto(env.appUrl)
  await connectThroughModal(page)
  await page.goto(`${env.appUrl}#/batch`)
  await addBatchEth(page, to, '0.5')
  const call = await addBatchCall(page, fee.address, 'function transfer(address to, uint256 amount)')
  await call.getByLabel('to (address)').fill(to)
  await call.getByLabel('amount (uint256)').fill(parseUnits('10', 18).toString())
  await page.getByRole('button', { name: 'Review batch' }).click()

  const preview = page.getByTestId('batch-review').getByTestId('outcome-preview')
  await expect(preview.getByTestId('outcome-preview-method')).toHaveAttribute('data-method', 'simulated')
  await expect(preview.getByTestId('preview-native').locator('.amount').first()).toHaveAttribute(
    'data-exact',
    '-0.5',
  )
  await expect(preview.getByTestId('preview-token').locator('.amount')).toHaveAttribute('data-exact', '-10')
  await expect(preview.getByTestId('preview-token')).toContainText('FEE')
  const gap = preview.getByTestId('preview-gap')
  await expect(gap).toContainText(to)
  await expect(gap.locator('.amount').nth(0)).toHaveAttribute('data-exact', '9.9')
  await expect(gap.locator('.amount').nth(1)).toHaveAttribute('data-exact', '10')
  await expect(gap).toContainText('the token keeps the rest')
  // This wallet's RPC is plain Anvil: the pipeline's gate needs the one explicit choice for the batch.
  await page.getByTestId('batch-review').getByTestId('batch-public-consent').getByRole('checkbox').check()
  await page.getByRole('button', { name: 'Send batch atomically' }).click()
  await expect(page.getByTestId('batch-run-status')).toContainText('succeeded together', { timeout: 30_000 })
  expect(await tokenBalance(env.rpcUrl, fee.address, to)).toBe(parseUnits('9.9', 18))
  // The batch's record keeps the preview the review showed: the check compares the whole batch with it.
  await page.goto(`${env.appUrl}#/activity`)
  const card = page.getByTestId('tx-record').filter({ hasText: 'Batch of 2 calls' })
  await expect(card.getByTestId('outcome-check')).toHaveAttribute('data-verdict', 'as-previewed', {
    timeout: 30_000,
  })
})

const dripAbi = parseAbi(['function claim(uint256 amount)'])
const mintAbi = parseAbi(['function mint(address to, uint256 value)'])

test('one by one from a protected wallet: a verdict on every step; the whole batch is checked against its preview, and a payout drained between review and signing shows the difference', async ({
  page,
  env,
  makeWallet,
}) => {
  // On the local Protect stand-in, without EIP-5792: the batch goes one by one, each step sent privately.
  await makeWallet({ chains: { [env.chainId]: env.protectRpcUrl } })
  const dusd = env.contracts.tokens[0] as { address: Address }
  const chain = devChain(env.rpcUrl, env.chainId)
  const reader = createPublicClient({ chain, transport: http(env.rpcUrl) })
  const other = createWalletClient({ chain, transport: http(env.rpcUrl), account: devAccount(15) }) // no other spec uses 15
  const drip = await deploy(other, reader, 'DemoDrip', [dusd.address])
  const five = parseUnits('5', 6)
  await reader.waitForTransactionReceipt({
    hash: await other.writeContract({
      address: dusd.address,
      abi: mintAbi,
      functionName: 'mint',
      args: [drip, five],
    }),
  })
  const to = freshAddress()
  await page.goto(env.appUrl)
  await connectThroughModal(page)
  await page.goto(`${env.appUrl}#/batch`)
  await addBatchEth(page, to, '0.01')
  const call = await addBatchCall(page, drip, 'function claim(uint256 amount)')
  await call.getByLabel('amount (uint256)').fill(five.toString())
  const review = await reviewBatch(page)
  await expect(review.getByTestId('batch-path')).toContainText('not atomic')
  const preview = review.getByTestId('outcome-preview')
  await expect(preview.getByTestId('outcome-preview-method')).toHaveAttribute('data-method', 'simulated')
  await expect(preview.getByTestId('preview-token')).toContainText('DUSD')
  await expect(preview.getByTestId('preview-token').locator('.amount')).toHaveAttribute('data-exact', '5')

  // Someone else claims 3 of the 5 after the review, before the wallet is asked.
  await reader.waitForTransactionReceipt({
    hash: await other.writeContract({
      address: drip,
      abi: dripAbi,
      functionName: 'claim',
      args: [parseUnits('3', 6)],
    }),
  })
  await review.getByRole('button', { name: 'Send 2 transactions one by one' }).click()
  await expect(page.getByTestId('batch-run-status')).toContainText('All 2 steps succeeded', {
    timeout: 30_000,
  })
  const steps = page.getByTestId('batch-step')
  for (const i of [0, 1])
    await expect(steps.nth(i).getByTestId('step-privacy')).toContainText(
      'Likely private: Protect never saw it in the public mempool',
    )

  await page.goto(`${env.appUrl}#/activity`)
  const card = page.getByTestId('tx-record').filter({ hasText: 'Batch of 2 calls' })
  await expect(card.getByTestId('step-privacy')).toHaveCount(2)
  for (const i of [0, 1])
    await expect(card.getByTestId('step-privacy').nth(i)).toContainText(
      'Likely private: Protect never saw it in the public mempool',
    )
  const check = card.getByTestId('outcome-check')
  await expect(check).toHaveAttribute('data-verdict', 'differs', { timeout: 30_000 })
  await expect(check.getByTestId('outcome-verdict')).toContainText('Differs from the preview (1 difference)')
  await expect(check.getByTestId('outcome-differences')).toContainText('DUSD')
  expect(await tokenBalance(env.rpcUrl, dusd.address, drip)).toBe(0n)
})

test('a relay that also puts the transaction into the public pool: "went public" from the own watch, whatever the status API says', async ({
  page,
  // Its own chain: it holds the miner, which would stall the other worker's tests on the shared one.
  ownEnv: env,
  makeWallet,
}) => {
  const wallet = await makeWallet({ chains: { [env.chainId]: env.protectRpcUrl } })
  const control = standInControl(env.protectRpcUrl)
  await control.setBehaviour(wallet.address, { alsoPublic: true })
  await page.goto(env.appUrl)
  await connectThroughModal(page)
  await reviewTransfer(page, env.appUrl, 'ETH', freshAddress(), '0.001')
  // Blocks wait while the watch looks, so the public copy is seen pending rather than mined at once.
  await control.holdMining(true)
  try {
    await page.getByTestId('send-button').click()
    await expect(page.getByTestId('tx-privacy')).toContainText(
      /Went public: Local node 1 saw it pending in the public mempool at block \d+, whatever Protect's status API says\./,
      { timeout: 30_000 },
    )
  } finally {
    await control.holdMining(false)
  }
  await expect(page.getByTestId('tx-status')).toContainText('Included', { timeout: 30_000 })
  await expect(page.getByTestId('tx-privacy')).toContainText('Went public: Local node 1 saw it pending')
})

test('a status API that answers without CORS headers: the verdict comes from the own watch alone, labelled so', async ({
  page,
  env,
  makeWallet,
}) => {
  const wallet = await makeWallet({ chains: { [env.chainId]: env.protectRpcUrl } })
  // Two blocks before inclusion, so the watch asks the read endpoint while it is pending.
  await standInControl(env.protectRpcUrl).setBehaviour(wallet.address, {
    statusWithoutCors: true,
    inclusionDelayBlocks: 2,
  })
  await page.goto(env.appUrl)
  await connectThroughModal(page)
  await reviewTransfer(page, env.appUrl, 'ETH', freshAddress(), '0.001')
  await page.getByTestId('send-button').click()
  await expect(page.getByTestId('tx-status')).toContainText('Included', { timeout: 30_000 })
  // The watch names the capability it relied on (issue 24); whether the endpoint's pending-filter check had
  // answered by the first look decides which of the two it can say.
  await expect(page.getByTestId('tx-privacy')).toContainText(
    /Likely private: Protect's status API could not be reached; your own watch: one endpoint (that serves|not known to serve) pending transactions,/,
  )
})
