import { QueryClientProvider } from '@tanstack/react-query'
import { useState } from 'react'
import { WagmiProvider } from 'wagmi'
import type { RuntimeConfig } from '../core/config/schema'
import { createRpcManager } from '../core/rpc/manager'
import { RpcLifecycle } from '../features/network/RpcLifecycle'
import { RuntimeConfigContext } from './config-context'
import { createQueryClient } from './queryClient'
import { RpcManagerContext } from './rpc-context'
import { Shell } from './Shell'
import { createHushWagmiConfig } from './wagmiConfig'
import { WalletModalHost } from './wallet-ui/WalletModalHost'

export function AppRoot({ config }: { config: RuntimeConfig }) {
  const [rpc] = useState(() => createRpcManager(config))
  const [wagmiConfig] = useState(() => createHushWagmiConfig(config, rpc))
  const [queryClient] = useState(createQueryClient)
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
