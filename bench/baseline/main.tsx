/**
 * The speed baseline: a bare injected-only RainbowKit + wagmi + React app, written the way RainbowKit's
 * docs show it, with no splitting. `npm run bench -- speed` builds it next to Hush and measures both.
 */
import { ConnectButton, connectorsForWallets, lightTheme, RainbowKitProvider } from '@rainbow-me/rainbowkit'
import '@rainbow-me/rainbowkit/styles.css'
import { injectedWallet } from '@rainbow-me/rainbowkit/wallets'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { defineChain } from 'viem'
import { createConfig, http, WagmiProvider } from 'wagmi'

// A local chain so the baseline never reaches outside 127.0.0.1 while it is measured.
const devnet = defineChain({
  id: 31337,
  name: 'Devnet',
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: ['http://127.0.0.1:8545'] } },
})

const connectors = connectorsForWallets([{ groupName: 'Wallets', wallets: [injectedWallet] }], {
  appName: 'Baseline',
  projectId: 'baseline',
})
const config = createConfig({ chains: [devnet], connectors, transports: { [devnet.id]: http() } })
const queryClient = new QueryClient()

function App() {
  return (
    <main style={{ padding: 24 }}>
      <h1>Baseline dApp</h1>
      <ConnectButton />
    </main>
  )
}

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <WagmiProvider config={config}>
        <QueryClientProvider client={queryClient}>
          <RainbowKitProvider theme={lightTheme()}>
            <App />
          </RainbowKitProvider>
        </QueryClientProvider>
      </WagmiProvider>
    </StrictMode>,
  )
}
