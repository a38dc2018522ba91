/**
 * Which RainbowKit modal the user asked for. RainbowKit (and its modal, QR code and wallet icons) is loaded
 * only when first needed, so a click is recorded here and the modal opens as soon as it has loaded.
 * Plain TypeScript so the shell can use it before React Query, wagmi or RainbowKit have loaded.
 */
export type WalletModalKind = 'connect' | 'account' | 'chain'

type State = { wanted: boolean; pending: WalletModalKind | null }
let state: State = { wanted: false, pending: null }
const listeners = new Set<() => void>()

function set(next: State) {
  state = next
  for (const l of listeners) l()
}

export function subscribeWalletModals(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function walletModalState(): State {
  return state
}

/** Starts loading the modal code (hover, focus, a returning connected user) without opening anything. */
export function preloadWalletModals(): void {
  if (!state.wanted) set({ ...state, wanted: true })
}

export function openWalletModal(kind: WalletModalKind): void {
  set({ wanted: true, pending: kind })
}

export function clearWalletModalRequest(): void {
  if (state.pending !== null) set({ ...state, pending: null })
}
