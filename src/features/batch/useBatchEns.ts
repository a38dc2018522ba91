import { useQueries } from '@tanstack/react-query'
import type { Address } from 'viem'
import { usePublicClient } from 'wagmi'
import type { BatchAction } from '../../core/batch/actions'
import { ensAddressQueryOptions } from '../../core/ens/queryOptions'
import { classifyError } from '../../core/errors/classify'
import { looksLikeEnsName } from '../../core/validation/recipient'

/** A typed ENS name, as the Send form treats one: resolved on Ethereum mainnet, or why it cannot be used. */
export type EnsField =
  | { kind: 'resolving'; name: string }
  | { kind: 'resolved'; name: string; address: Address }
  | { kind: 'problem'; name: string; message: string }

const addressFields = ['to', 'spender'] as const
type AddressField = (typeof addressFields)[number]

const fieldText = (action: BatchAction, field: AddressField): string | undefined =>
  (action as Partial<Record<AddressField, string>>)[field]?.trim()

/**
 * The batch's address fields accept ENS names like Send's recipient. Returns the actions with every resolved
 * name replaced by its address (what the checks, the review and the wallet see) and, per action, the state of
 * each field that holds a name (what the editor shows under the field).
 */
export function useBatchEns(actions: BatchAction[]) {
  const mainnet = usePublicClient({ chainId: 1 })
  const names = [
    ...new Set(
      actions.flatMap((a) =>
        addressFields.map((f) => fieldText(a, f)).filter((t): t is string => !!t && looksLikeEnsName(t)),
      ),
    ),
  ]
  const results = useQueries({ queries: names.map((name) => ensAddressQueryOptions(mainnet, name)) })
  const stateOf = (name: string): EnsField => {
    if (!mainnet)
      return {
        kind: 'problem',
        name,
        message:
          'ENS names need Ethereum mainnet, which this deployment does not configure: paste the address.',
      }
    const q = results[names.indexOf(name)]
    if (!q || q.isPending) return { kind: 'resolving', name }
    if (q.isError)
      return {
        kind: 'problem',
        name,
        message: `Could not resolve ${name}: ${classifyError(q.error).message}`,
      }
    if (!q.data) return { kind: 'problem', name, message: `${name} has no address set.` }
    return { kind: 'resolved', name, address: q.data }
  }
  return withEnsAddresses(actions, stateOf)
}

/**
 * Per action, the state of each address field that holds a name; and the actions with every resolved name
 * replaced by its address. A name not resolved stays as typed, so the checks refuse it.
 */
export function withEnsAddresses(actions: BatchAction[], stateOf: (name: string) => EnsField) {
  const fields = actions.map((a) => {
    const found: Partial<Record<AddressField, EnsField>> = {}
    for (const f of addressFields) {
      const text = fieldText(a, f)
      if (text && looksLikeEnsName(text)) found[f] = stateOf(text)
    }
    return found
  })
  const resolved = actions.map((a, i): BatchAction => {
    const patch: Partial<Record<AddressField, string>> = {}
    for (const [f, state] of Object.entries(fields[i] ?? {}))
      if (state.kind === 'resolved') patch[f as AddressField] = state.address
    return Object.keys(patch).length > 0 ? ({ ...a, ...patch } as BatchAction) : a
  })
  return { actions: resolved, fields }
}
