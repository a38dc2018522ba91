import { type Address, createPublicClient, createWalletClient, getAddress, http } from 'viem'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { readBalances } from '../../../src/core/balances/readBalances'
import type { PriceFeedsConfig } from '../../../src/core/config/schema'
import { fiatValue } from '../../../src/core/prices/feeds'
import { devAccount } from '../../../tools/devnet/accounts'
import { artifact } from '../../../tools/devnet/contracts'
import { demoPrices, deploy, devChain } from '../../../tools/devnet/deploy'
import { type FaultProxy, startFaultProxy } from '../../harness/faultProxy'

const devnet = inject('devnet')
const owner = devAccount(12).address
const [dusd, hdt] = devnet.contracts.tokens
let proxy: FaultProxy

const chain = devChain(devnet.url, devnet.chainId)
const publicClient = createPublicClient({ chain, transport: http(devnet.url) })
const deployer = createWalletClient({ chain, transport: http(devnet.url), account: devAccount(0) })

/** A separate feed per test, so the shared devnet feeds are never changed. */
async function ownFeed(answer: bigint): Promise<Address> {
  return getAddress(await deploy(deployer, publicClient, 'MockPriceFeed', [8, 'TEST / USD', answer]))
}
async function setAnswerAt(feed: Address, answer: bigint, updatedAt: bigint) {
  const hash = await deployer.writeContract({
    address: feed,
    abi: artifact('MockPriceFeed').abi,
    functionName: 'setAnswerAt',
    args: [answer, updatedAt],
    account: devAccount(0),
    chain,
  })
  await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 })
}

const devnetFeeds: PriceFeedsConfig = {
  currency: 'USD',
  feeds: devnet.contracts.priceFeeds.map((f) => ({ asset: f.asset, feed: f.feed, maxAgeSeconds: 90_000 })),
}

beforeAll(async () => {
  proxy = await startFaultProxy({ upstream: devnet.url })
})
afterAll(async () => {
  await proxy?.stop()
})

describe('fiat prices from on-chain feeds', () => {
  it('ride in the same single eth_call as the balances; an asset without a feed has no price', async () => {
    const client = createPublicClient({ transport: http(proxy.url, { batch: true }) })
    proxy.resetStats()
    const snapshot = await readBalances(client, {
      chainId: devnet.chainId,
      owner,
      tokens: [dusd!.address, hdt!.address],
      multicall3: devnet.contracts.multicall3,
      priceFeeds: devnetFeeds,
    })
    expect(proxy.stats.httpRequests).toBe(1)
    expect(proxy.stats.byMethod).toEqual({ eth_call: 1 })
    expect(snapshot.prices?.currency).toBe('USD')
    expect(snapshot.prices?.byAsset.native?.answer).toBe(demoPrices.ETH)
    expect(snapshot.prices?.byAsset[dusd!.address.toLowerCase()]?.answer).toBe(demoPrices.DUSD)
    expect(snapshot.prices?.byAsset[hdt!.address.toLowerCase()]).toBeUndefined()
    // 1,000,000 DUSD at $1.00 is exactly $1,000,000 (value scaled by 10^(6 + 8)).
    const dusdRead = snapshot.tokens[dusd!.address]
    expect(dusdRead?.status).toBe('ok')
    const price = snapshot.prices!.byAsset[dusd!.address.toLowerCase()]!
    const usd = fiatValue(dusdRead?.status === 'ok' ? dusdRead.value : 0n, 6, price)
    expect(usd.value / 10n ** BigInt(usd.decimals)).toBe(1_000_000n)
  })

  it('a stale, zero, negative, future or unreachable answer gives no price, and the balances still read', async () => {
    const head = await publicClient.getBlock()
    const now = head.timestamp
    const stale = await ownFeed(100n)
    await setAnswerAt(stale, 100n, now - 3_601n)
    const zero = await ownFeed(0n)
    const negative = await ownFeed(-5n)
    const future = await ownFeed(100n)
    await setAnswerAt(future, 100n, now + 3_600n)
    const fresh = await ownFeed(123n)
    const noCode = '0x000000000000000000000000000000000000dEaD'
    const assets = [stale, zero, negative, future, noCode, fresh].map((_, i) =>
      getAddress(`0x${(i + 1).toString(16).padStart(40, '0')}`),
    )
    const feeds: PriceFeedsConfig = {
      currency: 'USD',
      feeds: [stale, zero, negative, future, noCode, fresh].map((feed, i) => ({
        asset: assets[i]!,
        feed: getAddress(feed),
        maxAgeSeconds: 3_600,
      })),
    }
    const snapshot = await readBalances(publicClient, {
      chainId: devnet.chainId,
      owner,
      tokens: [dusd!.address],
      multicall3: devnet.contracts.multicall3,
      priceFeeds: feeds,
    })
    expect(Object.keys(snapshot.prices?.byAsset ?? {})).toEqual([assets[5]!.toLowerCase()])
    expect(snapshot.tokens[dusd!.address]?.status).toBe('ok')
    expect(snapshot.native).toBeGreaterThan(0n)
  })

  it('without feeds nothing extra is read', async () => {
    const client = createPublicClient({ transport: http(proxy.url) })
    const snapshot = await readBalances(client, {
      chainId: devnet.chainId,
      owner,
      tokens: [dusd!.address],
      multicall3: devnet.contracts.multicall3,
    })
    expect(snapshot.prices).toBeUndefined()
  })
})
