import type { RuntimeConfig } from './schema'

const ether = { name: 'Ether', symbol: 'ETH', decimals: 18 }

/** Built-in chains. A deployer's config.json is merged over these (see merge.ts). */
export const defaultConfig: RuntimeConfig = {
  defaultChainId: 1,
  chains: [
    {
      id: 1,
      name: 'Ethereum',
      nativeCurrency: ether,
      rpc: [
        { url: 'https://ethereum-rpc.publicnode.com', batch: true, label: 'PublicNode' },
        { url: 'https://eth.llamarpc.com', batch: true, label: 'LlamaRPC' },
        { url: 'https://eth.drpc.org', batch: false, label: 'dRPC' },
        { url: 'https://cloudflare-eth.com', batch: false, label: 'Cloudflare' },
      ],
      ws: ['wss://ethereum-rpc.publicnode.com'],
      protect: { rpcUrl: 'https://rpc.flashbots.net/fast', statusUrl: 'https://protect.flashbots.net/tx/' },
      explorer: 'https://etherscan.io',
      multicall3: '0xcA11bde05977b3631167028862bE2a173976CA11',
      tokens: [
        {
          address: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48',
          symbol: 'USDC',
          name: 'USD Coin',
          decimals: 6,
        },
        {
          address: '0xdAC17F958D2ee523a2206206994597C13D831ec7',
          symbol: 'USDT',
          name: 'Tether USD',
          decimals: 6,
        },
        {
          address: '0x6B175474E89094C44Da98b954EedeAC495271d0F',
          symbol: 'DAI',
          name: 'Dai Stablecoin',
          decimals: 18,
        },
        {
          address: '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2',
          symbol: 'WETH',
          name: 'Wrapped Ether',
          decimals: 18,
        },
      ],
      // Chainlink's mainnet feeds (docs.chain.link/data-feeds/price-feeds/addresses); WETH is priced as ETH.
      priceFeeds: {
        currency: 'USD',
        feeds: [
          { asset: 'native', feed: '0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419', maxAgeSeconds: 7_200 },
          {
            asset: '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2',
            feed: '0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419',
            maxAgeSeconds: 7_200,
          },
          {
            asset: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48',
            feed: '0x8fFfFfd4AfB6115b954Bd326cbe7B4BA576818f6',
            maxAgeSeconds: 90_000,
          },
          {
            asset: '0xdAC17F958D2ee523a2206206994597C13D831ec7',
            feed: '0x3E7d1eAB13ad0104d2750B8863b489D65364e32D',
            maxAgeSeconds: 90_000,
          },
          {
            asset: '0x6B175474E89094C44Da98b954EedeAC495271d0F',
            feed: '0xAed0c38402a5d19df6E4c03F4E2DceD6e29c1ee9',
            maxAgeSeconds: 7_200,
          },
        ],
      },
    },
    {
      id: 11155111,
      name: 'Sepolia',
      nativeCurrency: { name: 'Sepolia Ether', symbol: 'ETH', decimals: 18 },
      rpc: [
        { url: 'https://ethereum-sepolia-rpc.publicnode.com', batch: true, label: 'PublicNode' },
        { url: 'https://sepolia.drpc.org', batch: false, label: 'dRPC' },
        { url: 'https://rpc.sepolia.org', batch: false, label: 'sepolia.org' },
      ],
      ws: ['wss://ethereum-sepolia-rpc.publicnode.com'],
      protect: {
        rpcUrl: 'https://rpc-sepolia.flashbots.net/',
        statusUrl: 'https://protect-sepolia.flashbots.net/tx/',
      },
      explorer: 'https://sepolia.etherscan.io',
      multicall3: '0xcA11bde05977b3631167028862bE2a173976CA11',
      tokens: [],
      testnet: true,
    },
  ],
}
