/**
 * Whether Hush can see where the connected wallet sends a transaction. The Protect probe is an `eth_call`
 * through the wallet's provider; for some connections that call is not answered by the RPC the transaction
 * goes to, so its "protected" proves nothing. Those connections are "route unknown" (issue 22).
 */
export type WalletRoute = { kind: 'seen' } | { kind: 'unknown'; reason: string }

/** Connector types (wagmi's `connector.type`) whose probe answer says nothing about where a transaction goes. */
const unseenRoutes: Readonly<Record<string, string>> = {
  // wagmi's WalletConnect provider answers eth_call from the dApp's own RPC map; the wallet app sends through
  // whatever RPC it is set to.
  walletConnect:
    'you connected through WalletConnect: Hush’s Protect check is answered by Hush’s own endpoints, not by the RPC your wallet app sends through',
  // A Safe proposes the transaction; its owners or a relayer execute it later through their own RPC.
  safe: 'your Safe executes transactions through its owners’ wallets or a relayer, which Hush cannot see',
  // Smart-wallet SDKs send user operations through their own bundler.
  coinbaseWallet:
    'the Coinbase Wallet connection sends through Coinbase’s own service (a bundler for smart wallets), which Hush cannot see',
  baseAccount: 'a Base Account sends through its own bundler, which Hush cannot see',
  gemini: 'the Gemini wallet sends through its own service, which Hush cannot see',
}

export function walletRoute(connector: { type: string } | undefined): WalletRoute {
  const reason = connector ? unseenRoutes[connector.type] : undefined
  return reason ? { kind: 'unknown', reason } : { kind: 'seen' }
}
