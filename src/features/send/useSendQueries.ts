import { useQuery } from '@tanstack/react-query'
import type { Address } from 'viem'
import { usePublicClient } from 'wagmi'
import { fetchFeePresets } from '../../core/fees/presets'
import { type Call, simulateCall } from '../../core/tx/prepare'

/** Fee presets, refreshed every 12 s so they are ready (and current) when Send is clicked. */
export function useFeePresets(chainId: number | undefined) {
  const client = usePublicClient({ chainId })
  return useQuery({
    queryKey: ['hush', 'fee-presets', chainId],
    queryFn: () => fetchFeePresets(client!),
    enabled: Boolean(client),
    refetchInterval: 12_000,
    staleTime: 6_000,
  })
}

/** Simulation + gas estimate of the exact call; computed on the review step, before the click on Send. */
export function useSimulation(
  chainId: number | undefined,
  from: Address | undefined,
  call: Call | undefined,
) {
  const client = usePublicClient({ chainId })
  return useQuery({
    queryKey: ['hush', 'send', 'simulate', chainId, from, call?.to, call?.value, call?.data],
    queryFn: () => simulateCall(client!, from!, call!),
    enabled: Boolean(client && from && call),
    staleTime: 10_000,
  })
}
