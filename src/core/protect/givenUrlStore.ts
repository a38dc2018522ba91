import { z } from 'zod'
import { readStored, storageKeys, writeStored } from '../storage/stored'
import type { AddChainOutcome } from './addToWallet'
import type { ProtectionState } from './detect'

/**
 * The Protect URL Hush last gave each wallet for each chain (through wallet_addEthereumChain, confirmed by the
 * detection call afterwards). The detection only says "this is Protect", never which URL parameters the
 * wallet uses, so comparing this record with the saved settings is the only way to tell "old settings" —
 * and it only knows what Hush itself did.
 */
const maxEntries = 20

const givenSchema = z.object({
  url: z
    .string()
    .max(4096)
    .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), 'an http(s) URL'),
  at: z.number().int().nonnegative(),
})
const storeSchema = z.record(z.string().regex(/^[^|]{1,200}\|\d{1,12}$/, 'wallet|chainId'), givenSchema)
type Store = z.infer<typeof storeSchema>
export type GivenUrl = z.infer<typeof givenSchema>

let current: Store | undefined
const listeners = new Set<() => void>()
const keyOf = (walletId: string, chainId: number) => `${walletId}|${chainId}`

function store(): Store {
  current ??= readStored(storageKeys.protectGiven, storeSchema, {})
  return current
}

export function getGivenUrl(walletId: string | undefined, chainId: number | undefined): GivenUrl | undefined {
  if (!walletId || chainId === undefined) return undefined
  return store()[keyOf(walletId, chainId)]
}

export function recordGivenUrl(walletId: string, chainId: number, url: string, at = Date.now()): void {
  const entry = givenSchema.parse({ url, at })
  const next = { ...store(), [keyOf(walletId, chainId)]: entry }
  const newest = Object.entries(next)
    .sort(([, a], [, b]) => b.at - a.at)
    .slice(0, maxEntries)
  current = storeSchema.parse(Object.fromEntries(newest))
  writeStored(storageKeys.protectGiven, current)
  notify()
}

/** Another tab wrote the key: read it again (validated) and tell the subscribers. */
export function reloadGivenUrls(): void {
  current = undefined
  notify()
}

export function subscribeGivenUrls(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

function notify() {
  for (const listener of listeners) listener()
}

/**
 * What the wallet's Protect URL is, as far as Hush knows: the one from the current settings, an older one Hush
 * gave it, or one Hush never gave (set by hand or by another site).
 */
export type AppliedSettings = 'current' | 'older' | 'unrecorded'

export function appliedSettings(given: GivenUrl | undefined, currentUrl: string): AppliedSettings {
  if (!given) return 'unrecorded'
  return given.url === currentUrl ? 'current' : 'older'
}

/**
 * Whether an add-network attempt gave the wallet the URL: the wallet accepted (or answered MetaMask 12.14's
 * -32603 after adding) and the detection afterwards says Protected. A refusal, a failure or a wallet that
 * still is not on Protect gave it nothing Hush can vouch for.
 */
export function wasGiven(outcome: AddChainOutcome, after: ProtectionState | undefined): boolean {
  return after === 'protected' && (outcome === 'added' || outcome === 'maybe-added')
}
