import { useQuery } from '@tanstack/react-query'
import type { Address } from 'viem'
import { usePublicClient } from 'wagmi'
import { feePresetsQueryOptions } from '../../core/fees/queryOptions'
import type { Call } from '../../core/tx/send/prepare'
import { simulationQueryOptions } from '../../core/tx/send/queryOptions'

/** Fee presets, refreshed on a timer so they are ready (and current) when Send is clicked. */
export function useFeePresets(chainId: number | undefined) {
  return useQuery(feePresetsQueryOptions(usePublicClient({ chainId }), chainId))
}

/** Simulation + gas estimate of the exact call; computed on the review step, before the click on Send. */
export function useSimulation(
  chainId: number | undefined,
  from: Address | undefined,
  call: Call | undefined,
) {
  return useQuery(simulationQueryOptions(usePublicClient({ chainId }), { chainId, from, call }))
}
