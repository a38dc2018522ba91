import { test as base, expect, type Page } from '@playwright/test'
import { devAccountCount } from '../support/devnet/accounts'
import { TestWallet, type TestWalletOptions } from '../support/wallet/test-wallet'
import { type E2eEnv, e2eEnv } from './env'

type Fixtures = {
  env: E2eEnv
  /** Each test gets its own dev account so tests never share balances or nonces. */
  makeWallet: (options?: Partial<TestWalletOptions>) => Promise<TestWallet>
  consoleErrors: string[]
}

// Fresh accounts come from 20..99, never from the 0..19 ranges that specs pick explicitly.
let nextAccount = 20
function freshAccount(): number {
  if (nextAccount >= devAccountCount)
    throw new Error('the e2e suite ran out of fresh dev accounts: raise devAccountCount')
  return nextAccount++
}

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures must destructure their dependencies
  env: async ({}, use) => {
    await use(e2eEnv())
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
    await use(errors)
  },
  makeWallet: async ({ page, env }, use) => {
    await use(async (options = {}) => {
      const wallet = new TestWallet({
        accounts: options.accounts ?? [freshAccount()],
        chains: options.chains ?? { [env.chainId]: env.rpcUrl },
        chainId: options.chainId ?? env.chainId,
        ...options,
      })
      await wallet.attach(page)
      return wallet
    })
  },
})

export { expect }

/** Opens RainbowKit's modal and picks the test wallet. */
export async function connectThroughModal(page: Page, walletName = 'Hush Test Wallet'): Promise<void> {
  await page.getByRole('button', { name: 'Connect Wallet' }).first().click()
  await page.getByRole('dialog').getByRole('button', { name: walletName }).click()
  await expect(page.getByTestId('account-address')).toBeVisible()
}
