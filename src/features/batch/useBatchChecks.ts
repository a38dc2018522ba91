import { useQuery } from '@tanstack/react-query'
import type { Address } from 'viem'
import { useAccount, usePublicClient } from 'wagmi'
import { balanceSnapshotQueryOptions } from '../../core/balances/queryOptions'
import type { BatchAction } from '../../core/batch/actions'
import {
  balanceMapOf,
  maxEthAmountText,
  maxTokenAmountText,
  overBalanceErrors,
} from '../../core/batch/balanceChecks'
import { batchGasReserve, compareGas, gasBeforeSimulation, gasReserveNote } from '../../core/batch/gas'
import { chooseBatchPath } from '../../core/batch/path'
import { batchPathQueryOptions, batchSimulationQueryOptions } from '../../core/batch/queryOptions'
import { batchOutflows, findShortfalls, withGasReserve } from '../../core/batch/totals'
import {
  findToken,
  type ResolvedAction,
  resolveAction,
  type ValidationContext,
} from '../../core/batch/validate'
import type { PriceFeedsConfig } from '../../core/config/schema'
import { feePresetsQueryOptions } from '../../core/fees/queryOptions'
import { approvalsOf, useApprovalChecks } from './useApprovalChecks'

type Ready = Extract<ResolvedAction, { ok: true }>

/** Everything the review needs: each action resolved, the path, balances against totals, simulation and gas. */
// Over 80 lines: one hook composing the review's reads (resolution, balances, simulation, gas), which depend on each other.
export function useBatchChecks(params: {
  actions: BatchAction[]
  ctx: ValidationContext
  account: Address | undefined
  chainId: number | undefined
  native: { symbol: string; decimals: number }
  multicall3: Address | undefined
  priceFeeds: PriceFeedsConfig | undefined
  reviewing: boolean
}) {
  const { actions, ctx, account, chainId, native, multicall3, priceFeeds, reviewing } = params
  const resolved = actions.map((a) => resolveAction(a, ctx))
  const ready = resolved.filter((r): r is Ready => r.ok)
  const allValid = actions.length > 0 && ready.length === actions.length

  const { connector } = useAccount()
  // Decided within 2 s whatever the wallet does (askBatchPath); asked again when the wallet or chain changes.
  const capabilities = useQuery(
    batchPathQueryOptions({
      chainId,
      account,
      connectorUid: connector?.uid,
      walletRequest: connector
        ? async () => {
            const provider = (await connector.getProvider()) as {
              request: (args: { method: string; params?: unknown[] }) => Promise<unknown>
            }
            return (args) => provider.request(args)
          }
        : undefined,
    }),
  )
  const path =
    capabilities.data ??
    (capabilities.isError || capabilities.fetchStatus === 'idle'
      ? chooseBatchPath(undefined, capabilities.error ?? undefined)
      : undefined)

  const outflows = batchOutflows(ready, native)
  const tokenOutflows = outflows.filter((o) => o.asset !== 'native')
  const client = usePublicClient({ chainId })
  const approvals = approvalsOf(resolved)
  // Approved tokens are read too: an approval above the balance gets the unlimited-approval tick.
  const approvedTokens = approvals.flatMap((a) => (a && a.fn !== 'setApprovalForAll' ? [a.token] : []))
  // Every chosen token is read, so a token amount gets its balance check and Max before the action is complete.
  const chosenTokens = actions.flatMap((a) =>
    a.kind === 'token-transfer' ? (findToken(a.token, ctx)?.address ?? []) : [],
  )
  const tokens = [
    ...new Set([...tokenOutflows.map((o) => o.asset as Address), ...approvedTokens, ...chosenTokens]),
  ]
  // The same balances query as the Wallet and Send pages (one multicall, one cache entry per token set).
  const balanceQuery = useQuery(
    balanceSnapshotQueryOptions(client, {
      chainId,
      owner: account,
      tokens,
      multicall3,
      priceFeeds,
      refresh: 'on-mount',
    }),
  )
  const balances = balanceMapOf(balanceQuery.data)
  const balanceErrors = overBalanceErrors(actions, ctx, balances)

  const approvalChecks = useApprovalChecks({
    actions,
    approvals,
    balances,
    ctx,
    client,
    chainId,
  })

  const calls = ready.map((r) => r.call)
  const simulation = useQuery(
    batchSimulationQueryOptions(client, { chainId, account, calls, enabled: reviewing && allValid }),
  )
  const gas = simulation.data?.ok ? compareGas(simulation.data.gas) : undefined

  // Gas is kept back at the normal preset's max fee, the fee each one-by-one step is sent with (as Send's Max).
  const hasEth = actions.some((a) => a.kind === 'eth-transfer')
  const presets = useQuery({
    ...feePresetsQueryOptions(client, chainId),
    enabled: Boolean(client && chainId) && (reviewing || hasEth),
  })
  const maxFeePerGas = presets.data?.presets.normal.maxFeePerGas
  const reserveFor = (stepGas: readonly bigint[]) =>
    path && maxFeePerGas !== undefined ? batchGasReserve(path.kind, stepGas, maxFeePerGas) : undefined
  // The review's total: the simulated gas of every step. Max: that, or typical gas until the batch is simulated.
  const simulated = simulation.data?.ok && simulation.data.gas.length === actions.length
  const reviewReserve = gas && simulation.data?.ok ? reserveFor(simulation.data.gas) : undefined
  const maxReserve =
    simulated && reviewReserve ? reviewReserve : reserveFor(actions.map((a) => gasBeforeSimulation[a.kind]))
  const totals = withGasReserve(outflows, reviewReserve?.amount, native, reviewReserve?.estimate)
  const balancesLoading = balanceQuery.isPending
  const shortfalls = balancesLoading ? [] : findShortfalls(totals, balances)

  return {
    resolved,
    balanceErrors,
    balances,
    balanceTokens: tokens,
    maxText: (index: number) =>
      actions[index]?.kind === 'eth-transfer'
        ? maxEthAmountText(actions, index, ctx, balances, maxReserve?.amount)
        : maxTokenAmountText(actions, index, ctx, balances),
    maxNote: maxReserve ? gasReserveNote(maxReserve, native, actions.length, Boolean(simulated)) : undefined,
    approvalChecks,
    ready,
    allValid,
    path,
    /** The fee each one-by-one step's gas figure was made from: steps are bounded by it (useBatchRun). */
    reviewedFees: presets.data?.presets.normal,
    capabilities,
    outflows: totals,
    shortfalls,
    balancesLoading,
    simulation,
    gas,
  }
}
