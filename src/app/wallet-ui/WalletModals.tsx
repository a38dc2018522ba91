import {
  darkTheme,
  lightTheme,
  RainbowKitProvider,
  useAccountModal,
  useChainModal,
  useConnectModal,
} from '@rainbow-me/rainbowkit'
import '@rainbow-me/rainbowkit/styles.css'
import { useEffect, useRef, useSyncExternalStore } from 'react'
import {
  clearWalletModalRequest,
  subscribeWalletModals,
  walletModalState,
} from '../../shared/ui/modalRequests'

const rainbowTheme = { lightMode: lightTheme(), darkMode: darkTheme() }

/**
 * RainbowKit measures the window only 500 ms after it mounts, and Hush mounts it at the first press: without this
 * a phone saw the wide dialog, then the compact one, and a tap during the jump was lost. Same breakpoint (768 px).
 */
const modalSizeNow = () => (window.innerWidth < 768 ? 'compact' : 'wide')

/** RainbowKit's provider with nothing inside but the bridge: its modals render in a portal on document.body. */
export function WalletModals({ initialChain }: { initialChain: number }) {
  return (
    <RainbowKitProvider
      theme={rainbowTheme}
      initialChain={initialChain}
      appInfo={{ appName: 'Hush' }}
      modalSize={modalSizeNow()}
    >
      <ModalBridge />
    </RainbowKitProvider>
  )
}

function ModalBridge() {
  const { pending } = useSyncExternalStore(subscribeWalletModals, walletModalState)
  const { openConnectModal, connectModalOpen } = useConnectModal()
  const { openAccountModal, accountModalOpen } = useAccountModal()
  const { openChainModal, chainModalOpen } = useChainModal()
  const opener = useRef<HTMLElement | null>(null)
  useEffect(() => {
    if (pending === null) return
    // RainbowKit defines each opener only when that modal applies (connect: disconnected; account: connected).
    const open = { connect: openConnectModal, account: openAccountModal, chain: openChainModal }[pending]
    if (!open) return
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null
    open()
    clearWalletModalRequest()
  }, [pending, openConnectModal, openAccountModal, openChainModal])

  // RainbowKit does not give focus back when a modal closes; return it to the button that opened it, or to
  // the header's wallet button when that one was replaced (connected, disconnected).
  const anyOpen = connectModalOpen || accountModalOpen || chainModalOpen
  useEffect(() => {
    if (anyOpen || !opener.current) return
    const target = opener.current.isConnected
      ? opener.current
      : document.querySelector<HTMLElement>('.connect button')
    opener.current = null
    target?.focus()
  }, [anyOpen])
  useEffect(() => hideUnnamedIcons(), [])
  return null
}

/**
 * RainbowKit's wallet and chain icons are `role="img"` without a name (axe: serious). They are decorative (the
 * name is printed beside each), so they are hidden from assistive tech as the modal renders them.
 */
function hideUnnamedIcons(): () => void {
  const fix = () => {
    for (const el of document.querySelectorAll('[data-rk] [role="img"]:not([aria-label]):not([aria-hidden])'))
      el.setAttribute('aria-hidden', 'true')
  }
  const observer = new MutationObserver(fix)
  observer.observe(document.body, { childList: true, subtree: true })
  return () => observer.disconnect()
}
