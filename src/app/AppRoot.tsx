import { QueryClientProvider } from '@tanstack/react-query'
import { useState } from 'react'
import { WagmiProvider } from 'wagmi'
import type { RuntimeConfig } from '../core/config/schema'
import { RuntimeConfigContext } from './config-context'
import { createQueryClient } from './queryClient'
import { Shell } from './Shell'
import { createHushWagmiConfig } from './wagmiConfig'
import { WalletModalHost } from './wallet-ui/WalletModalHost'

export function AppRoot({ config }: { config: RuntimeConfig }) {
  const [wagmiConfig] = useState(() => createHushWagmiConfig(config))
  const [queryClient] = useState(createQueryClient)
  return (
    <RuntimeConfigContext.Provider value={config}>
      <WagmiProvider config={wagmiConfig}>
        <QueryClientProvider client={queryClient}>
          <Shell />
          {/* RainbowKit sits beside the shell and loads on first use; see wallet-ui/modalRequests.ts. */}
          <WalletModalHost initialChain={config.defaultChainId} />
        </QueryClientProvider>
      </WagmiProvider>
    </RuntimeConfigContext.Provider>
  )
}
