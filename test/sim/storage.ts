/**
 * One origin's localStorage shared by every simulated tab: a quota counted in characters (another app's data
 * can fill it), and a `storage` event to the tabs on every change.
 */
export class SimStorage implements Storage {
  private readonly map = new Map<string, string>()
  /** Characters in use by another app of the origin. */
  foreign = 0
  quota = 5_000_000
  private readonly listeners = new Set<(key: string) => void>()

  get length() {
    return this.map.size
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null
  }
  getItem(k: string) {
    return this.map.get(k) ?? null
  }
  setItem(k: string, v: string) {
    const value = String(v)
    const used = this.foreign + [...this.map].reduce((n, [key, val]) => n + (key === k ? 0 : val.length), 0)
    if (used + value.length > this.quota)
      throw Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' })
    this.map.set(k, value)
    this.emit(k)
  }
  removeItem(k: string) {
    this.map.delete(k)
    this.emit(k)
  }
  clear() {
    this.map.clear()
    this.emit('')
  }

  /** Fills the storage with another app's data, leaving `room` characters free (0: full). */
  fill(room: number) {
    const ours = [...this.map.values()].reduce((n, v) => n + v.length, 0)
    this.foreign = Math.max(0, this.quota - ours - room)
  }

  onChange(listener: (key: string) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private emit(key: string) {
    for (const l of this.listeners) l(key)
  }
}
