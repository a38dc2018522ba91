import { useQueries } from '@tanstack/react-query'
import type { Client } from 'viem'
import type { AccountKind } from '../../core/balances/accountKind'
import { accountKindQueryOptions } from '../../core/balances/queryOptions'
import type { BatchAction } from '../../core/batch/actions'
import {
  type ApprovalCheck,
  approvalChecks,
  type DecodedApproval,
  decodeApproval,
} from '../../core/batch/approvals'
import type { ResolvedAction, ValidationContext } from '../../core/batch/validate'

/** The approval hidden in each action's call (a token approval, or a contract call decoded back), ticked or not. */
export function approvalsOf(resolved: readonly ResolvedAction[]): (DecodedApproval | undefined)[] {
  return resolved.map((r) => (r.call ? decodeApproval(r.call) : undefined))
}

/** The approval rules that need the chain: each spender's code and the account's balance of the approved token. */
export function useApprovalChecks(params: {
  actions: readonly BatchAction[]
  approvals: readonly (DecodedApproval | undefined)[]
  balances: ReadonlyMap<string, bigint | undefined>
  ctx: ValidationContext
  client: Client | undefined
  chainId: number | undefined
}): ApprovalCheck[] {
  const { actions, approvals, balances, ctx, client, chainId } = params
  const spenders = [...new Set(approvals.flatMap((a) => (a ? [a.spender.toLowerCase()] : [])))]
  // The same account-code read as the Wallet page's account kind (one cache entry per address).
  const kinds = useQueries({
    queries: spenders.map((s) => accountKindQueryOptions(client, { chainId, owner: s as `0x${string}` })),
  })
  const spenderHasCode = new Map<string, boolean | undefined>(
    spenders.map((s, i) => {
      const kind = kinds[i]?.data as AccountKind | undefined
      return [s, kind === undefined ? undefined : kind.kind !== 'plain']
    }),
  )
  return approvalChecks({ actions, approvals, balances, spenderHasCode, tokens: ctx.tokens })
}
