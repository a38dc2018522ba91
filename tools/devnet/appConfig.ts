import type { DevnetContracts } from './deploy'

export type DevnetAppConfigInput = {
  chainId: number
  rpcUrls: string[]
  wsUrls?: string[]
  protect?: { rpcUrl: string; statusUrl: string } | null
  contracts: DevnetContracts
}

/** The config.json the app gets on the devnet: only the local chain, its demo tokens and local services. */
export function devnetAppConfig(input: DevnetAppConfigInput) {
  return {
    defaultChainId: input.chainId,
    replaceDefaultChains: true,
    chains: [
      {
        id: input.chainId,
        name: 'Hush Devnet',
        nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
        rpc: input.rpcUrls.map((url, i) => ({ url, batch: true, label: `Local node ${i + 1}` })),
        ws: input.wsUrls,
        protect: input.protect ?? null,
        multicall3: input.contracts.multicall3,
        tokens: input.contracts.tokens,
        priceFeeds: {
          currency: 'USD',
          feeds: input.contracts.priceFeeds.map((f) => ({ asset: f.asset, feed: f.feed })),
        },
        testnet: true,
        // The wallets used on the devnet (the test wallet, as MetaMask does) delegate to BatchExecutor for atomic
        // batches: the devnet vouches for it, so only other delegates get the review's warning.
        knownDelegates: [input.contracts.batchExecutor],
      },
    ],
  }
}
