import { lazy, Suspense } from 'react'
import { useAccount } from 'wagmi'
import { findChain } from '../../core/config/chains'
import { useRuntimeConfig } from '../../shared/context/configContext'
import { ConnectWalletButton } from '../../shared/ui/ConnectWalletButton'

const ConnectedWallet = lazy(() => import('./ConnectedWallet').then((m) => ({ default: m.ConnectedWallet })))

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
  return (
    <section className="wallet-page">
      <h1>Wallet</h1>
      <Suspense
        fallback={
          <p role="status" className="muted">
            Loading your account…
          </p>
        }
      >
        <ConnectedWallet chain={chain} chainId={chainId} address={address} />
      </Suspense>
    </section>
  )
}
