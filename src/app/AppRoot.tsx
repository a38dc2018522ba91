import { darkTheme, lightTheme, RainbowKitProvider } from '@rainbow-me/rainbowkit'
import '@rainbow-me/rainbowkit/styles.css'
import { QueryClientProvider } from '@tanstack/react-query'
import { useState } from 'react'
import { WagmiProvider } from 'wagmi'
import type { RuntimeConfig } from '../core/config/schema'
import { RuntimeConfigContext } from './config-context'
import { createQueryClient } from './queryClient'
import { Shell } from './Shell'
import { createHushWagmiConfig } from './wagmiConfig'

const rainbowTheme = { lightMode: lightTheme(), darkMode: darkTheme() }

export function AppRoot({ config }: { config: RuntimeConfig }) {
  const [wagmiConfig] = useState(() => createHushWagmiConfig(config))
  const [queryClient] = useState(createQueryClient)
  const initialChain = config.defaultChainId
  return (
    <RuntimeConfigContext.Provider value={config}>
      <WagmiProvider config={wagmiConfig}>
        <QueryClientProvider client={queryClient}>
          <RainbowKitProvider theme={rainbowTheme} initialChain={initialChain} appInfo={{ appName: 'Hush' }}>
            <Shell />
          </RainbowKitProvider>
        </QueryClientProvider>
      </WagmiProvider>
    </RuntimeConfigContext.Provider>
  )
}
