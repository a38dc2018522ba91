import { numberToHex } from 'viem'
import type { ChainConfig } from '../config/schema'
import { errorCode, errorText, isUserRejection } from '../errors/predicates'

export type AddEthereumChainParameter = {
  chainId: `0x${string}`
  chainName: string
  nativeCurrency: { name: string; symbol: string; decimals: number }
  rpcUrls: [string]
  blockExplorerUrls?: [string]
}

/**
 * What protect.flashbots.net sends. nativeCurrency is the network's own: MetaMask rejects the request when the
 * symbol differs from the one it has for that chain.
 */
export function protectAddChainParameter(
  chain: ChainConfig,
  protectRpcUrl: string,
): AddEthereumChainParameter {
  return {
    chainId: numberToHex(chain.id),
    chainName: `Flashbots Protect (${chain.name})`,
    nativeCurrency: { ...chain.nativeCurrency },
    rpcUrls: [protectRpcUrl],
    ...(chain.explorer ? { blockExplorerUrls: [chain.explorer] as [string] } : {}),
  }
}

/** The values a user types into the wallet's "add network manually" form. */
export function manualSetupValues(chain: ChainConfig, protectRpcUrl: string) {
  return {
    networkName: `Flashbots Protect (${chain.name})`,
    rpcUrl: protectRpcUrl,
    chainId: String(chain.id),
    symbol: chain.nativeCurrency.symbol,
    explorer: chain.explorer,
  }
}

export type AddChainOutcome = 'added' | 'declined' | 'refuses-default-chain' | 'maybe-added' | 'failed'

/**
 * What a wallet_addEthereumChain reply means. The reply alone is never trusted for "protected": callers
 * re-check with detectProtection in every case but 'declined'.
 */
export function interpretAddChainResult(error: unknown): AddChainOutcome {
  if (error === undefined || error === null) return 'added'
  if (isUserRejection(error)) return 'declined'
  const code = errorCode(error)
  // Older MetaMask: chain 1 was built in and could not be re-added.
  if (code === -32602 && /default metamask chain/i.test(errorText(error))) return 'refuses-default-chain'
  // MetaMask 12.14.x added the chain and then threw -32603.
  if (code === -32603) return 'maybe-added'
  return 'failed'
}
