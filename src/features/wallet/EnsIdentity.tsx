import type { Address } from 'viem'
import { useEnsAvatar, useEnsName } from 'wagmi'

const mainnetId = 1

/** ENS name and avatar, mainnet only; loads lazily beside the account and never holds anything else up. */
export function EnsIdentity({ address }: { address: Address }) {
  const name = useEnsName({ address, chainId: mainnetId })
  const avatar = useEnsAvatar({
    name: name.data ?? undefined,
    chainId: mainnetId,
    query: { enabled: Boolean(name.data) },
  })
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
