import { createPublicClient, getAddress, http } from 'viem'
import { expectAmount } from './amounts'
import { connectThroughModal, expect, test } from './fixtures'

test('the app loads with no wallet and says how to connect', async ({ page, env, consoleErrors }) => {
  await page.goto(env.appUrl)
  await expect(page.getByRole('heading', { name: 'Wallet' })).toBeVisible()
  await expect(page.getByText('Connect a wallet to see your balances')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Connect Wallet' }).first()).toBeVisible()
  expect(consoleErrors).toEqual([])
})

test('connects through the RainbowKit modal and shows the address and ETH balance Anvil holds', async ({
  page,
  env,
  connected: wallet,
}) => {
  await expect(page.getByTestId('account-address')).toHaveText(getAddress(wallet.address))
  const client = createPublicClient({ transport: http(env.rpcUrl) })
  const balance = await client.getBalance({ address: wallet.address })
  await expectAmount(page.getByTestId('eth-balance'), balance, 18, 'ETH')
})

test('every page is reachable by URL', async ({ page, env }) => {
  for (const [path, heading] of [
    ['#/send', 'Send'],
    ['#/batch', 'Batch'],
    ['#/network', 'Network'],
    ['#/activity', 'Activity'],
    ['#/settings', 'Settings'],
    ['#/wallet', 'Wallet'],
  ] as const) {
    await page.goto(`${env.appUrl}${path}`)
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible()
    await expect(page.getByRole('link', { name: heading, exact: true })).toHaveAttribute(
      'aria-current',
      'page',
    )
  }
})

test('an invalid config.json shows an error page naming the field and value', async ({ page, env }) => {
  await page.goto(`${env.serverUrl}/bad-config/`)
  const error = page.getByTestId('config-error')
  await expect(error).toBeVisible()
  await expect(error).toContainText('chains[0].rpc[0].url')
  await expect(error).toContainText('"ftp://bad.example"')
  await expect(page.getByRole('button', { name: 'Connect Wallet' })).toHaveCount(0)
})

test('a missing config.json is not an error: built-in defaults are used', async ({ page, env }) => {
  await page.goto(`${env.serverUrl}/no-config/`)
  await expect(page.getByRole('heading', { name: 'Wallet' })).toBeVisible()
  await expect(page.getByTestId('config-error')).toHaveCount(0)
})

test('the build works from a sub-path', async ({ page, env, makeWallet }) => {
  const wallet = await makeWallet()
  await page.goto(`${env.serverUrl}/deep/sub/path/#/wallet`)
  await connectThroughModal(page)
  await expect(page.getByTestId('account-address')).toHaveText(getAddress(wallet.address))
  await expect(page.getByTestId('eth-balance')).toContainText('ETH')
})

test('corrupt saved state is reset with a notice instead of a blank page', async ({ page, env }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('hush.wagmi.store', '{not json')
      sessionStorage.setItem('seeded', '1')
    }
  })
  await page.goto(env.appUrl)
  await expect(page.getByTestId('storage-notice')).toContainText('hush.wagmi.store')
  await expect(page.getByRole('heading', { name: 'Wallet' })).toBeVisible()
})

test('a wallet on an unsupported chain gets a banner with a switch button', async ({
  page,
  env,
  makeWallet,
}) => {
  const wallet = await makeWallet({ chains: { [env.chainId]: env.rpcUrl, 999: env.rpcUrl } })
  await page.goto(env.appUrl)
  await connectThroughModal(page)
  await wallet.switchChain(999)
  const banner = page.getByTestId('wrong-chain')
  await expect(banner).toContainText('chain 999')
  await banner.getByRole('button', { name: 'Switch to Hush Devnet' }).click()
  await expect(banner).toHaveCount(0)
  expect(wallet.chainId).toBe(env.chainId)
})

test('a connected wallet stays connected across reloads without pressing Connect', async ({
  page,
  connected: wallet,
}) => {
  for (let i = 0; i < 6; i++) {
    await page.reload()
    await expect(page.getByTestId('account-address')).toHaveText(getAddress(wallet.address))
  }
})
