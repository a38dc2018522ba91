import type { Address } from 'viem'
import { explorerAddressUrl } from '../../core/config/chains'
import type { ChainConfig } from '../../core/config/schema'
import { classifyError } from '../../core/errors/classify'
import { CopyButton } from '../../shared/ui/CopyButton'
import { ExternalLink } from '../../shared/ui/ExternalLink'
import { EnsIdentity } from './EnsIdentity'
import { useAccountKind } from './useAccountKind'

const mainnetId = 1

export function AccountBox(props: {
  chain: ChainConfig | undefined
  chainId: number | undefined
  address: Address
}) {
  const { chain, chainId, address } = props
  const explorer = explorerAddressUrl(chain, address)
  return (
    <dl className="facts wallet-account">
      <dt>Account</dt>
      <dd>
        <code data-testid="account-address" className="wallet-address">
          {address}
        </code>{' '}
        <CopyButton text={address} label="Copy address" />{' '}
        {explorer && <ExternalLink href={explorer}>View on explorer</ExternalLink>}
      </dd>
      {chainId === mainnetId && <EnsIdentity address={address} />}
      <dt>Chain</dt>
      <dd data-testid="account-chain">
        {chain ? `${chain.name} (${chain.id})` : `unsupported chain ${chainId}`}
      </dd>
      <dt>Account type</dt>
      <dd data-testid="account-kind">{chain ? <AccountKindText chain={chain} address={address} /> : '—'}</dd>
    </dl>
  )
}

function AccountKindText({ chain, address }: { chain: ChainConfig; address: Address }) {
  const kind = useAccountKind(chain.id, address)
  if (kind.data?.kind === 'plain') return <>Plain account (no code)</>
  if (kind.data?.kind === 'contract') return <>Smart account (contract code, {kind.data.codeSize} bytes)</>
  if (kind.data?.kind === 'delegated') {
    const url = explorerAddressUrl(chain, kind.data.delegate)
    return (
      <>
        EIP-7702 delegated account, delegate <code data-testid="account-delegate">{kind.data.delegate}</code>{' '}
        {url && <ExternalLink href={url}>View delegate</ExternalLink>}
      </>
    )
  }
  if (kind.isError)
    return <span className="error-text">Could not read: {classifyError(kind.error).message}</span>
  return <span className="muted">Checking…</span>
}
