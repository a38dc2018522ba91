import type { Address } from 'viem'
import { z } from 'zod'
import { type TokenConfig, tokenSchema } from '../config/schema'
import { readStored, storageKeys, writeStored } from '../storage/stored'

/** Tokens the user added, per chain id (as a string key, since JSON objects have string keys). */
const userTokensSchema = z.record(z.string().regex(/^\d+$/), z.array(tokenSchema))
type UserTokensByChain = z.infer<typeof userTokensSchema>

const key = storageKeys.tokens
type Listener = () => void
const listeners = new Set<Listener>()
let cache: UserTokensByChain | undefined

function all(): UserTokensByChain {
  cache ??= readStored(key, userTokensSchema, {})
  return cache
}

function save(next: UserTokensByChain): void {
  cache = next
  writeStored(key, next)
  for (const l of listeners) l()
}

const empty: TokenConfig[] = []

export function userTokens(chainId: number): TokenConfig[] {
  return all()[String(chainId)] ?? empty
}

/** Adding an address already present replaces its entry (fresh metadata). */
export function addUserToken(chainId: number, token: TokenConfig): void {
  const current = userTokens(chainId).filter((t) => t.address !== token.address)
  save({ ...all(), [String(chainId)]: [...current, token] })
}

export function removeUserToken(chainId: number, address: Address): void {
  const next = userTokens(chainId).filter((t) => t.address.toLowerCase() !== address.toLowerCase())
  save({ ...all(), [String(chainId)]: next })
}

export function onUserTokensChange(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** For tests: forget the in-memory copy so the next read goes to storage again. */
export function resetUserTokensCache(): void {
  cache = undefined
}
