import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dismissStorageNotices, storageKeys, storageNotices } from '../../../../src/core/storage/stored'
import {
  addUserToken,
  onUserTokensChange,
  removeUserToken,
  resetUserTokensCache,
  userTokens,
} from '../../../../src/core/tokens/userTokens'
import { memoryStorage } from '../../../support/builders/memoryStorage'

const token = {
  address: '0x5FbDB2315678afecb367f032d93F642f64180aa3' as const,
  symbol: 'DMO',
  name: 'Demo',
  decimals: 18,
}

beforeEach(() => {
  ;(globalThis as { localStorage?: Storage }).localStorage = memoryStorage()
  resetUserTokensCache()
})
afterEach(() => {
  delete (globalThis as { localStorage?: Storage }).localStorage
  dismissStorageNotices()
})

describe('user-added tokens', () => {
  it('persist per chain and can be removed', () => {
    let changes = 0
    const off = onUserTokensChange(() => changes++)
    addUserToken(1, token)
    addUserToken(1, token) // same address again: replaced, not duplicated
    resetUserTokensCache() // as after a reload
    expect(userTokens(1)).toEqual([token])
    expect(userTokens(10)).toEqual([])
    removeUserToken(1, token.address.toLowerCase() as `0x${string}`)
    resetUserTokensCache()
    expect(userTokens(1)).toEqual([])
    expect(changes).toBe(3)
    off()
  })

  it('a corrupt stored list is reset with a notice', () => {
    localStorage.setItem(storageKeys.tokens, JSON.stringify({ '1': [{ ...token, symbol: '' }] }))
    expect(userTokens(1)).toEqual([])
    expect(storageNotices().map((n) => n.key)).toEqual([storageKeys.tokens])
  })
})
