import type { Page } from '@playwright/test'
import type { StandInRequest } from '../../tools/protect/standin'
import { RpcError, type TestWallet } from '../harness/wallet/testWallet'
import { connectThroughModal, expect, test } from './fixtures'

const probe = '0xf1a54b0759b58661cea17cff19dd37940a9b5f1a'

/** The stand-in runs in the runner process; its request log is read over HTTP. */
async function standInRequests(protectRpcUrl: string): Promise<StandInRequest[]> {
  const res = await fetch(`${protectRpcUrl}__standin/requests`)
  return (await res.json()) as StandInRequest[]
}

async function protectOnSend(page: Page, appUrl: string) {
  await page.goto(`${appUrl}#/send`)
  await page.getByRole('button', { name: 'Protect this wallet' }).click()
  await expect(page.getByTestId('protection-badge')).toHaveAttribute('data-state', 'protected-current')
}

/**
 * Opens Settings from the header badge and saves new Protect settings with the one action; the wallet declines
 * the update it is asked for, so it keeps the old URL.
 */
async function changeSettings(page: Page, originId: string, wallet: TestWallet) {
  await page.getByTestId('protection-badge').click()
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible()
  await page.getByText(/^More choices/).click()
  await page.getByLabel('Only the hash (most private)').check()
  await page.getByLabel(/^Keep trying for this many blocks/).fill('10')
  await page.getByLabel(/^Hold back near the end of a slot/).fill('2000')
  await page.getByLabel(/^Include transactions that revert/).check()
  await page.getByLabel(/^Origin ID/).fill(originId)
  wallet.policy = 'reject'
  await page.getByRole('button', { name: 'Save and update wallet' }).click()
  await expect(page.getByTestId('protect-saved')).toHaveText(
    'Saved. Your wallet keeps its old settings: you declined in your wallet.',
  )
  wallet.policy = 'approve'
}

test('settings changed on a Protected wallet → apply → the wallet sends with the new parameters (stand-in log)', async ({
  page,
  env,
  consoleErrors,
  connected: wallet,
}) => {
  const originId = `apply-e2e-${Date.now()}`
  await protectOnSend(page, env.appUrl)
  const oldUrl = wallet.rpcUrl()
  expect(oldUrl).toBe(`${env.protectRpcUrl}?hint=hash&originId=hush`)

  await changeSettings(page, originId, wallet)
  const badge = page.getByTestId('protection-badge')
  await expect(badge).toHaveAttribute('data-state', 'protected-older')
  await expect(badge).toContainText('Protected with old settings')
  // The detection alone still says Protected; only Hush's record knows the settings are old.
  const status = page.getByTestId('protection-state')
  await expect(status).toContainText('Protected with old settings')
  // Settings has one action: "Save and update wallet" both saves and asks the wallet, so no second button.
  await expect(page.getByRole('button', { name: 'Apply new settings to your wallet' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Save and update wallet' })).toHaveCount(1)
  for (const path of ['#/send', '#/batch']) {
    await page.goto(`${env.appUrl}${path}`)
    await expect(page.getByRole('button', { name: 'Apply new settings to your wallet' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Protect this wallet' })).toHaveCount(0)
  }
  expect(wallet.rpcUrl()).toBe(oldUrl)

  // Declining in the wallet changes nothing: still the old settings, nothing recorded.
  wallet.policy = 'reject'
  await page.getByRole('button', { name: 'Apply new settings to your wallet' }).click()
  await expect(page.getByTestId('protection-outcome')).toHaveText('Not changed: you declined in your wallet.')
  await expect(badge).toHaveAttribute('data-state', 'protected-older')
  expect(wallet.rpcUrl()).toBe(oldUrl)
  wallet.policy = 'approve'

  const addsBefore = wallet.count('wallet_addEthereumChain')
  await page.getByRole('button', { name: 'Apply new settings to your wallet' }).click()
  await expect(badge).toHaveAttribute('data-state', 'protected-current')
  await expect(page.getByRole('button', { name: 'Apply new settings to your wallet' })).toHaveCount(0)
  await expect(page.getByTestId('protection-outcome')).toHaveText(
    'Your wallet has the Protect URL of your current settings.',
  )
  expect(wallet.count('wallet_addEthereumChain')).toBe(addsBefore + 1)
  const newUrl = `${env.protectRpcUrl}?hint=hash&originId=${originId}&canRevert=true&blockRange=10&auctionTimeout=2000`
  expect(
    wallet.requests.filter((r) => r.method === 'wallet_addEthereumChain').at(-1)?.params[0],
  ).toMatchObject({ rpcUrls: [newUrl] })
  expect(wallet.rpcUrl()).toBe(newUrl)

  // The wallet broadcasts through the new URL: what reached the stand-in, and how the stand-in read it.
  await wallet.handle('eth_sendTransaction', [
    { from: wallet.address, to: '0x000000000000000000000000000000000000dEaD', value: '0x1' },
  ])
  const mine = (await standInRequests(env.protectRpcUrl)).filter((r) =>
    r.url.includes(`originId=${originId}`),
  )
  const expected = {
    ok: true,
    url: newUrl.slice(env.protectRpcUrl.length - 1),
    preferences: {
      fast: false,
      hints: ['hash'],
      originId,
      canRevert: true,
      blockRange: 10,
      auctionTimeout: 2000,
      useMempool: false,
    },
  }
  expect(mine.find((r) => r.method === 'eth_call')).toMatchObject(expected)
  expect(mine.find((r) => r.method === 'eth_sendRawTransaction')).toMatchObject(expected)

  // After a reload the record still says the wallet has the current settings.
  await page.reload()
  await expect(page.getByTestId('protection-badge')).toHaveAttribute('data-state', 'protected-current')
  expect(consoleErrors).toEqual([])
})

test('the header badge follows each state: Not protected, Protected, old settings, Unknown, No Protect', async ({
  page,
  env,
  makeWallet,
}) => {
  const wallet = await makeWallet()
  let probeFails = false
  wallet.extend((_w, method, params) => {
    const call = params[0] as { to?: string } | undefined
    if (!probeFails || method !== 'eth_call' || call?.to?.toLowerCase() !== probe) return undefined
    return Promise.reject(new RpcError(-32603, 'Failed to fetch'))
  })
  const badge = page.getByTestId('protection-badge')
  await page.goto(`${env.appUrl}#/wallet`)
  await expect(page.getByRole('heading', { level: 1, name: 'Wallet' })).toBeVisible()
  await expect(badge).toHaveCount(0)
  await connectThroughModal(page)

  await expect(badge).toHaveAttribute('data-state', 'not-protected')
  await expect(badge).toHaveText('Wallet protection: Not protected')

  await protectOnSend(page, env.appUrl)
  await expect(badge).toHaveText('Wallet protection: Protected')
  for (const label of ['Wallet', 'Batch', 'Network', 'Activity', 'Settings']) {
    await page
      .getByRole('navigation', { name: 'Pages' })
      .getByRole('link', { name: label, exact: true })
      .click()
    await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible()
    await expect(badge).toHaveText('Wallet protection: Protected')
  }

  await changeSettings(page, 'badge-e2e', wallet)
  await expect(badge).toHaveText('Wallet protection: Protected with old settings')

  probeFails = true
  await page.goto(`${env.appUrl}#/send`)
  await page.getByRole('button', { name: 'Check again' }).click()
  await expect(badge).toHaveAttribute('data-state', 'unknown')
  await expect(badge).toHaveText('Wallet protection: Unknown')
  probeFails = false
  await page.getByRole('button', { name: 'Check again' }).click()
  await expect(badge).toHaveText('Wallet protection: Protected with old settings')

  // The same chain served with `protect: null`.
  await page.goto(`${env.serverUrl}/no-protect/#/wallet`)
  await expect(page.getByTestId('account-address')).toBeVisible()
  await expect(badge).toHaveAttribute('data-state', 'no-protect')
  await expect(badge).toHaveText('Wallet protection: No Protect on this chain')
})

test('Settings read like a product: words first, exclusive choices enforced, a summary, no jumping', async ({
  page,
  env,
}) => {
  await page.goto(`${env.appUrl}#/settings`)
  const form = page.locator('form.protect-settings')
  await expect(form.getByRole('heading', { name: 'Flashbots Protect' })).toBeVisible()
  const summary = page.getByTestId('protect-summary')
  // The default is the Max privacy preset (docs/protect-presets.md).
  await expect(summary.getByTestId('protect-summary-privacy')).toContainText('High')
  await expect(summary.getByTestId('protect-summary-speed')).toContainText('Slow')
  // The meter comes first, before the presets and the folded choices.
  const order = await form.evaluate((f) =>
    ['protect-summary', 'protect-presets', 'protect-more', 'protect-save'].map(
      (id) => f.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect().top ?? -1,
    ),
  )
  expect(order).toEqual([...order].sort((a, b) => a - b))
  expect(order[0]).toBeGreaterThan(0)
  await expect(form.getByLabel(/^Fast mode/)).toBeHidden()
  await form.getByText(/^More choices/).click()
  await form.getByLabel(/^Fast mode/).check()

  // Flashbots is always included: ticked and locked. In fast mode every builder is, so all are locked.
  const flashbots = form.getByRole('checkbox', { name: /^Flashbots/ })
  await expect(flashbots).toBeChecked()
  await expect(flashbots).toBeDisabled()
  await expect(form.getByRole('checkbox', { name: /^Titan/ })).toBeChecked()
  await expect(form.getByRole('checkbox', { name: /^Titan/ })).toBeDisabled()
  await form.getByLabel(/^Fast mode/).uncheck()
  await expect(form.getByRole('checkbox', { name: /^Titan/ })).not.toBeChecked()
  await expect(flashbots).toBeDisabled()

  // "Everything" is one choice among four: no other hint can be ticked with it.
  await form.getByLabel(/^Everything/).check()
  await expect(form.getByRole('group', { name: 'Hints to share' })).toHaveCount(0)
  await expect(page.getByTestId('protect-url-preview')).toContainText('?hint=full&')
  await form.getByLabel('Choose what to share').check()
  const hints = form.getByRole('group', { name: 'Hints to share' })
  // Words first, the raw name second; sharing the calldata shares the function and the contract too.
  await hints.getByRole('checkbox', { name: /^Share the full call data/ }).check()
  const fn = hints.getByRole('checkbox', { name: /^Share the function being called function_selector/ })
  await expect(fn).toBeChecked()
  await expect(fn).toBeDisabled()
  await expect(summary.getByTestId('protect-summary-privacy')).toContainText('Low')
  await expect(summary.getByTestId('protect-summary-refund')).toContainText('High')
  await form.getByLabel('Only the hash (most private)').check()
  await expect(summary.getByTestId('protect-summary-privacy')).toContainText('High')
  await expect(summary.getByTestId('protect-summary-speed')).toContainText('Slow')
  await expect(summary.getByTestId('protect-summary-refund')).toContainText('Low')

  // An invalid field shows its message without moving anything below it; the preview keeps the last
  // valid URL instead of disappearing.
  // No wallet here: the one action only saves, and says so.
  const save = page.getByRole('button', { name: 'Save settings' })
  const preview = page.getByTestId('protect-url-preview')
  // Positions in the page, not the viewport: typing may scroll.
  const where = (l: typeof save) =>
    l.evaluate((el) => {
      const r = el.getBoundingClientRect()
      return { x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width, height: r.height }
    })
  const before = { save: await where(save), preview: await where(preview) }
  const blocks = form.getByLabel(/^Keep trying for this many blocks/)
  await blocks.fill('-3')
  await expect(blocks).toHaveAttribute('aria-invalid', 'true')
  await expect(form.getByText('a whole number of blocks from 1 to 1,000')).toBeVisible()
  await expect(save).toBeDisabled()
  await expect(preview).toBeVisible()
  await expect(page.getByText(/show your last valid settings/)).toBeVisible()
  expect(await where(save)).toEqual(before.save)
  expect(await where(preview)).toEqual(before.preview)
  await form.getByLabel(/^Origin ID/).fill('bad id!')
  await expect(form.getByText(/only letters, digits/)).toBeVisible()
  expect(await where(save)).toEqual(before.save)
  await blocks.fill('7')
  await form.getByLabel(/^Origin ID/).fill('hush')
  await expect(save).toBeEnabled()
  await expect(preview).toContainText('blockRange=7')
  expect(await where(save)).toEqual(before.save)
})

test('presets: chosen where the wallet is protected, or in Settings, saved and given to the wallet in one action', async ({
  page,
  env,
  connected: wallet,
}) => {
  await page.goto(`${env.appUrl}#/send`)
  const presets = page.getByTestId('protect-presets')
  await expect(presets.getByRole('radio', { name: /^Max privacy \(default\)/ })).toBeChecked()
  await expect(page.getByTestId('preset-meter-max-privacy')).toHaveText(
    'Privacy High · Speed Slow · Refund Low',
  )
  await expect(page.getByTestId('preset-meter-fast')).toHaveText(
    'Privacy Medium · Speed Fast · Refund Medium',
  )
  await presets.getByRole('radio', { name: /^Fast/ }).check()
  await page.getByRole('button', { name: 'Protect this wallet' }).click()
  const badge = page.getByTestId('protection-badge')
  await expect(badge).toHaveAttribute('data-state', 'protected-current')
  expect(wallet.rpcUrl()).toBe(`${env.protectRpcUrl}fast?originId=hush`)

  await page.goto(`${env.appUrl}#/settings`)
  const form = page.locator('form.protect-settings')
  await expect(form.getByRole('radio', { name: /^Fast/ })).toBeChecked()
  await form.getByRole('radio', { name: /^Balanced/ }).check()
  await expect(page.getByTestId('protect-url-preview')).toContainText('builder=Titan')
  await form.getByRole('button', { name: 'Save and update wallet' }).click()
  await expect(page.getByTestId('protect-saved')).toHaveText('Saved. Your wallet now uses these settings.')
  await expect
    .poll(() => wallet.rpcUrl())
    .toBe(`${env.protectRpcUrl}?builder=Titan&builder=beaverbuild.org&builder=rsync&originId=hush`)
  await expect(badge).toHaveAttribute('data-state', 'protected-current')
})
