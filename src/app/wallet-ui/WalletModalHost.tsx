import { lazy, Suspense, useSyncExternalStore } from 'react'
import { subscribeWalletModals, walletModalState } from '../../shared/ui/modalRequests'

const WalletModals = lazy(() => import('./WalletModals').then((m) => ({ default: m.WalletModals })))

/** Mounts RainbowKit beside the app (not around it) once a modal is first wanted, so pages never remount. */
export function WalletModalHost({ initialChain }: { initialChain: number }) {
  const { wanted } = useSyncExternalStore(subscribeWalletModals, walletModalState)
  if (!wanted) return null
  return (
    <Suspense fallback={null}>
      <WalletModals initialChain={initialChain} />
    </Suspense>
  )
}
