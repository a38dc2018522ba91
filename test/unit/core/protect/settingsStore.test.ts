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
})
