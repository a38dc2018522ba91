import { createPublicClient, createWalletClient, http, parseEther, parseUnits } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { formatFiat } from '../../src/core/format/amount'
import { devAccount } from '../../tools/devnet/accounts'
import { artifact } from '../../tools/devnet/contracts'
import { demoPrices, devChain } from '../../tools/devnet/deploy'
import { connectThroughModal, expect, test } from './fixtures'

/** What <FiatAmount> shows for amount × answer (8-decimal feed), en-US. */
const usd = (amount: bigint, decimals: number, answer: bigint) =>
  `≈\u00a0${formatFiat(amount * answer, decimals + 8, 'USD', 'en-US').display}`

test('fiat values come from the devnet price feeds: Wallet, Send review and Activity; none where no feed exists; a new answer on chain shows up', async ({
  page,
  // Its own chain: it moves the ETH/USD feed, which the other worker's tests show (fees.spec's dollar figure).
  ownEnv: env,
  makeWallet,
}) => {
  const wallet = await makeWallet({ chains: { [env.chainId]: env.protectRpcUrl } })
  const client = createPublicClient({ transport: http(env.rpcUrl) })
  const [dusd, hdt] = env.contracts.tokens
  const ethFeed = env.contracts.priceFeeds.find((f) => f.asset === 'native')!
  await page.goto(env.appUrl)
  await connectThroughModal(page)

  const eth = await client.getBalance({ address: wallet.address })
  await expect(page.getByTestId('fiat-native')).toHaveText(usd(eth, 18, demoPrices.ETH))
  await expect(page.getByTestId(`fiat-${dusd!.address}`)).toHaveText('≈\u00a0$1,000,000.00')
  await expect(page.getByTestId(`token-balance-${hdt!.address}`)).toBeVisible()
  await expect(page.getByTestId(`fiat-${hdt!.address}`)).toHaveCount(0)

  // The Send review states the amount's value, and Activity the record's.
  const to = privateKeyToAccount(generatePrivateKey()).address
  await page.goto(`${env.appUrl}#/send?to=${to}&amount=0.5&token=ETH`)
  await page.getByRole('button', { name: 'Review' }).click()
  await expect(page.getByTestId('review-fiat')).toHaveText(usd(parseEther('0.5'), 18, demoPrices.ETH))
  await expect(page.getByTestId('review-fiat')).toHaveText('≈\u00a0$1,570.79') // 1,570.795, cut toward zero
  await expect(page.getByTestId('simulation')).toContainText('Simulation succeeded')
  await page.getByTestId('send-button').click()
  await expect(page.getByTestId('tx-status')).toContainText('Included', { timeout: 30_000 })
  await page.goto(`${env.appUrl}#/activity`)
  await expect(page.getByTestId('tx-fiat').first()).toHaveText('≈\u00a0$1,570.79')

  // A token without a feed: its review shows no fiat value.
  await page.goto(`${env.appUrl}#/send?to=${to}&amount=1&token=HDT`)
  await page.getByRole('button', { name: 'Review' }).click()
  await expect(page.getByTestId('review-amount')).toHaveText('1\u00a0HDT')
  await expect(page.getByTestId('review-fiat')).toHaveCount(0)

  // A new answer on the chain: the Wallet shows it with the next refresh (the devnet price is restored after).
  const deployer = createWalletClient({
    chain: devChain(env.rpcUrl),
    transport: http(env.rpcUrl),
    account: devAccount(0),
  })
  const setPrice = async (answer: bigint) => {
    const hash = await deployer.writeContract({
      address: ethFeed.feed,
      abi: artifact('MockPriceFeed').abi,
      functionName: 'setAnswer',
      args: [answer],
    })
    await client.waitForTransactionReceipt({ hash, pollingInterval: 100 })
  }
  try {
    await setPrice(parseUnits('2000', 8))
    await page.goto(`${env.appUrl}#/wallet`)
    const now = await client.getBalance({ address: wallet.address })
    await expect(page.getByTestId('fiat-native')).toHaveText(usd(now, 18, parseUnits('2000', 8)))
  } finally {
    await setPrice(demoPrices.ETH)
  }
})

test('no fiat value beside a stale balance: a failed refresh hides it, and a reload shows none until a fresh read', async ({
  page,
  env,
  connected: _wallet,
}) => {
  const dusd = env.contracts.tokens[0]!
  const status = page.getByTestId('balances-status')
  await expect(status).toHaveAttribute('data-state', 'fresh')
  await expect(page.getByTestId('fiat-native')).toBeVisible()
  await expect(page.getByTestId(`fiat-${dusd.address}`)).toHaveText('≈\u00a0$1,000,000.00')

  // Every read fails: the balances stay, marked stale; their fiat values go (the price may be as old).
  const origin = new URL(env.rpcUrl).origin
  const matcher = (url: URL) => url.origin === origin
  await page.route(matcher, (route) => route.abort('connectionrefused'))
  await expect(status).toHaveAttribute('data-state', 'stale')
  await expect(page.getByTestId('eth-balance')).toBeVisible()
  await expect(page.getByTestId('fiat-native')).toHaveCount(0)
  await expect(page.getByTestId(`fiat-${dusd.address}`)).toHaveCount(0)

  // A reload while reads hang: cached balances, no fiat value; it returns with the first fresh read.
  await page.unroute(matcher)
  await expect(status).toHaveAttribute('data-state', 'fresh')
  let release: () => void = () => undefined
  const gate = new Promise<void>((resolve) => {
    release = resolve
  })
  await page.route(matcher, async (route) => {
    await gate
    await route.continue().catch(() => undefined)
  })
  await page.reload()
  await expect(page.getByTestId('account-address')).toBeVisible()
  await expect(status).toHaveAttribute('data-state', 'cached')
  await expect(page.getByTestId('fiat-native')).toHaveCount(0)
  release()
  await page.unroute(matcher)
  await expect(status).toHaveAttribute('data-state', 'fresh')
  await expect(page.getByTestId(`fiat-${dusd.address}`)).toHaveText('≈\u00a0$1,000,000.00')
})
