import type { WalletDetailsParams, WalletList } from '@rainbow-me/rainbowkit'
import type { CreateConnectorFn } from 'wagmi'

type CreateWalletFn = WalletList[number]['wallets'][number]
type RainbowKitDetails = WalletDetailsParams['rkDetails']

/**
 * RainbowKit's `connectorsForWallets`, for one group of wallets. Why our own: RainbowKit ships it only inside
 * its single main module, so importing it would put all of RainbowKit (modal, QR code, ENS normalisation,
 * ~85 KB gzipped) on every first visit. The connectors carry the same `rkDetails` RainbowKit's modal reads.
 */
export function rainbowConnectors(
  groupName: string,
  wallets: CreateWalletFn[],
  app: { appName: string; projectId: string },
): CreateConnectorFn[] {
  const metadata = {
    name: app.appName,
    description: app.appName,
    url: typeof window === 'undefined' ? '' : window.location.origin,
    icons: [],
  }
  const connectors: CreateConnectorFn[] = []
  wallets.forEach((createWallet, index) => {
    const { createConnector, hidden, ...meta } = createWallet({
      projectId: app.projectId,
      appName: app.appName,
      options: { metadata },
      walletConnectParameters: { metadata },
    })
    if (hidden?.()) return
    const details = (extra: Partial<RainbowKitDetails> = {}) => ({
      rkDetails: { ...meta, groupIndex: 1, groupName, index, isRainbowKitConnector: true, ...extra },
    })
    if (meta.id === 'walletConnect') {
      connectors.push(createConnector(details({ isWalletConnectModalConnector: true, showQrModal: true })))
    }
    connectors.push(createConnector(details()))
  })
  return connectors
}
