import { useAccount } from 'wagmi'
import { findChain } from '../../core/config/chains'
import type { AppliedSettings } from '../../core/protect/givenUrlStore'
import { useRuntimeConfig } from '../context/configContext'
import { useAppliedSettings, useProtection } from './useProtection'

export type WalletProtection =
  | { kind: 'no-wallet' }
  | { kind: 'checking' }
  | { kind: 'no-protect'; chainName: string }
  | { kind: 'not-protected' | 'unknown' | 'route-unknown' }
  | { kind: 'protected'; applied: AppliedSettings }

/** The wallet's protection with what Hush knows of its settings: what the header badge shows. */
export function useWalletProtection(): WalletProtection {
  const config = useRuntimeConfig()
  const { chainId } = useAccount()
  const view = useProtection()
  const { applied } = useAppliedSettings(findChain(config, chainId))
  if (view.kind === 'protected') return { kind: 'protected', applied }
  if (view.kind === 'no-protect') return { kind: 'no-protect', chainName: view.chainName }
  return { kind: view.kind }
}

export const walletProtectionWords: Record<
  Exclude<WalletProtection['kind'], 'protected'> | 'protected-current' | 'protected-older',
  string
> = {
  'no-wallet': 'No wallet',
  checking: 'Checking…',
  'no-protect': 'No Protect on this chain',
  'not-protected': 'Not protected',
  unknown: 'Unknown',
  'route-unknown': 'Route unknown',
  'protected-current': 'Protected',
  'protected-older': 'Protected with old settings',
}

export function walletProtectionKey(p: WalletProtection): keyof typeof walletProtectionWords {
  if (p.kind !== 'protected') return p.kind
  return p.applied === 'older' ? 'protected-older' : 'protected-current'
}
