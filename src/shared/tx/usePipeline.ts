import { useCallback } from 'react'
import { useAccount, usePublicClient } from 'wagmi'
import { findChain } from '../../core/config/chains'
import type { Eip1193Request } from '../../core/protect/detect'
import { walletRoute } from '../../core/protect/route'
import { recordStore } from '../../core/tx/records/records'
import type { PipelineDeps, PipelineProgress } from '../../core/tx/send/pipeline'
import { tabLocks } from '../../core/tx/send/tabLocks'
import { useRuntimeConfig } from '../context/configContext'

/**
 * What the send pipeline needs on `chainId`: the connected wallet's own provider (so every request, the Protect
 * probe included, reaches the wallet), the app's read endpoints, the shared Activity store and the tab locks.
 */
export function usePipeline(chainId: number | undefined) {
  const config = useRuntimeConfig()
  const { connector, address } = useAccount()
  const reader = usePublicClient({ chainId })
  const chain = findChain(config, chainId)
  const ready = Boolean(connector && reader && chain && address)
  const deps = useCallback(
    async (onProgress?: (step: PipelineProgress) => void): Promise<PipelineDeps> => {
      if (!connector || !reader || !chain) throw new Error('Connect a wallet on a supported chain first.')
      const provider = (await connector.getProvider()) as { request: Eip1193Request }
      return {
        wallet: (args) => provider.request(args),
        reader,
        store: recordStore(),
        locks: tabLocks(),
        chainHasProtect: Boolean(chain.protect),
        route: walletRoute(connector),
        knownDelegates: chain.knownDelegates ?? [],
        ...(onProgress ? { onProgress } : {}),
      }
    },
    [connector, reader, chain],
  )
  return { ready, deps, reader, chain }
}

/** What the user sees while the pipeline works before the wallet answers. */
export const progressText: Record<PipelineProgress, string> = {
  'checking-protection': 'Checking that your wallet sends through Flashbots Protect…',
  'waiting-for-other-tab':
    'Waiting for another Hush tab that is sending from this account; this one goes next.',
  'waiting-for-wallet': 'Waiting for your wallet to confirm…',
}
