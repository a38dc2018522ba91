import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import {
  type Address,
  createTestClient,
  createWalletClient,
  erc20Abi,
  formatUnits,
  getAddress,
  http,
  parseUnits,
} from 'viem'
import { devAccount } from '../../tools/devnet/accounts'
import { devChain } from '../../tools/devnet/deploy'
import { rpc } from '../../tools/devnet/devnet'
import { deployTokens, hostileTokens, manyTokenSpecs, mintTokens } from '../support/builders/tokens'
import { expectAmount, shownAmount } from './amounts'
import { chain, tokenBalance } from './chain'
import { connectThroughModal, expect, test } from './fixtures'
import { darkPhone } from './flows'
import { serveApp } from './stack'

const status = (page: Page) => page.getByTestId('balances-status')
const tokenCell = (page: Page, token: Address) => page.getByTestId(`token-balance-${token}`)

async function expectMatchesChain(
  page: Page,
  rpcUrl: string,
  owner: Address,
  tokens: { address: Address; decimals: number; symbol: string }[],
) {
  await expectAmount(
    page.getByTestId('eth-balance'),
    await chain(rpcUrl).getBalance({ address: owner }),
    18,
    'ETH',
  )
  for (const t of tokens) {
    const value = await tokenBalance(rpcUrl, t.address, owner)
    await expectAmount(tokenCell(page, t.address), value, t.decimals, t.symbol)
  }
}

/** Reloads; the wallet must reconnect by itself (wagmi reconnect), without pressing Connect. */
async function reloadConnected(page: Page) {
  await page.reload()
  await expect(page.getByTestId('account-address')).toBeVisible()
}

/** Holds every request to the RPC origin until released (or fails them), like a provider that stopped answering. */
async function controlRpc(page: Page, rpcUrl: string) {
  const origin = new URL(rpcUrl).origin
  let release: () => void = () => undefined
  const gate = new Promise<void>((resolve) => {
    release = resolve
  })
  const matcher = (url: URL) => url.origin === origin
  return {
    hold: () =>
      page.route(matcher, async (route) => {
        await gate
        await route.continue().catch(() => undefined)
      }),
    fail: () => page.route(matcher, (route) => route.abort('connectionrefused')),
    restore: async () => {
      release()
      await page.unroute(matcher)
    },
  }
}

test('balances shown match the chain; tokens are added by address, validated, shown as text and removable', async ({
  page,
  env,
  makeWallet,
}) => {
  const dialogs: string[] = []
  page.on('dialog', (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
  const wallet = await makeWallet()
  const [hostile, empty] = await deployTokens(env.rpcUrl, [
    { ...hostileTokens.htmlSymbol, holders: [wallet.address], amountEach: '42.5' },
    { name: 'Empty Token', symbol: 'ZERO', decimals: 6 },
  ])
  await page.goto(env.appUrl)
  await connectThroughModal(page)
  await expect(status(page)).toHaveAttribute('data-state', 'fresh')
  await expectMatchesChain(page, env.rpcUrl, wallet.address, env.contracts.tokens)
  await expect(page.getByTestId('account-kind')).toHaveText('Plain account (no code)')

  const input = page.getByLabel('Token contract address')
  // A contract that is not an ERC-20: refused with the reason at the field.
  await input.fill(env.contracts.vault)
  await page.getByRole('button', { name: 'Add token' }).click()
  await expect(page.getByTestId('add-token-error')).toContainText('not an ERC-20')
  await expect(input).toHaveAttribute('aria-invalid', 'true')
  // The hostile symbol is added and shown literally, never as markup.
  await input.fill(hostile!)
  await page.getByRole('button', { name: 'Add token' }).click()
  await expect(page.getByTestId('add-token-status')).toContainText('Added <img src=x onerror=alert(1)>')
  await expect(input).not.toHaveAttribute('aria-invalid', 'true')
  const row = page.getByTestId(`balance-row-${hostile}`)
  await expect(row.locator('.token-symbol')).toHaveText('<img src=x onerror=alert(1)>')
  await expect(tokenCell(page, hostile!)).toHaveText('42.5\u00a0<img src=x onerror=alert(1)>')
  await expect(page.locator('main img[src="x"]')).toHaveCount(0)

  // A zero balance shows as 0 and can be hidden; non-zero rows stay.
  await input.fill(empty!)
  await page.getByRole('button', { name: 'Add token' }).click()
  await expect(tokenCell(page, empty!)).toHaveAttribute('data-exact', '0')
  await page.getByLabel('Hide zero balances').check()
  await expect(page.getByTestId(`balance-row-${empty}`)).toHaveCount(0)
  await expect(tokenCell(page, hostile!)).toHaveText('42.5\u00a0<img src=x onerror=alert(1)>')
  await page.getByLabel('Hide zero balances').uncheck()
  await expect(tokenCell(page, empty!)).toHaveAttribute('data-exact', '0')

  // Added tokens persist per chain across a reload, and can be removed.
  await reloadConnected(page)
  await expect(tokenCell(page, hostile!)).toHaveText('42.5\u00a0<img src=x onerror=alert(1)>')
  await row.getByRole('button', { name: /^Remove/ }).click()
  await expect(row).toHaveCount(0)
  await reloadConnected(page)
  await expect(status(page)).toHaveAttribute('data-state', 'fresh')
  await expect(row).toHaveCount(0)
  expect(dialogs).toEqual([])
})

test('another account sends this account tokens: the page shows the new balance within two blocks, no reload', async ({
  page,
  env,
  connected: wallet,
}) => {
  const dusd = env.contracts.tokens[0]!
  await expect(status(page)).toHaveAttribute('data-state', 'fresh')
  const before = await tokenBalance(env.rpcUrl, dusd.address, wallet.address)
  await expect(tokenCell(page, dusd.address)).toHaveText(shownAmount(before, dusd.decimals, dusd.symbol))

  // Record the block the page claims for the first render that shows a changed balance.
  await page.evaluate((testId) => {
    const w = window as unknown as { firstChange?: { text: string; block: string } }
    const initial = document.querySelector(`[data-testid="${testId}"]`)?.textContent
    const observer = new MutationObserver(() => {
      const text = document.querySelector(`[data-testid="${testId}"]`)?.textContent
      if (w.firstChange || text === initial || text === undefined || text === null) return
      w.firstChange = {
        text,
        block: document.querySelector('[data-testid="balances-block"]')?.textContent ?? '',
      }
      observer.disconnect()
    })
    observer.observe(document.body, { subtree: true, childList: true, characterData: true })
  }, `token-balance-${dusd.address}`)

  const sender = createWalletClient({
    chain: devChain(env.rpcUrl),
    transport: http(env.rpcUrl),
    account: devAccount(13),
  })
  const hash = await sender.writeContract({
    address: dusd.address,
    abi: erc20Abi,
    functionName: 'transfer',
    args: [wallet.address, parseUnits('1234.5', dusd.decimals)],
  })
  const receipt = await chain(env.rpcUrl).waitForTransactionReceipt({ hash, pollingInterval: 100 })
  const after = before + parseUnits('1234.5', dusd.decimals)
  await expect(tokenCell(page, dusd.address)).toHaveText(shownAmount(after, dusd.decimals, dusd.symbol))
  const first = await page.evaluate(
    () => (window as unknown as { firstChange?: { text: string; block: string } }).firstChange,
  )
  expect(first?.text).toBe(shownAmount(after, dusd.decimals, dusd.symbol))
  const shownBlock = BigInt(first?.block.match(/\d+/)?.[0] ?? '-1')
  expect(shownBlock).toBeGreaterThanOrEqual(receipt.blockNumber)
  expect(shownBlock).toBeLessThanOrEqual(receipt.blockNumber + 2n)
})

test('switching accounts never shows the previous account’s balances under the new address, not for one frame', async ({
  page,
  env,
  makeWallet,
}) => {
  const dusd = env.contracts.tokens[0]!
  const [a, b] = [devAccount(12).address, devAccount(13).address]
  // Make account 12's DUSD balance unique, and give account 13 an EIP-7702 delegation to show.
  await mintTokens(env.rpcUrl, dusd, a, '4242.123456')
  await createTestClient({ mode: 'anvil', transport: http(env.rpcUrl) }).setCode({
    address: b,
    bytecode: `0xef0100${env.contracts.batchExecutor.slice(2)}`,
  })
  const wallet = await makeWallet({ accounts: [12, 13] })
  await page.goto(env.appUrl)
  await connectThroughModal(page)
  await expect(page.getByTestId('account-address')).toHaveText(getAddress(a))
  const oldText = shownAmount(await tokenBalance(env.rpcUrl, dusd.address, a), dusd.decimals, dusd.symbol)
  const newText = shownAmount(await tokenBalance(env.rpcUrl, dusd.address, b), dusd.decimals, dusd.symbol)
  expect(oldText).not.toBe(newText)
  await expect(tokenCell(page, dusd.address)).toHaveText(oldText)

  // Sample every animation frame and every DOM mutation during the switch.
  await page.evaluate(
    ({ testId, oldAddress, newAddress, oldValue }) => {
      const log = { frames: 0, oldSeen: 0, violations: [] as string[], running: true }
      ;(window as unknown as { switchLog: typeof log }).switchLog = log
      const sample = () => {
        const address = document.querySelector('[data-testid="account-address"]')?.textContent
        const value = document.querySelector(`[data-testid="${testId}"]`)?.textContent
        if (address === oldAddress && value === oldValue) log.oldSeen++
        if (address === newAddress && value === oldValue) log.violations.push(`${address} showed ${value}`)
      }
      const frame = () => {
        log.frames++
        sample()
        if (log.running) requestAnimationFrame(frame)
      }
      requestAnimationFrame(frame)
      new MutationObserver(sample).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
      })
    },
    {
      testId: `token-balance-${dusd.address}`,
      oldAddress: getAddress(a),
      newAddress: getAddress(b),
      oldValue: oldText,
    },
  )
  await page.waitForFunction(
    () => (window as unknown as { switchLog: { oldSeen: number } }).switchLog.oldSeen > 0,
  )
  await wallet.switchAccount(1)
  await expect(page.getByTestId('account-address')).toHaveText(getAddress(b))
  await expect(tokenCell(page, dusd.address)).toHaveText(newText)
  await expect(page.getByTestId('account-delegate')).toHaveText(env.contracts.batchExecutor)
  const log = await page.evaluate(() => {
    const l = (
      window as unknown as {
        switchLog: { frames: number; oldSeen: number; violations: string[]; running: boolean }
      }
    ).switchLog
    l.running = false
    return l
  })
  expect(log.frames).toBeGreaterThan(0)
  expect(log.violations).toEqual([])

  // And back: account 12's figures return, never 13's under 12's address.
  await wallet.switchAccount(0)
  await expect(page.getByTestId('account-address')).toHaveText(getAddress(a))
  await expect(tokenCell(page, dusd.address)).toHaveText(oldText)
})

test('a reload shows the cached balances at once, marked cached, until the first fresh read', async ({
  page,
  env,
  connected: wallet,
}) => {
  const hdt = env.contracts.tokens[1]!
  await expect(status(page)).toHaveAttribute('data-state', 'fresh')
  const shown = await tokenCell(page, hdt.address).textContent()
  await page.waitForFunction(
    (address) => localStorage.getItem('hush.query-cache.v1')?.includes(address) === true,
    getAddress(wallet.address),
  )
  const rpc = await controlRpc(page, env.rpcUrl)
  await rpc.hold()
  await reloadConnected(page)
  await expect(status(page)).toHaveAttribute('data-state', 'cached')
  await expect(tokenCell(page, hdt.address)).toHaveText(shown ?? '')
  await expect(page.getByTestId('balances-age')).toContainText('last good read')
  await rpc.restore()
  await expect(status(page)).toHaveAttribute('data-state', 'fresh')
  await expectMatchesChain(page, env.rpcUrl, wallet.address, env.contracts.tokens)
})

test('a failed refresh keeps the last good values marked stale with their age, never zero or blank', async ({
  page,
  env,
  connected: wallet,
}) => {
  await expect(status(page)).toHaveAttribute('data-state', 'fresh')
  const [dusd, hdt] = env.contracts.tokens
  const dusdText = await tokenCell(page, dusd!.address).textContent()
  const ethText = await page.getByTestId('eth-balance').textContent()
  await expect(tokenCell(page, dusd!.address)).not.toHaveAttribute('data-exact', '0')

  const rpc = await controlRpc(page, env.rpcUrl)
  await rpc.fail()
  await expect(status(page)).toHaveAttribute('data-state', 'stale')
  await expect(status(page)).toContainText('last refresh failed')
  await expect(page.getByTestId('balances-age')).toContainText(/last good read \d+ (s|min) ago/)
  await expect(tokenCell(page, dusd!.address)).toHaveText(dusdText ?? '')
  await expect(tokenCell(page, dusd!.address)).toHaveAttribute('data-state', 'stale')
  await expect(page.getByTestId('eth-balance')).toHaveText(ethText ?? '')
  await expect(tokenCell(page, hdt!.address)).not.toHaveAttribute('data-exact', '0')
  await expect(tokenCell(page, hdt!.address)).toHaveAttribute('data-exact', /\d/)

  await rpc.restore()
  await expect(status(page)).toHaveAttribute('data-state', 'fresh')
  await expectMatchesChain(page, env.rpcUrl, wallet.address, env.contracts.tokens)
})

test('at 375 px in dark mode the wallet page fits without sideways scrolling and has no serious axe findings', async ({
  page,
  env,
  makeWallet,
}) => {
  await darkPhone(page, 812)
  const wallet = await makeWallet()
  const [long] = await deployTokens(env.rpcUrl, [
    {
      name: 'A Rather Long Token Name Here',
      symbol: 'LONGSYMBOL',
      decimals: 18,
      holders: [wallet.address],
      amountEach: '123456789.123456789',
    },
  ])
  await page.goto(env.appUrl)
  await connectThroughModal(page)
  await page.getByLabel('Token contract address').fill(long!)
  await page.getByRole('button', { name: 'Add token' }).click()
  await expect(tokenCell(page, long!)).toHaveText('123,456,789\u00a0LONGSYMBOL')
  await expect(status(page)).toHaveAttribute('data-state', 'fresh')
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
  const results = await new AxeBuilder({ page })
    .include('main')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  expect(
    results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
  ).toEqual([])
  await page.screenshot({ path: '.tmp/wallet-375-dark.png', fullPage: true })
})

test('with 50 tokens, each refresh in the browser is one HTTP request holding one eth_call with every balance', async ({
  page,
  env,
  makeWallet,
}) => {
  const wallet = await makeWallet()
  const specs = manyTokenSpecs(48, [wallet.address])
  const extra = await deployTokens(env.rpcUrl, specs)
  const tokens = [
    ...env.contracts.tokens,
    ...extra.map((address, i) => ({
      address,
      symbol: specs[i]!.symbol,
      name: specs[i]!.name,
      decimals: specs[i]!.decimals,
    })),
  ]
  expect(tokens).toHaveLength(50)
  const server = await serveApp(env, { rpcUrls: [env.rpcUrl], contracts: { ...env.contracts, tokens } })
  try {
    const rpcOrigin = new URL(env.rpcUrl).origin
    const ethCallRequests: { calls: number; others: string[]; to: string[]; data: string }[] = []
    let recording = false
    page.on('request', (request) => {
      if (!recording || request.method() !== 'POST' || new URL(request.url()).origin !== rpcOrigin) return
      const body = JSON.parse(request.postData() ?? 'null') as unknown
      const calls = (Array.isArray(body) ? body : [body]) as {
        method: string
        params: [{ to: string; data: string }]
      }[]
      const ethCalls = calls.filter((c) => c.method === 'eth_call')
      if (ethCalls.length === 0) return
      ethCallRequests.push({
        calls: ethCalls.length,
        others: calls.filter((c) => c.method !== 'eth_call').map((c) => c.method),
        to: ethCalls.map((c) => c.params[0].to.toLowerCase()),
        data: ethCalls.map((c) => c.params[0].data.toLowerCase()).join(''),
      })
    })
    await page.goto(`${server.url}/`)
    await connectThroughModal(page)
    await expect(status(page)).toHaveAttribute('data-state', 'fresh')
    await expect(tokenCell(page, extra[47]!)).toHaveAttribute(
      'data-exact',
      formatUnits(parseUnits('1047', specs[47]!.decimals), specs[47]!.decimals),
    )

    const blockShown = async () =>
      BigInt((await page.getByTestId('balances-block').textContent())?.match(/\d+/)?.[0] ?? '0')
    const first = await blockShown()
    recording = true
    await expect.poll(blockShown, { timeout: 15_000 }).toBeGreaterThanOrEqual(first + 3n)
    recording = false

    // The mechanism only; how many reads per block (and how soon after each block) is measured by
    // `npm run bench -- requests`, not here: a count against blocks depends on this machine's timing.
    expect(ethCallRequests.length).toBeGreaterThanOrEqual(3)
    for (const request of ethCallRequests) {
      expect(request.calls).toBe(1)
      // The multicall carries the block number and timestamp: no eth_blockNumber beside it. Only the in-use
      // endpoint's chain id may ride along (re-checked at most every 30 s).
      expect(request.others.filter((m) => m !== 'eth_chainId')).toEqual([])
      expect(request.to).toEqual([env.contracts.multicall3.toLowerCase()])
      for (const t of tokens) expect(request.data).toContain(t.address.slice(2).toLowerCase())
    }
  } finally {
    await server.stop()
  }
})

test('an idle Wallet page on a chain that makes no block reads it a bounded number of times (no re-subscribe loop)', async ({
  page,
  // Its own chain: it stops the miner, which would stall the other worker's tests on the shared one.
  ownEnv: env,
  makeWallet,
}) => {
  await makeWallet({ chains: { [env.chainId]: env.rpcUrl } })
  await page.goto(env.appUrl)
  await connectThroughModal(page)
  await expect(page.getByTestId('balances-status')).toHaveAttribute('data-state', 'fresh')
  const rpcOrigin = new URL(env.rpcUrl).origin
  let requests = 0
  page.on('request', (r) => {
    if (r.url().startsWith(rpcOrigin)) requests++
  })
  // No block while counting, so the count does not race the miner: the block clock looks a few times in short
  // steps, then about once per block interval (1 s here); a re-subscribe loop would send hundreds. Requests per
  // block while blocks come are measured by `npm run bench -- requests`.
  await rpc(env.rpcUrl, 'evm_setIntervalMining', [0])
  try {
    await page.waitForTimeout(1_000)
    requests = 0
    await page.waitForTimeout(6_000)
    console.log(`idle wallet page, no new block: ${requests} RPC requests in 6 s`)
    expect(requests).toBeLessThanOrEqual(6 + 4)
    await expect(page.getByTestId('balances-status')).toHaveAttribute('data-state', 'fresh')
  } finally {
    await rpc(env.rpcUrl, 'evm_setIntervalMining', [1])
  }
})

test('at phone width the connect dialog opens at its phone size and keeps it: no layout jump under a tap', async ({
  page,
  env,
  makeWallet,
}) => {
  await darkPhone(page, 740)
  await makeWallet()
  await page.goto(env.appUrl)
  // The dialog's width when it first enters the page, measured in the page itself (Playwright's own look comes later).
  await page.evaluate(() => {
    const seen = window as unknown as { firstDialogWidth?: number }
    new MutationObserver((_, observer) => {
      const box = document.querySelector('[role="dialog"] [role="document"]')
      if (!box) return
      seen.firstDialogWidth = Math.round(box.getBoundingClientRect().width)
      observer.disconnect()
    }).observe(document.body, { childList: true, subtree: true })
  })
  await page.getByRole('button', { name: 'Connect Wallet' }).first().click()
  const dialog = page.getByRole('dialog')
  await expect(dialog.getByRole('button', { name: 'Hush Test Wallet' })).toBeVisible()
  // RainbowKit measures the window 500 ms after it mounts; a size chosen before that would change here.
  await page.waitForTimeout(800)
  const widths = await page.evaluate(() => ({
    first: (window as unknown as { firstDialogWidth?: number }).firstDialogWidth,
    now: Math.round(
      document.querySelector('[role="dialog"] [role="document"]')?.getBoundingClientRect().width ?? 0,
    ),
  }))
  expect(widths.first).toBeDefined()
  expect(widths.now).toBe(widths.first)
  expect(widths.now).toBeLessThanOrEqual(375)
  await dialog.getByRole('button', { name: 'Hush Test Wallet' }).click()
  await expect(page.getByTestId('account-address')).toBeVisible()
})

test('a press on Connect that spans the swap from the static page to React still opens the wallet dialog', async ({
  page,
  env,
  makeWallet,
}) => {
  await makeWallet()
  // Hold React's chunk so the pointer goes down on the static page's button and comes up on React's.
  let release = () => {}
  const held = new Promise<void>((resolve) => {
    release = resolve
  })
  await page.route(/\/assets\/render-[^/]*\.js$/, async (route) => {
    await held
    await route.continue()
  })
  await page.goto(env.appUrl)
  const box = await page.locator('.connect button').boundingBox()
  if (!box) throw new Error('no Connect button on the static page')
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.down()
  release()
  await expect(page.getByRole('heading', { name: 'Wallet', level: 1 })).toBeVisible()
  await page.mouse.up()
  await expect(page.getByRole('dialog').getByRole('button', { name: 'Hush Test Wallet' })).toBeVisible()
})
