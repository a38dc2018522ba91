import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { appliedSettings, wasGiven } from '../../../../src/core/protect/givenUrlStore'
import { storageKeys } from '../../../../src/core/storage/stored'
import { memoryStorage } from '../../../support/builders/memoryStorage'

let storage: Storage
beforeEach(() => {
  storage = memoryStorage()
  vi.stubGlobal('localStorage', storage)
  vi.resetModules()
})
afterEach(() => {
  vi.unstubAllGlobals()
})

const loadStore = async () => await import('../../../../src/core/protect/givenUrlStore')
const wallet = 'dev.hush.testwallet'
const oldUrl = 'https://rpc.flashbots.net/fast?originId=hush'
const newUrl = 'https://rpc.flashbots.net/fast?hint=hash&originId=hush'

describe('the Protect URL Hush last gave the wallet', () => {
  it('nothing stored: nothing given', async () => {
    expect((await loadStore()).getGivenUrl(wallet, 1)).toBeUndefined()
  })

  it('is kept per wallet and chain, and read back after a reload', async () => {
    const store = await loadStore()
    store.recordGivenUrl(wallet, 1, oldUrl, 1000)
    store.recordGivenUrl(wallet, 11155111, newUrl, 2000)
    vi.resetModules()
    const again = await loadStore()
    expect(again.getGivenUrl(wallet, 1)).toEqual({ url: oldUrl, at: 1000 })
    expect(again.getGivenUrl(wallet, 11155111)).toEqual({ url: newUrl, at: 2000 })
    expect(again.getGivenUrl('io.metamask', 1)).toBeUndefined()
    expect(again.getGivenUrl(undefined, 1)).toBeUndefined()
  })

  it('a later URL for the same wallet and chain replaces the earlier one', async () => {
    const store = await loadStore()
    store.recordGivenUrl(wallet, 1, oldUrl, 1000)
    store.recordGivenUrl(wallet, 1, newUrl, 2000)
    expect(store.getGivenUrl(wallet, 1)?.url).toBe(newUrl)
  })

  it('a stored value that is not an http(s) URL is reset with a notice, never used', async () => {
    storage.setItem(
      storageKeys.protectGiven,
      JSON.stringify({ [`${wallet}|1`]: { url: 'javascript:alert(1)', at: 1 } }),
    )
    expect((await loadStore()).getGivenUrl(wallet, 1)).toBeUndefined()
    expect(storage.getItem(storageKeys.protectGiven)).toBeNull()
    const { storageNotices } = await import('../../../../src/core/storage/stored')
    expect(storageNotices().some((n) => n.key === storageKeys.protectGiven)).toBe(true)
  })

  it('a stored value of the wrong shape (bad key, missing time) is reset', async () => {
    for (const bad of [{ 'no-chain': { url: oldUrl, at: 1 } }, { [`${wallet}|1`]: { url: oldUrl } }, [1]]) {
      storage.setItem(storageKeys.protectGiven, JSON.stringify(bad))
      vi.resetModules()
      expect((await loadStore()).getGivenUrl(wallet, 1)).toBeUndefined()
      expect(storage.getItem(storageKeys.protectGiven)).toBeNull()
    }
  })

  it('refuses to record anything but an http(s) URL', async () => {
    const store = await loadStore()
    expect(() => store.recordGivenUrl(wallet, 1, 'ftp://x.example/')).toThrow()
    expect(storage.getItem(storageKeys.protectGiven)).toBeNull()
  })

  it('keeps the 20 newest entries', async () => {
    const store = await loadStore()
    for (let chain = 1; chain <= 25; chain++) store.recordGivenUrl(wallet, chain, oldUrl, chain)
    const kept = Object.keys(JSON.parse(storage.getItem(storageKeys.protectGiven) ?? '{}'))
    expect(kept).toHaveLength(20)
    expect(store.getGivenUrl(wallet, 5)).toBeUndefined()
    expect(store.getGivenUrl(wallet, 6)?.at).toBe(6)
  })

  it('another tab’s write is picked up on reload, and subscribers hear of it', async () => {
    const store = await loadStore()
    store.recordGivenUrl(wallet, 1, oldUrl, 1)
    const heard = vi.fn()
    store.subscribeGivenUrls(heard)
    storage.setItem(storageKeys.protectGiven, JSON.stringify({ [`${wallet}|1`]: { url: newUrl, at: 2 } }))
    expect(store.getGivenUrl(wallet, 1)?.url).toBe(oldUrl)
    store.reloadGivenUrls()
    expect(heard).toHaveBeenCalledTimes(1)
    expect(store.getGivenUrl(wallet, 1)?.url).toBe(newUrl)
  })
})

describe('appliedSettings', () => {
  it('current when Hush gave exactly the URL of the saved settings, older when it gave another', () => {
    expect(appliedSettings({ url: newUrl, at: 1 }, newUrl)).toBe('current')
    expect(appliedSettings({ url: oldUrl, at: 1 }, newUrl)).toBe('older')
  })

  it('unrecorded when Hush never gave this wallet a URL for the chain (set by hand or elsewhere)', () => {
    expect(appliedSettings(undefined, newUrl)).toBe('unrecorded')
  })
})

describe('wasGiven: only an accepted request confirmed by the detection counts as giving the URL', () => {
  it('accepted (or 12.14’s -32603 after adding) and then Protected', () => {
    expect(wasGiven('added', 'protected')).toBe(true)
    expect(wasGiven('maybe-added', 'protected')).toBe(true)
  })

  it('declined, refused, failed, or still not on Protect afterwards: nothing given', () => {
    expect(wasGiven('declined', undefined)).toBe(false)
    expect(wasGiven('refuses-default-chain', 'protected')).toBe(false)
    expect(wasGiven('failed', 'protected')).toBe(false)
    expect(wasGiven('added', 'not-protected')).toBe(false)
    expect(wasGiven('added', 'unknown')).toBe(false)
  })
})
