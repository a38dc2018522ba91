import { parseRuntimeConfig } from '../../../src/core/config/load'
import type { ChainConfig } from '../../../src/core/config/schema'

/** The app's runtime config with one chain, local 31337 ("Local", ETH), and the endpoints in `chain`. */
export function localRuntimeConfig(chain: Record<string, unknown>) {
  return parseRuntimeConfig({
    defaultChainId: 31337,
    replaceDefaultChains: true,
    chains: [
      { id: 31337, name: 'Local', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, ...chain },
    ],
  })
}

/** Ethereum as a chain of the config: one endpoint (https://eth.example) and Flashbots Protect, unless overridden. */
export function mainnetChain(overrides: Partial<ChainConfig> = {}): ChainConfig {
  return {
    id: 1,
    name: 'Ethereum',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpc: [{ url: 'https://eth.example', batch: false }],
    protect: { rpcUrl: 'https://rpc.flashbots.net/fast', statusUrl: 'https://protect.flashbots.net/tx/' },
    ...overrides,
  }
}
