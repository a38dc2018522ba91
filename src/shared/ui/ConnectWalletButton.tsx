import { useAccount } from 'wagmi'
import { findChain } from '../../core/config/chains'
import { shortAddress } from '../../core/format/time'
import { useRuntimeConfig } from '../context/configContext'
import { ConnectPlaceholder } from './ConnectPlaceholder'
import { Icon } from './Icon'
import { openWalletModal, preloadWalletModals } from './modalRequests'

/**
 * Hush's Connect / account button. Use this instead of RainbowKit's ConnectButton: it needs only wagmi, and
 * RainbowKit's modals load when the user first presses it (hover or focus starts the download).
 */
export function ConnectWalletButton() {
  const config = useRuntimeConfig()
  const { status, address, chainId } = useAccount()
  if (status !== 'connected' || !address) {
    return <ConnectPlaceholder busy={status === 'connecting' || status === 'reconnecting'} />
  }
  const chain = findChain(config, chainId)
  const preload = { onPointerEnter: preloadWalletModals, onFocus: preloadWalletModals }
  return (
    <span className="wallet-buttons">
      {/* On a phone the header keeps logo, badge and account: the chain shows there only when it is wrong. */}
      <button
        type="button"
        className={`small chain-button${chain ? '' : ' chain-button-wrong'}`}
        {...preload}
        onClick={() => openWalletModal('chain')}
      >
        {chain ? (
          chain.name
        ) : (
          <>
            <Icon name="warning" /> Wrong network
          </>
        )}
        <span className="visually-hidden"> (change network)</span>
      </button>
      <button type="button" className="small" {...preload} onClick={() => openWalletModal('account')}>
        {shortAddress(address)}
        <span className="visually-hidden"> (account menu)</span>
      </button>
    </span>
  )
}
