import { parseRuntimeConfig } from '../../../src/core/config/load'

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
