import { cachePolicy } from '../query/cachePolicy'
import { queryKeys } from '../query/keys'
import { detectProtection, type Eip1193Request } from './detect'

/** Whether the wallet's own RPC is Flashbots Protect, asked through the wallet's provider (not our RPC). */
export function protectionQueryOptions(params: {
  chainId: number | undefined
  connectorUid: string | undefined
  walletRequest: (() => Promise<Eip1193Request>) | undefined
  enabled: boolean
}) {
  const { walletRequest } = params
  return {
    queryKey: queryKeys.protection(params.chainId ?? 0, params.connectorUid ?? ''),
    queryFn: async () =>
      walletRequest ? await detectProtection(await walletRequest()) : ('unknown' as const),
    enabled: params.enabled,
    ...cachePolicy.protection,
  }
}
