import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import {
  type Address,
  createPublicClient,
  createWalletClient,
  erc20Abi,
  type Hex,
  http,
  parseEther,
  parseUnits,
} from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { devAccount } from '../support/devnet/accounts'
import { installAtomicBatches } from '../support/wallet/atomic'
import { connectThroughModal, expect, test } from './fixtures'

const freshAddress = (): Address => privateKeyToAccount(generatePrivateKey()).address

async function reviewTransfer(page: Page, appUrl: string, symbol: string, to: string, amount: string) {
  await page.goto(`${appUrl}#/send`)
  await expect(page.getByRole('heading', { level: 1, name: 'Send' })).toBeVisible()
  const option = page.locator('#send-asset option', { hasText: new RegExp(`^${symbol} `) })
  await page.getByLabel('Asset').selectOption((await option.getAttribute('value')) ?? '')
  await page.getByLabel('Recipient (address or ENS name)').fill(to)
  await page.getByLabel(/^Amount/).fill(amount)
  await page.getByRole('button', { name: 'Review' }).click()
  await expect(page.getByTestId('simulation')).toContainText('Simulation succeeded')
}

test('Send: the review previews the outcome from the devnet; the included record says "as previewed"; the proof exports', async ({
  page,
  env,
  makeWallet,
}) => {
  const wallet = await makeWallet({ chains: { [env.chainId]: env.protectRpcUrl } })
  const client = createPublicClient({ transport: http(env.rpcUrl) })
  const to = freshAddress()
  await page.goto(env.appUrl)
  await connectThroughModal(page)
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
  expect(doc.privacy.verdict).toBe('private')
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
  await expect(page.getByTestId('tx-record').filter({ hasText: hash })).toBeVisible()
})

test('Batch: the review previews the whole batch; a token that keeps 1% on transfer shows exactly what the recipient gets', async ({
  page,
  env,
  makeWallet,
}) => {
  const wallet = await makeWallet()
  installAtomicBatches(wallet, env.contracts.batchExecutor)
  const fee = env.contracts.feeToken
  const client = createPublicClient({ transport: http(env.rpcUrl) })
  const to = freshAddress()
  await page.goto(env.appUrl)
  await connectThroughModal(page)
  await page.goto(`${env.appUrl}#/batch`)
  await page.getByRole('button', { name: '+ ETH transfer' }).click()
  const eth = page.getByTestId('batch-action').last()
  await eth.getByLabel('Recipient address').fill(to)
  await eth.getByLabel(/^Amount/).fill('0.5')
  await page.getByRole('button', { name: '+ Contract call' }).click()
  const call = page.getByTestId('batch-action').last()
  await call.getByLabel('Contract address').fill(fee.address)
  await call.getByLabel('Function (human-readable ABI)').fill('function transfer(address to, uint256 amount)')
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
  const got = await client.readContract({
    address: fee.address,
    abi: erc20Abi,
    functionName: 'balanceOf',
    args: [to],
  })
  expect(got).toBe(parseUnits('9.9', 18))
})
