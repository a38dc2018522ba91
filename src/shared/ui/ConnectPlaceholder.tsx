import { openWalletModal, preloadWalletModals } from './modalRequests'

/** The Connect button before wagmi has loaded (and while it reconnects): a click is kept and honoured later. */
export function ConnectPlaceholder({ busy = false }: { busy?: boolean }) {
  return (
    <button
      type="button"
      className="primary wallet-button"
      aria-busy={busy || undefined}
      onPointerEnter={preloadWalletModals}
      onFocus={preloadWalletModals}
      onClick={() => openWalletModal('connect')}
    >
      Connect Wallet
    </button>
  )
}
