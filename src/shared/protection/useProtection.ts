import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useAccount } from 'wagmi'
import { findChain } from '../../core/config/chains'
import type { ChainConfig } from '../../core/config/schema'
import {
  type AddChainOutcome,
  interpretAddChainResult,
  protectAddChainParameter,
} from '../../core/protect/addToWallet'
import { detectProtection, type Eip1193Request, type ProtectionState } from '../../core/protect/detect'
import {
  type AppliedSettings,
  appliedSettings,
  recordGivenUrl,
  wasGiven,
} from '../../core/protect/givenUrlStore'
import { protectionQueryOptions } from '../../core/protect/queryOptions'
import { walletRoute } from '../../core/protect/route'
import { saveProtectSettings } from '../../core/protect/settingsStore'
import { buildProtectUrl, type ProtectSettings } from '../../core/protect/url'
import { queryKeys } from '../../core/query/keys'
import { useRuntimeConfig } from '../context/configContext'
import { useGivenUrl, useProtectSettings } from './useProtectSettings'

export type ProtectionView =
  | { kind: 'no-wallet' }
  | { kind: 'no-protect'; chainName: string }
  | { kind: 'checking' }
  | { kind: Exclude<ProtectionState, 'route-unknown'>; chain: ChainConfig }
  /** The connection's route is invisible to Hush (core/protect/route.ts): the probe is not asked. */
  | { kind: 'route-unknown'; chain: ChainConfig; reason: string }

type Connector = NonNullable<ReturnType<typeof useAccount>['connector']>

async function walletRequest(connector: Connector): Promise<Eip1193Request> {
  const provider = (await connector.getProvider()) as { request: Eip1193Request }
  return (args) => provider.request(args)
}

/** Whether the connected wallet's own RPC is Flashbots Protect, asked through the wallet's provider. */
export function useProtection(): ProtectionView & { recheck: () => void } {
  const config = useRuntimeConfig()
  const { connector, chainId, isConnected } = useAccount()
  const chain = findChain(config, chainId)
  const route = walletRoute(connector)
  const enabled = Boolean(isConnected && connector && chain?.protect && route.kind === 'seen')
  const query = useQuery(
    protectionQueryOptions({
      chainId,
      connectorUid: connector?.uid,
      walletRequest: connector ? () => walletRequest(connector) : undefined,
      enabled,
    }),
  )
  const recheck = () => void query.refetch()
  if (!isConnected || !connector) return { kind: 'no-wallet', recheck }
  if (!chain?.protect) return { kind: 'no-protect', chainName: chain?.name ?? `chain ${chainId}`, recheck }
  if (route.kind === 'unknown') return { kind: 'route-unknown', chain, reason: route.reason, recheck }
  if (!query.data) return { kind: 'checking', recheck }
  return { kind: query.data, chain, recheck }
}

/**
 * The Protect URL the saved settings make for the connected chain, and whether Hush gave the wallet that URL,
 * an older one, or none it knows of. Says nothing about whether the wallet is Protected: see useProtection.
 */
export function useAppliedSettings(chain: ChainConfig | undefined): {
  protectUrl: string | undefined
  applied: AppliedSettings
} {
  const { connector } = useAccount()
  const settings = useProtectSettings()
  const given = useGivenUrl(connector?.id, chain?.id)
  const protectUrl = chain?.protect ? buildProtectUrl(chain.protect.rpcUrl, settings) : undefined
  return { protectUrl, applied: protectUrl ? appliedSettings(given, protectUrl) : 'unrecorded' }
}

export type ProtectWalletResult = {
  outcome: AddChainOutcome
  after: ProtectionState | undefined
  error?: unknown
}

/**
 * "Protect this wallet" and "Apply new settings to your wallet": wallet_addEthereumChain with the Protect URL
 * from Settings, then the detection call again. The wallet's reply is never taken as proof; 4001 ends quietly
 * without a re-check. Only an accepted request followed by a Protected answer records the URL as given.
 */
export function useProtectWallet(chain: ChainConfig | undefined) {
  const { connector, chainId } = useAccount()
  const settings = useProtectSettings()
  const queryClient = useQueryClient()
  const protectUrl = chain?.protect ? buildProtectUrl(chain.protect.rpcUrl, settings) : undefined
  const mutation = useMutation({
    /** `next`: settings to save and give the wallet in the same action (a preset picked where it is applied). */
    mutationFn: async (next?: ProtectSettings): Promise<ProtectWalletResult> => {
      if (!connector || !chain?.protect || !protectUrl)
        throw new Error('No wallet or no Protect endpoint for this chain')
      if (next) saveProtectSettings(next)
      const url = next ? buildProtectUrl(chain.protect.rpcUrl, next) : protectUrl
      const request = await walletRequest(connector)
      let error: unknown
      try {
        await request({
          method: 'wallet_addEthereumChain',
          params: [protectAddChainParameter(chain, url)],
        })
      } catch (e) {
        error = e
      }
      const outcome = interpretAddChainResult(error)
      if (outcome === 'declined') return { outcome, after: undefined }
      const after = await detectProtection(request)
      if (wasGiven(outcome, after)) recordGivenUrl(connector.id, chain.id, url)
      // Other views of the same wallet (another connector, another chain) must not keep the old answer: they are
      // marked stale and re-ask when next shown; this one takes the answer just read.
      await queryClient.invalidateQueries({ queryKey: queryKeys.allProtection(), refetchType: 'none' })
      queryClient.setQueryData(queryKeys.protection(chainId ?? 0, connector.uid), after)
      return { outcome, after, error }
    },
  })
  return { ...mutation, protectUrl }
}
