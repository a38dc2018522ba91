import type { Page } from '@playwright/test'
import type { TestWallet } from '../harness/wallet/testWallet'
import { connectThroughModal, expect, test } from './fixtures'
import { darkPhone } from './flows'

const probe = '0xf1a54b0759b58661cea17cff19dd37940a9b5f1a'

/** Opens Send, where the connected wallet is not protected yet; returns the protection state. */
async function openSendUnprotected(page: Page, appUrl: string) {
  await page.goto(`${appUrl}#/send`)
  const state = page.getByTestId('protection-state')
  await expect(state).toContainText('Not protected')
  return state
}

test('connect → Not protected → Protect this wallet → Protected, checked through the wallet', async ({
  page,
  env,
  consoleErrors,
  connected: wallet,
}) => {
  const state = await openSendUnprotected(page, env.appUrl)
  const probesBefore = wallet.requests.filter(
    (r) => r.method === 'eth_call' && (r.params[0] as { to?: string }).to === probe,
  ).length
  expect(probesBefore).toBeGreaterThan(0)

  await page.getByRole('button', { name: 'Protect this wallet' }).click()
  await expect(state).toContainText('Protected')
  await expect(state).not.toContainText('Not protected')

  expect(wallet.count('wallet_addEthereumChain')).toBe(1)
  const added = wallet.requests.find((r) => r.method === 'wallet_addEthereumChain')?.params[0]
  expect(added).toEqual({
    chainId: '0x7a69',
    chainName: 'Flashbots Protect (Hush Devnet)',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: [`${env.protectRpcUrl}?hint=hash&originId=hush`],
  })
  // The wallet now broadcasts through the stand-in; the app re-asked the wallet instead of trusting the reply.
  expect(wallet.rpcUrl()).toBe(`${env.protectRpcUrl}?hint=hash&originId=hush`)
  const probesAfter = wallet.requests.filter(
    (r) => r.method === 'eth_call' && (r.params[0] as { to?: string }).to === probe,
  ).length
  expect(probesAfter).toBeGreaterThan(probesBefore)
  await expect(page.getByRole('button', { name: 'Protect this wallet' })).toHaveCount(0)
  expect(consoleErrors).toEqual([])
})

test('declining in the wallet is a quiet state, not an error', async ({
  page,
  env,
  consoleErrors,
  connected: wallet,
}) => {
  await openSendUnprotected(page, env.appUrl)
  wallet.policy = 'reject'
  await page.getByRole('button', { name: 'Protect this wallet' }).click()
  const protection = page.getByTestId('protection')
  await expect(page.getByTestId('protection-outcome')).toHaveText('Not changed: you declined in your wallet.')
  await expect(page.getByTestId('protection-state')).toContainText('Not protected')
  await expect(protection.locator('.error-text')).toHaveCount(0)
  await expect(protection.getByRole('alert')).toHaveCount(0)
  await expect(page.getByTestId('protect-manual-guide')).toHaveCount(0)
  expect(wallet.count('wallet_addEthereumChain')).toBe(1)
  expect(wallet.rpcUrl()).toBe(env.rpcUrl)
  expect(consoleErrors).toEqual([])
})

/** Connects a wallet that refuses wallet_addEthereumChain (MetaMask, for its default chain), asks to protect it. */
async function protectRefused(page: Page, appUrl: string, wallet: TestWallet) {
  wallet.extend((_w, method) =>
    method === 'wallet_addEthereumChain'
      ? Promise.reject(Object.assign(new Error('May not specify default MetaMask chain.'), { code: -32602 }))
      : undefined,
  )
  await page.goto(appUrl)
  await connectThroughModal(page)
  await page.goto(`${appUrl}#/send`)
  await page.getByRole('button', { name: 'Protect this wallet' }).click()
}

test('a wallet that refuses to change the network gets the manual guide with the exact values', async ({
  page,
  env,
  makeWallet,
}) => {
  const wallet = await makeWallet()
  await protectRefused(page, env.appUrl, wallet)
  const guide = page.getByTestId('protect-manual-guide')
  await expect(guide).toBeVisible()
  for (const value of [
    'Flashbots Protect (Hush Devnet)',
    `${env.protectRpcUrl}?hint=hash&originId=hush`,
    '31337',
    'ETH',
  ])
    await expect(guide.getByText(value, { exact: true })).toBeVisible()
  await expect(guide.getByRole('button', { name: /^Copy rpc url/ })).toBeVisible()
  await expect(page.getByTestId('protection-state')).toContainText('Not protected')
})

test('Protect settings are validated at the field and used for the wallet URL', async ({
  page,
  env,
  connected: wallet,
}) => {
  await page.goto(`${env.appUrl}#/settings`)
  await page.getByText(/^More choices/).click()
  const origin = page.getByLabel(/^Origin ID/)
  await origin.fill('bad id!')
  await expect(origin).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByRole('button', { name: 'Save and update wallet' })).toBeDisabled()
  await origin.fill('hush-e2e')
  await page.getByRole('button', { name: 'Add refund recipient' }).click()
  await page.getByLabel('Refund address 1').fill(wallet.address)
  const percent = page.getByLabel('Percent')
  await percent.fill('100')
  await expect(percent).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByText('must be at most 99')).toBeVisible()
  await percent.fill('40')
  await page.getByLabel('Fall back to the public mempool').check()
  await expect(page.getByRole('note')).toContainText('gives up privacy')
  await page.getByLabel('Fall back to the public mempool').uncheck()
  // One action: it saves, and protects the wallet with the new URL.
  await page.getByRole('button', { name: 'Save and update wallet' }).click()
  await expect(page.getByTestId('protect-saved')).toHaveText('Saved. Your wallet now uses these settings.')
  await expect(page.getByTestId('protection-state')).toContainText('Protected')
  const url = new URL(wallet.rpcUrl())
  expect(url.searchParams.get('originId')).toBe('hush-e2e')
  expect(url.searchParams.getAll('refund')).toEqual([`${wallet.address}:40`])
})

test('the protection widget, manual guide and Protect settings fit a 375 px screen in dark mode', async ({
  page,
  env,
  makeWallet,
}) => {
  await darkPhone(page, 800)
  const wallet = await makeWallet()
  await protectRefused(page, env.appUrl, wallet)
  await expect(page.getByTestId('protect-manual-guide')).toBeVisible()
  const fits = async (selector: string) => {
    const box = await page.locator(selector).first().boundingBox()
    expect(box, selector).not.toBeNull()
    expect((box?.x ?? 0) + (box?.width ?? 0), selector).toBeLessThanOrEqual(375)
  }
  await fits('[data-testid="protection"]')
  await fits('[data-testid="protect-manual-guide"]')
  await page.screenshot({ path: 'test-results/protect-375-send.png', fullPage: true })
  await page.goto(`${env.appUrl}#/settings`)
  await page.getByText(/^More choices/).click()
  await fits('[data-testid="protect-url-preview"]')
  await page.getByRole('button', { name: 'Add refund recipient' }).click()
  await fits('form.protect-settings')
  await page.screenshot({ path: 'test-results/protect-375-settings.png', fullPage: true })
})

test('MetaMask 12.14: the chain is added but the call throws -32603; the re-check shows Protected', async ({
  page,
  env,
  makeWallet,
  consoleErrors,
}) => {
  const wallet = await makeWallet()
  wallet.extend((w, method, params) => {
    if (method !== 'wallet_addEthereumChain') return undefined
    return (async () => {
      const url = (params[0] as { rpcUrls: string[] }).rpcUrls[0]
      if (url) w.rpcUrls.set(env.chainId, url)
      throw Object.assign(new Error('Internal JSON-RPC error.'), { code: -32603 })
    })()
  })
  await page.goto(env.appUrl)
  await connectThroughModal(page)
  await openSendUnprotected(page, env.appUrl)
  await page.getByRole('button', { name: 'Protect this wallet' }).click()
  await expect(page.getByTestId('protection-state')).toContainText('Protected')
  await expect(page.getByTestId('protection-state')).not.toContainText('Not protected')
  await expect(page.getByTestId('protection').locator('.error-text')).toHaveCount(0)
  expect(consoleErrors).toEqual([])
})
