import { type Address, type PublicClient, zeroAddress } from 'viem'
import { cachePolicy } from '../../query/cachePolicy'
import { queryKeys } from '../../query/keys'
import { type Call, simulateCall } from './prepare'

/** Simulation and gas estimate of the exact call from `from`, before the click on Send. */
export function simulationQueryOptions(
  client: Pick<PublicClient, 'call' | 'estimateGas'> | undefined,
  params: { chainId: number | undefined; from: Address | undefined; call: Call | undefined },
) {
  const { chainId, from, call } = params
  return {
    queryKey: queryKeys.simulation(chainId ?? 0, from ?? zeroAddress, call ?? { to: zeroAddress, value: 0n }),
    queryFn: () => {
      if (!client || !from || !call) throw new Error('nothing to simulate')
      return simulateCall(client, from, call)
    },
    enabled: Boolean(client && from && call),
    ...cachePolicy.simulation,
  }
}
