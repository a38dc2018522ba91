/**
 * A Storage backed by a Map, for node tests of code that persists to localStorage. With `quota` (characters of
 * keys and values, as browsers count), a write that would pass it throws QuotaExceededError and changes nothing.
 */
export function memoryStorage(options: { quota?: number } = {}): Storage {
  const map = new Map<string, string>()
  const used = () => [...map].reduce((n, [k, v]) => n + k.length + v.length, 0)
  return {
    get length() {
      return map.size
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => {
      const value = String(v)
      const after = used() - (map.has(k) ? k.length + (map.get(k) ?? '').length : 0) + k.length + value.length
      if (options.quota !== undefined && after > options.quota)
        throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' })
      map.set(k, value)
    },
    removeItem: (k) => void map.delete(k),
    key: (i) => [...map.keys()][i] ?? null,
  }
}
