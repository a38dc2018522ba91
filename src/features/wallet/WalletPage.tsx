import { ConnectButton } from '@rainbow-me/rainbowkit'
import { formatUnits } from 'viem'
import { useAccount, useBalance } from 'wagmi'
import { useRuntimeConfig } from '../../app/config-context'
import { CopyButton } from '../../app/ui/CopyButton'
import { explorerAddressUrl, findChain } from '../../core/config/chains'

export function WalletPage() {
  const config = useRuntimeConfig()
  const { address, chainId, isConnected } = useAccount()
  const chain = findChain(config, chainId)
  const balance = useBalance({ address, chainId, query: { enabled: Boolean(address && chain) } })
  if (!isConnected || !address) {
    return (
      <section>
        <h1>Wallet</h1>
        <p>Connect a wallet to see your balances. Hush never holds keys: your wallet signs everything.</p>
        <ConnectButton />
      </section>
    )
  }
  const explorer = explorerAddressUrl(chain, address)
  return (
    <section>
      <h1>Wallet</h1>
      <dl className="facts">
        <dt>Account</dt>
        <dd>
          <code data-testid="account-address">{address}</code>{' '}
          <CopyButton text={address} label="Copy address" />
          {explorer && (
            <a href={explorer} target="_blank" rel="noreferrer noopener">
              View on explorer ↗
            </a>
          )}
        </dd>
        <dt>Chain</dt>
        <dd>{chain ? `${chain.name} (${chain.id})` : `unsupported chain ${chainId}`}</dd>
        <dt>{chain?.nativeCurrency.symbol ?? 'ETH'} balance</dt>
        <dd data-testid="eth-balance">
          {balance.data
            ? `${formatUnits(balance.data.value, balance.data.decimals)} ${balance.data.symbol}`
            : balance.isError
              ? 'Could not read the balance (the RPC read failed; this is not a zero balance).'
              : 'Loading…'}
        </dd>
      </dl>
    </section>
  )
}
