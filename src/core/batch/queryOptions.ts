import { type Address, type Client, zeroAddress } from 'viem'
import { cachePolicy } from '../query/cachePolicy'
import { queryKeys } from '../query/keys'
import { askBatchPath } from './path'
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

type WalletRequest = (args: { method: string; params?: unknown[] }) => Promise<unknown>

/** Atomic or one by one: the wallet's capabilities, decided within 2 s whatever it does (askBatchPath). */
export function batchPathQueryOptions(params: {
  chainId: number | undefined
  account: Address | undefined
  connectorUid: string | undefined
  walletRequest: (() => Promise<WalletRequest>) | undefined
}) {
  const { chainId, account, connectorUid, walletRequest } = params
  return {
    queryKey: queryKeys.batchPath(chainId ?? 0, connectorUid ?? '', account ?? zeroAddress),
    queryFn: async () => {
      if (!walletRequest || !account || !chainId) throw new Error('no wallet, account or chain')
      return askBatchPath(await walletRequest(), account, chainId)
    },
    enabled: Boolean(walletRequest && account && chainId),
    ...cachePolicy.batchPath,
  }
}
