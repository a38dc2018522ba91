import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defaultProtectSettings } from '../../../../src/core/protect/url'
import { storageKeys } from '../../../../src/core/storage/stored'

class MemoryStorage {
  readonly map = new Map<string, string>()
  getItem(key: string) {
    return this.map.get(key) ?? null
  }
  setItem(key: string, value: string) {
    this.map.set(key, value)
  }
  removeItem(key: string) {
    this.map.delete(key)
  }
}

let storage: MemoryStorage
beforeEach(() => {
  storage = new MemoryStorage()
  vi.stubGlobal('localStorage', storage)
  vi.resetModules()
})
afterEach(() => {
  vi.unstubAllGlobals()
})

const loadStore = async () => await import('../../../../src/core/protect/settingsStore')

describe('Protect settings storage', () => {
  it('nothing stored gives the defaults', async () => {
    expect((await loadStore()).getProtectSettings()).toEqual(defaultProtectSettings)
  })

  it('saved settings are read back after a reload', async () => {
    const store = await loadStore()
    store.saveProtectSettings({ ...defaultProtectSettings, fast: false, hints: ['hash'], originId: 'x' })
    vi.resetModules()
    expect((await loadStore()).getProtectSettings()).toMatchObject({
      fast: false,
      hints: ['hash'],
      originId: 'x',
    })
  })

  it('a stored value Protect would refuse is reset to the defaults, with a notice', async () => {
    storage.setItem(
      storageKeys.protectSettings,
      JSON.stringify({ ...defaultProtectSettings, refunds: [{ address: '0x0', percent: 100 }] }),
    )
    expect((await loadStore()).getProtectSettings()).toEqual(defaultProtectSettings)
    expect(storage.getItem(storageKeys.protectSettings)).toBeNull()
    const { storageNotices } = await import('../../../../src/core/storage/stored')
    expect(storageNotices().some((n) => n.key === storageKeys.protectSettings)).toBe(true)
  })

  it('saving refuses invalid settings', async () => {
    const store = await loadStore()
    expect(() => store.saveProtectSettings({ ...defaultProtectSettings, originId: 'bad id' })).toThrow()
    expect(storage.getItem(storageKeys.protectSettings)).toBeNull()
  })

  it('settings written outside Hush (a 99% refund to a stranger, useMempool, hint=full) are not used until confirmed', async () => {
    const stranger = '0x1000000000000000000000000000000000000001'
    const forged = {
      ...defaultProtectSettings,
      refunds: [{ address: stranger, percent: 99 }],
      useMempool: true,
      hints: ['full'],
    }
    storage.setItem(storageKeys.protectSettings, JSON.stringify(forged))
    const store = await loadStore()
    expect(store.getProtectSettings()).toEqual(defaultProtectSettings)
    expect(store.getUnconfirmedProtectSettings()).toMatchObject({ useMempool: true, hints: ['full'] })
    store.confirmStoredProtectSettings()
    expect(store.getProtectSettings()).toMatchObject({ useMempool: true, hints: ['full'] })
    vi.resetModules()
    const reloaded = await loadStore()
    expect(reloaded.getProtectSettings()).toMatchObject({ useMempool: true })
    expect(reloaded.getUnconfirmedProtectSettings()).toBeUndefined()
  })

  it('discarding unconfirmed settings puts the defaults back', async () => {
    storage.setItem(
      storageKeys.protectSettings,
      JSON.stringify({ ...defaultProtectSettings, useMempool: true }),
    )
    const store = await loadStore()
    store.discardStoredProtectSettings()
    expect(store.getProtectSettings()).toEqual(defaultProtectSettings)
    expect(store.getUnconfirmedProtectSettings()).toBeUndefined()
  })
})
