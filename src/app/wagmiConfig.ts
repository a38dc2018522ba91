import type { WalletList } from '@rainbow-me/rainbowkit'
import { injectedWallet, walletConnectWallet } from '@rainbow-me/rainbowkit/wallets'
import type { Chain } from 'viem'
import { createConfig, type Transport } from 'wagmi'
import { toViemChain } from '../core/config/chains'
import type { RuntimeConfig } from '../core/config/schema'
import { createRpcManager, type RpcManager } from '../core/rpc/manager'
import { createValidatedWagmiStorage } from './wagmiStorage'
import { rainbowConnectors } from './wallet-ui/walletConnectors'

const walletConnectProjectId = import.meta.env.VITE_WALLETCONNECT_PROJECT_ID as string | undefined

/** Every wagmi read goes through `rpc`'s endpoint pools (failover, health); writes go through the wallet. */
export function createHushWagmiConfig(runtime: RuntimeConfig, rpc: RpcManager = createRpcManager(runtime)) {
  const wallets: WalletList[number]['wallets'] = [injectedWallet]
  if (walletConnectProjectId) wallets.push(walletConnectWallet)
  const connectors = rainbowConnectors('Wallets', wallets, {
    appName: 'Hush',
    // RainbowKit requires a string; it is used only by WalletConnect wallets, which are absent without an id.
    projectId: walletConnectProjectId ?? 'walletconnect-disabled',
  })
  const ordered = [...runtime.chains].sort((a, b) =>
    a.id === runtime.defaultChainId ? -1 : b.id === runtime.defaultChainId ? 1 : 0,
  )
  const chains = ordered.map(toViemChain) as [Chain, ...Chain[]]
  const transports: Record<number, Transport> = {}
  for (const chain of runtime.chains) {
    transports[chain.id] = rpc.transport(chain.id)
  }
  return createConfig({
    chains,
    connectors,
    transports,
    storage: createValidatedWagmiStorage(),
    multiInjectedProviderDiscovery: true,
    ssr: false,
  })
}

export type HushWagmiConfig = ReturnType<typeof createHushWagmiConfig>
