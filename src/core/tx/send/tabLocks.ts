/**
 * Named locks held across every tab of the origin: the Web Locks API (`navigator.locks`) where the browser has
 * it, otherwise a lease in localStorage that its holder renews and that expires when the holder's tab is gone.
 */
export type TabLocks = {
  /**
   * Runs `fn` while holding `name`. When another tab holds it, `onWait` is called once and the call waits for
   * it; the lock is released when `fn` settles (or the tab closes).
   */
  run<T>(name: string, fn: () => Promise<T>, onWait?: () => void): Promise<T>
  /** Whether some tab (this one included) holds `name` right now. */
  isHeld(name: string): Promise<boolean>
}

type LockManagerLike = {
  request<T>(name: string, options: { ifAvailable?: boolean }, fn: (lock: unknown) => Promise<T>): Promise<T>
  request<T>(name: string, fn: (lock: unknown) => Promise<T>): Promise<T>
  query(): Promise<{ held?: { name?: string }[] }>
}

export function webLocks(locks: LockManagerLike): TabLocks {
  return {
    async run<T>(name: string, fn: () => Promise<T>, onWait?: () => void): Promise<T> {
      const first = await locks.request(name, { ifAvailable: true }, async (lock) =>
        lock ? { ran: true as const, value: await fn() } : { ran: false as const },
      )
      if (first.ran) return first.value
      onWait?.()
      return await locks.request(name, async () => await fn())
    },
    async isHeld(name: string): Promise<boolean> {
      const state = await locks.query()
      return (state.held ?? []).some((l) => l.name === name)
    },
  }
}

type LeaseStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>
type Lease = { owner: string; until: number }

export type LeaseOptions = {
  storage: () => LeaseStorage | undefined
  /** A lease not renewed for this long belongs to a tab that is gone. */
  ttlMs?: number
  pollMs?: number
  now?: () => number
}

/**
 * The fallback: write a lease, wait a moment, read it back; whoever's lease survived holds the lock. Two tabs
 * writing in the same instant both read back the later write, so only one proceeds. Renewed while held.
 */
export function storageLeases(options: LeaseOptions): TabLocks {
  const ttl = options.ttlMs ?? 6_000
  const poll = options.pollMs ?? 100
  const now = options.now ?? Date.now
  const me = `${now().toString(36)}-${Math.random().toString(36).slice(2)}`
  const key = (name: string) => `hush.lease.${name}`
  const read = (name: string): Lease | undefined => {
    try {
      const raw = options.storage()?.getItem(key(name))
      const lease = raw ? (JSON.parse(raw) as Partial<Lease>) : undefined
      return typeof lease?.owner === 'string' && typeof lease.until === 'number'
        ? { owner: lease.owner, until: lease.until }
        : undefined
    } catch {
      return undefined
    }
  }
  const write = (name: string) => {
    try {
      options.storage()?.setItem(key(name), JSON.stringify({ owner: me, until: now() + ttl }))
    } catch {
      // Storage blocked: this tab still serialises its own sends (the in-tab guard in the pipeline).
    }
  }
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
  const heldByOther = (name: string) => {
    const lease = read(name)
    return lease !== undefined && lease.owner !== me && lease.until > now()
  }
  const local = new Map<string, Promise<unknown>>()

  async function acquire(name: string, onWait?: () => void) {
    let waited = false
    for (;;) {
      if (!heldByOther(name)) {
        write(name)
        await sleep(Math.min(50, poll))
        const lease = read(name)
        if (!lease || lease.owner === me) return
      }
      if (!waited) onWait?.()
      waited = true
      await sleep(poll)
    }
  }

  return {
    async run<T>(name: string, fn: () => Promise<T>, onWait?: () => void): Promise<T> {
      // Calls from this tab queue up behind each other first.
      while (local.has(name)) {
        onWait?.()
        await local.get(name)?.catch(() => undefined)
      }
      const task = (async () => {
        await acquire(name, onWait)
        const renew = setInterval(() => write(name), Math.max(50, ttl / 3))
        try {
          return await fn()
        } finally {
          clearInterval(renew)
          if (read(name)?.owner === me) options.storage()?.removeItem(key(name))
        }
      })()
      local.set(name, task)
      try {
        return await task
      } finally {
        if (local.get(name) === task) local.delete(name)
      }
    },
    async isHeld(name: string): Promise<boolean> {
      if (local.has(name)) return true
      const lease = read(name)
      return lease !== undefined && lease.until > now()
    },
  }
}

let shared: TabLocks | undefined
/** The browser's Web Locks, or storage leases where `navigator.locks` is missing (or in node). */
export function tabLocks(): TabLocks {
  if (shared) return shared
  const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks
  shared = locks
    ? webLocks(locks)
    : storageLeases({
        storage: () => {
          try {
            return globalThis.localStorage
          } catch {
            return undefined
          }
        },
      })
  return shared
}

export function accountLockName(chainId: number, address: string): string {
  return `hush.send.${chainId}:${address.toLowerCase()}`
}
