import { type Chain, defineChain } from 'viem'
import type { ChainConfig, RuntimeConfig } from './schema'

export function toViemChain(chain: ChainConfig): Chain {
  return defineChain({
    id: chain.id,
    name: chain.name,
    nativeCurrency: chain.nativeCurrency,
    rpcUrls: { default: { http: chain.rpc.map((r) => r.url), webSocket: chain.ws } },
    blockExplorers: chain.explorer ? { default: { name: 'Explorer', url: chain.explorer } } : undefined,
    contracts: chain.multicall3 ? { multicall3: { address: chain.multicall3 } } : undefined,
    testnet: chain.testnet,
  })
}

export function findChain(config: RuntimeConfig, chainId: number | undefined): ChainConfig | undefined {
  return config.chains.find((c) => c.id === chainId)
}

export function explorerAddressUrl(chain: ChainConfig | undefined, address: string): string | undefined {
  return chain?.explorer ? `${chain.explorer.replace(/\/$/, '')}/address/${address}` : undefined
}

export function explorerTxUrl(chain: ChainConfig | undefined, hash: string): string | undefined {
  return chain?.explorer ? `${chain.explorer.replace(/\/$/, '')}/tx/${hash}` : undefined
}
