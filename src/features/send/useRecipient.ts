import { useQuery } from '@tanstack/react-query'
import type { Address } from 'viem'
import { usePublicClient } from 'wagmi'
import { ensAddressQueryOptions } from '../../core/ens/queryOptions'
import { classifyError } from '../../core/errors/classify'
import { addressProblem, looksLikeEnsName } from '../../core/validation/recipient'

export type RecipientState =
  | { kind: 'empty' }
  | { kind: 'invalid'; message: string }
  | { kind: 'resolving'; name: string }
  | { kind: 'valid'; address: Address; ensName?: string }

/** A typed address, or an ENS name resolved on Ethereum mainnet, with every recipient rule applied. */
export function useRecipient(input: string, tokenAddress: Address | undefined): RecipientState {
  const mainnet = usePublicClient({ chainId: 1 })
  const text = input.trim()
  const isEns = looksLikeEnsName(text)
  const ens = useQuery(ensAddressQueryOptions(mainnet, text, isEns))
  if (text === '') return { kind: 'empty' }
  if (isEns) {
    if (!mainnet)
      return {
        kind: 'invalid',
        message:
          'ENS names need Ethereum mainnet, which this deployment does not configure: paste the address.',
      }
    if (ens.isPending) return { kind: 'resolving', name: text }
    if (ens.isError)
      return { kind: 'invalid', message: `Could not resolve ${text}: ${classifyError(ens.error).message}` }
    if (!ens.data) return { kind: 'invalid', message: `${text} has no address set.` }
    const problem = addressProblem(ens.data, tokenAddress ? { tokenAddress } : {})
    return problem
      ? { kind: 'invalid', message: `${text} resolves to ${ens.data}: ${problem}` }
      : { kind: 'valid', address: ens.data, ensName: text }
  }
  const problem = addressProblem(text, tokenAddress ? { tokenAddress } : {})
  if (problem) return { kind: 'invalid', message: problem }
  return { kind: 'valid', address: text as Address }
}
