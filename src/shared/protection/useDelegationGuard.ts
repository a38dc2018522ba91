import { useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { type Address, zeroAddress } from 'viem'
import { useClient } from 'wagmi'
import { readAccountKind } from '../../core/balances/accountKind'
import { type DelegationChange, noteDelegation } from '../../core/balances/seenDelegation'
import { findChain } from '../../core/config/chains'
import { queryKeys } from '../../core/query/keys'
import { type Delegation, judgeDelegate } from '../../core/tx/send/delegationGuard'
import { useRuntimeConfig } from '../context/configContext'

export type DelegationGuardState = {
  from: Address | undefined
  /** Undefined while the code is read (or when the read failed: the pipeline reads it again anyway). */
  delegation: Delegation | undefined
  readFailed: boolean
  /** A plain account (no code): an atomic batch would make the wallet offer to delegate it. */
  plain: boolean
  change: DelegationChange | undefined
  /** The unknown delegate the user ticked: goes into the intent as `acceptedDelegate`. */
  accepted: Address | undefined
  setAccepted: (delegate: Address | undefined) => void
  /** An unknown delegate and no tick for it: the review's send stays blocked (and the pipeline refuses). */
  needsTick: boolean
}

/**
 * The sender's EIP-7702 delegation for a review, read fresh (the Wallet page's cached account kind may be old),
 * judged against the chain's known delegates, and compared with the last visit.
 */
export function useDelegationGuard(
  chainId: number | undefined,
  from: Address | undefined,
): DelegationGuardState {
  const config = useRuntimeConfig()
  const client = useClient({ chainId })
  const known = findChain(config, chainId)?.knownDelegates ?? []
  const query = useQuery({
    queryKey: queryKeys.reviewAccountCode(chainId ?? 0, from ?? zeroAddress),
    queryFn: () => {
      if (!client || !from) throw new Error('no account or chain')
      return readAccountKind(client, from)
    },
    enabled: Boolean(client && from && chainId !== undefined),
    staleTime: 0,
    gcTime: 0,
  })
  const kind = query.data
  const delegate = kind?.kind === 'delegated' ? kind.delegate : undefined
  const [change, setChange] = useState<DelegationChange | undefined>()
  useEffect(() => {
    if (!kind || chainId === undefined || !from) return
    const found = noteDelegation(chainId, from, delegate)
    if (found) setChange(found)
  }, [kind, delegate, chainId, from])
  const [accepted, setAccepted] = useState<Address | undefined>()
  const delegation = kind ? judgeDelegate(delegate, known) : undefined
  const needsTick = delegation?.kind === 'unknown' && accepted !== delegation.delegate
  return {
    from,
    delegation,
    readFailed: query.isError,
    plain: kind?.kind === 'plain',
    change,
    accepted,
    setAccepted,
    needsTick,
  }
}
