import type { ChainConfig } from '../../core/config/schema'
import { AccountBox } from './AccountBox'
import { BalancesPanel } from './BalancesPanel'

/** The wallet page of a connected account, in its own chunk: a visitor who has not connected never loads it. */
export function ConnectedWallet({
  chain,
  chainId,
  address,
}: {
  chain: ChainConfig | undefined
  chainId: number | undefined
  address: `0x${string}`
}) {
  // Keyed by chain and account: a switch remounts everything below, so no figure of the previous account
  // survives even for one frame.
  const accountKey = `${chainId}:${address}`
  return (
    <>
      <AccountBox key={`account-${accountKey}`} chain={chain} chainId={chainId} address={address} />
      {chain ? (
        <BalancesPanel key={`balances-${accountKey}`} chain={chain} owner={address} />
      ) : (
        <p className="notice">Switch your wallet to a supported chain to see balances.</p>
      )}
    </>
  )
}
