import type { Client, PublicClient } from 'viem'
import { estimateFeesPerGas } from 'viem/actions'
import { cachePolicy } from '../query/cachePolicy'
import { queryKeys } from '../query/keys'
import { fetchFeePresets } from './presets'

/** slow / normal / fast fee presets of a chain (eth_feeHistory). */
export function feePresetsQueryOptions(
  client: Pick<PublicClient, 'getFeeHistory'> | undefined,
  chainId: number | undefined,
) {
  return {
    queryKey: queryKeys.feePresets(chainId ?? 0),
    queryFn: () => {
      if (!client) throw new Error(`chain ${chainId} has no client`)
      return fetchFeePresets(client)
    },
    enabled: Boolean(client),
    ...cachePolicy.feePresets,
  }
}

/** viem's EIP-1559 fee estimate for a chain (what wagmi's useEstimateFeesPerGas reads). */
export function feesPerGasQueryOptions(
  client: Client | undefined,
  chainId: number | undefined,
  enabled = true,
) {
  return {
    queryKey: queryKeys.feesPerGas(chainId ?? 0),
    queryFn: () => {
      if (!client) throw new Error(`chain ${chainId} has no client`)
      return estimateFeesPerGas(client, { chain: client.chain })
    },
    enabled: enabled && Boolean(client),
    ...cachePolicy.feesPerGas,
  }
}
