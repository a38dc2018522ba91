import { useAccount } from 'wagmi'
import { findChain } from '../../core/config/chains'
import { useRuntimeConfig } from '../../shared/context/configContext'
import { ConnectWalletButton } from '../../shared/ui/ConnectWalletButton'
import { AccountBox } from './AccountBox'
import { BalancesPanel } from './BalancesPanel'

export function WalletPage() {
  const config = useRuntimeConfig()
  const { address, chainId, isConnected } = useAccount()
  const chain = findChain(config, chainId)
  if (!isConnected || !address) {
    return (
      <section>
        <h1>Wallet</h1>
        <p>Connect a wallet to see your balances. Hush never holds keys: your wallet signs everything.</p>
        <ConnectWalletButton />
      </section>
    )
  }
  // Keyed by chain and account: a switch remounts everything below, so no figure of the previous account
  // survives even for one frame.
  const accountKey = `${chainId}:${address}`
  return (
    <section className="wallet-page">
      <h1>Wallet</h1>
      <AccountBox key={`account-${accountKey}`} chain={chain} chainId={chainId} address={address} />
      {chain ? (
        <BalancesPanel key={`balances-${accountKey}`} chain={chain} owner={address} />
      ) : (
        <p className="notice">Switch your wallet to a supported chain to see balances.</p>
      )}
    </section>
  )
}
