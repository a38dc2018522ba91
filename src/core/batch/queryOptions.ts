import { type Address, type Client, zeroAddress } from 'viem'
import { cachePolicy } from '../query/cachePolicy'
import { queryKeys } from '../query/keys'
import { simulateBatch } from './simulate'
import type { BatchCall } from './validate'

/** The whole batch simulated in order from the account (eth_simulateV1, or per call where unsupported). */
export function batchSimulationQueryOptions(
  client: Client | undefined,
  params: {
    chainId: number | undefined
    account: Address | undefined
    calls: readonly BatchCall[]
    enabled: boolean
  },
) {
  const { chainId, account, calls } = params
  return {
    queryKey: queryKeys.batchSimulation(chainId ?? 0, account ?? zeroAddress, calls),
    queryFn: () => {
      if (!client || !account) throw new Error('no account or chain')
      return simulateBatch(client, account, calls)
    },
    enabled: params.enabled && Boolean(client && account),
    ...cachePolicy.batchSimulation,
  }
}
