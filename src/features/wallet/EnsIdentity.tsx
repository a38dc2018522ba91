import { useQuery } from '@tanstack/react-query'
import type { Address } from 'viem'
import { usePublicClient } from 'wagmi'
import { ensAvatarQueryOptions, ensNameQueryOptions } from '../../core/ens/queryOptions'

const mainnetId = 1

/**
 * ENS name and avatar, mainnet only; loads lazily beside the account and never holds anything else up. The
 * avatar shows only when its record is an inline `data:` image: fetching any other would reveal the IP address.
 */
export function EnsIdentity({ address }: { address: Address }) {
  const client = usePublicClient({ chainId: mainnetId })
  const name = useQuery(ensNameQueryOptions(client, address))
  const avatar = useQuery(ensAvatarQueryOptions(client, name.data))
  return (
    <>
      <dt>ENS</dt>
      <dd data-testid="ens-name">
        {avatar.data && (
          <img
            className="ens-avatar"
            src={avatar.data}
            alt=""
            width={24}
            height={24}
            referrerPolicy="no-referrer"
          />
        )}
        {name.data ? (
          name.data
        ) : name.isError ? (
          <span className="muted">Could not look up the ENS name right now.</span>
        ) : name.isPending ? (
          <span className="muted">Looking up…</span>
        ) : (
          <span className="muted">No ENS name</span>
        )}
      </dd>
    </>
  )
}
