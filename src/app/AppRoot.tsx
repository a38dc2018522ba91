import { QueryClientProvider } from '@tanstack/react-query'
import { WagmiProvider } from 'wagmi'
import type { RuntimeConfig } from '../core/config/schema'
import { createRpcManager } from '../core/rpc/manager'
import { RuntimeConfigContext } from '../shared/context/configContext'
import { RpcManagerContext } from '../shared/context/rpcContext'
import { createQueryClient } from './queryClient'
import { RpcLifecycle } from './RpcLifecycle'
import { Shell } from './Shell'
import { createHushWagmiConfig } from './wagmiConfig'
import { WalletModalHost } from './wallet-ui/WalletModalHost'

export type AppServices = {
  rpc: ReturnType<typeof createRpcManager>
  wagmiConfig: ReturnType<typeof createHushWagmiConfig>
  queryClient: ReturnType<typeof createQueryClient>
}

/**
 * Built once per page, outside React: wagmi's Hydrate reconnects during render, and a render React throws
 * away (a transition, StrictMode) must not leave a second config holding wagmi's "reconnecting" flag.
 */
export function createAppServices(config: RuntimeConfig): AppServices {
  const rpc = createRpcManager(config)
  return { rpc, wagmiConfig: createHushWagmiConfig(config, rpc), queryClient: createQueryClient() }
}

export function AppRoot({ config, services }: { config: RuntimeConfig; services: AppServices }) {
  const { rpc, wagmiConfig, queryClient } = services
  return (
    <RuntimeConfigContext.Provider value={config}>
      <RpcManagerContext.Provider value={rpc}>
        <WagmiProvider config={wagmiConfig}>
          <QueryClientProvider client={queryClient}>
            <RpcLifecycle />
            <Shell />
            {/* RainbowKit sits beside the shell and loads on first use; see wallet-ui/modalRequests.ts. */}
            <WalletModalHost initialChain={config.defaultChainId} />
          </QueryClientProvider>
        </WagmiProvider>
      </RpcManagerContext.Provider>
    </RuntimeConfigContext.Provider>
  )
}
