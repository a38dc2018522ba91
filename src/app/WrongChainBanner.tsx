import { useAccount, useSwitchChain } from 'wagmi'
import { findChain } from '../core/config/chains'
import { classifyError } from '../core/errors/classify'
import { useRuntimeConfig } from '../shared/context/configContext'
import { Icon } from '../shared/ui/Icon'

export function WrongChainBanner() {
  const config = useRuntimeConfig()
  const { isConnected, chainId } = useAccount()
  const { switchChain, isPending, error } = useSwitchChain()
  if (!isConnected || findChain(config, chainId)) return null
  const target = findChain(config, config.defaultChainId)
  return (
    <div className="banner banner-warning" role="alert" data-testid="wrong-chain">
      <span>
        <Icon name="warning" /> Your wallet is on chain {chainId ?? 'unknown'}, which this deployment of Hush
        does not support.
      </span>
      {target && (
        <button type="button" disabled={isPending} onClick={() => switchChain({ chainId: target.id })}>
          {isPending ? 'Switching…' : `Switch to ${target.name}`}
        </button>
      )}
      {error && (
        <span className="error-text">
          {classifyError(error, { method: 'wallet_switchEthereumChain' }).message}
        </span>
      )}
    </div>
  )
}
