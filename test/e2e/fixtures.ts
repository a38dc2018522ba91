import { closeSync, openSync } from 'node:fs'
import { join } from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import { devAccountCount } from '../../tools/devnet/accounts'
import { TestWallet, type TestWalletOptions } from '../harness/wallet/testWallet'
import { type E2eEnv, e2eEnv } from './env'
import { startE2eStack } from './stack'

type Fixtures = {
  env: E2eEnv
  /** Each test gets its own dev account so tests never share balances or nonces. */
  makeWallet: (options?: Partial<TestWalletOptions>) => Promise<TestWallet>
  consoleErrors: string[]
  /**
   * This test's own devnet, Protect stand-in and app server (stack.ts), for a test that changes what every test on
   * the chain sees (stops mining, moves a price feed): the other worker's tests keep the shared one undisturbed.
   */
  ownEnv: E2eEnv
  /** A fresh test wallet (its own dev account), connected through RainbowKit's modal on the app's first page. */
  connected: TestWallet
  /** The same, with the wallet's RPC set to Protect (the stand-in), as after "Protect this wallet". */
  connectedOnProtect: TestWallet
}

// Fresh accounts come from 20..99, never from the 0..19 ranges that specs pick explicitly. Each is claimed by
// creating its file in globalSetup's directory (O_EXCL): atomic across the workers, unlike a counter per worker.
const firstFresh = 20
function freshAccount(): number {
  const dir = process.env.HUSH_E2E_ACCOUNTS
  if (!dir) throw new Error('HUSH_E2E_ACCOUNTS is not set: run the e2e suite through playwright.config.ts')
  for (let n = firstFresh; n < devAccountCount; n++) {
    try {
      closeSync(openSync(join(dir, String(n)), 'wx'))
      return n
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
  throw new Error('the e2e suite ran out of fresh dev accounts: raise devAccountCount')
}

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures must destructure their dependencies
  env: async ({}, use) => {
    await use(e2eEnv())
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures must destructure their dependencies
  ownEnv: async ({}, use) => {
    const stack = await startE2eStack()
    try {
      await use(stack.env)
    } finally {
      await stack.stop()
    }
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
  // After consoleErrors, so that a page error while connecting is caught as it was before the fixture.
  connected: async ({ page, env, makeWallet, consoleErrors }, use) => {
    void consoleErrors
    const wallet = await makeWallet()
    await page.goto(env.appUrl)
    await connectThroughModal(page)
    await use(wallet)
  },
  connectedOnProtect: async ({ page, env, makeWallet, consoleErrors }, use) => {
    void consoleErrors
    const wallet = await makeWallet({ chains: { [env.chainId]: env.protectRpcUrl } })
    await page.goto(env.appUrl)
    await connectThroughModal(page)
    await use(wallet)
  },
})

export { expect }

/** Opens RainbowKit's modal and picks the test wallet. */
export async function connectThroughModal(page: Page, walletName = 'Hush Test Wallet'): Promise<void> {
  await page.getByRole('button', { name: 'Connect Wallet' }).first().click()
  await page.getByRole('dialog').getByRole('button', { name: walletName }).click()
  await expect(page.getByTestId('account-address')).toBeVisible()
}
