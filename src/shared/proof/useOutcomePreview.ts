import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import type { Address } from 'viem'
import { findChain } from '../../core/config/chains'
import { classifyError } from '../../core/errors/classify'
import type { PlainCall } from '../../core/proof/asked'
import { outcomePreviewQueryOptions } from '../../core/proof/queryOptions'
import { simulationSupport } from '../../core/proof/simulationSupport'
import { useRuntimeConfig } from '../context/configContext'
import { useRpcManager } from '../context/rpcContext'
import type { PreviewState } from './OutcomePreview'

/** The outcome preview of the exact calls a review is about to hand to the wallet. */
export function useOutcomePreview(
  chainId: number | undefined,
  from: Address | undefined,
  calls: readonly PlainCall[] | undefined,
  /** Gas limit × max fee per gas of the review's current fee choice; shown, and kept with the preview. */
  maxGasFee?: bigint | undefined,
): PreviewState {
  const config = useRuntimeConfig()
  const rpc = useRpcManager()
  const chain = findChain(config, chainId)
  const deps = useMemo(() => {
    if (!chain) return undefined
    try {
      return { pool: rpc.pool(chain.id), support: simulationSupport }
    } catch {
      return undefined
    }
  }, [rpc, chain])
  const knownTokens = useMemo(() => chain?.tokens ?? [], [chain])
  const options = outcomePreviewQueryOptions(deps, { chainId, from, calls, knownTokens })
  const query = useQuery(options)
  return {
    data:
      query.data && maxGasFee !== undefined ? { ...query.data, maxGasFee: maxGasFee.toString() } : query.data,
    isPending: query.isFetching || (query.isPending && options.enabled),
    error: query.error,
    errorMessage: query.error
      ? classifyError(query.error, { chainId }).message.replace(/\.$/, '')
      : undefined,
    refetch: () => void query.refetch(),
  }
}
