import {
  type Address,
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  getAddress,
  http,
  parseUnits,
} from 'viem'
import { devAccount, devAccountCount } from './accounts'
import { artifact, multicall3Address } from './contracts'

export type DevToken = { address: Address; symbol: string; name: string; decimals: number }

/** A devnet price feed and the asset it prices (its first answer is in demoPrices). */
export type DevPriceFeed = { asset: 'native' | Address; feed: Address; decimals: number }

export type DevnetContracts = {
  multicall3: Address
  tokens: DevToken[]
  vault: Address
  batchExecutor: Address
  /** Chainlink-style mock feeds: ETH/USD and DUSD/USD (HDT has none, so it shows no fiat value). */
  priceFeeds: DevPriceFeed[]
  /** Keeps 1% of every transfer for `feeCollector`; not in the app's token list (add it by address). */
  feeToken: DevToken & { feeCollector: Address }
}

/** The devnet's prices, 8 decimals like Chainlink's USD feeds. */
export const demoPrices = { ETH: 314_159_000_000n, DUSD: 100_000_000n } as const

export function devChain(url: string, chainId = 31337) {
  return defineChain({
    id: chainId,
    name: 'Hush Devnet',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [url] } },
    contracts: { multicall3: { address: multicall3Address } },
  })
}

export const demoTokens = [
  { name: 'Demo Dollar', symbol: 'DUSD', decimals: 6, amountEach: '1000000' },
  { name: 'Hush Demo Token', symbol: 'HDT', decimals: 18, amountEach: '5000' },
] as const

export const feeTokenSpec = {
  name: 'Fee Demo Token',
  symbol: 'FEE',
  decimals: 18,
  amountEach: '1000',
} as const
/** Where FeeToken's 1% goes: an address no dev account or test uses. */
export const feeCollector = getAddress('0x00000000000000000000000000000000000fee01')

/** Deploys the demo set with dev account 0 and funds every dev account. Idempotent per fresh chain only. */
export async function deployDevnet(url: string, chainId = 31337): Promise<DevnetContracts> {
  const chain = devChain(url, chainId)
  const deployer = devAccount(0)
  const transport = http(url)
  const publicClient = createPublicClient({ chain, transport })
  const wallet = createWalletClient({ chain, transport, account: deployer })
  const test = createTestClient({ chain, transport, mode: 'anvil' })

  await test.setCode({ address: multicall3Address, bytecode: artifact('Multicall').deployedBytecode })

  const holders = Array.from({ length: devAccountCount }, (_, i) => devAccount(i).address)
  const tokens: DevToken[] = []
  for (const t of demoTokens) {
    const address = await deploy(wallet, publicClient, 'DemoToken', [
      t.name,
      t.symbol,
      t.decimals,
      holders,
      parseUnits(t.amountEach, t.decimals),
    ])
    tokens.push({ address: getAddress(address), symbol: t.symbol, name: t.name, decimals: t.decimals })
  }
  const vault = getAddress(await deploy(wallet, publicClient, 'DemoVault', [tokens[0]!.address]))
  const batchExecutor = getAddress(await deploy(wallet, publicClient, 'BatchExecutor', []))
  const dusd = tokens.find((t) => t.symbol === 'DUSD')!
  const priceFeeds: DevPriceFeed[] = []
  for (const [asset, label, answer] of [
    ['native', 'ETH / USD', demoPrices.ETH],
    [dusd.address, 'DUSD / USD', demoPrices.DUSD],
  ] as const) {
    const feed = getAddress(await deploy(wallet, publicClient, 'MockPriceFeed', [8, label, answer]))
    priceFeeds.push({ asset, feed, decimals: 8 })
  }
  // Deployed last so the addresses above stay what they always were.
  const f = feeTokenSpec
  const feeTokenAddress = await deploy(wallet, publicClient, 'FeeToken', [
    f.name,
    f.symbol,
    f.decimals,
    feeCollector,
    holders,
    parseUnits(f.amountEach, f.decimals),
  ])
  const feeToken = {
    address: getAddress(feeTokenAddress),
    symbol: f.symbol,
    name: f.name,
    decimals: f.decimals,
    feeCollector,
  }
  return { multicall3: multicall3Address, tokens, vault, batchExecutor, priceFeeds, feeToken }
}

type Wallet = ReturnType<typeof createWalletClient>
type Public = ReturnType<typeof createPublicClient>

export async function deploy(
  wallet: Wallet,
  publicClient: Public,
  name: 'DemoToken' | 'DemoVault' | 'BatchExecutor' | 'MockPriceFeed' | 'FeeToken' | 'DemoDrip',
  args: readonly unknown[],
): Promise<Address> {
  const { abi, bytecode } = artifact(name)
  const hash = await wallet.deployContract({
    abi,
    bytecode,
    args,
    account: wallet.account!,
    chain: wallet.chain,
  })
  const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 })
  if (!receipt.contractAddress || receipt.status !== 'success') throw new Error(`deploying ${name} failed`)
  return receipt.contractAddress
}
