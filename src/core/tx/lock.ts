/** One submission at a time per account: a second one while the first awaits the wallet is refused. */
export class SendLock {
  private readonly held = new Set<string>()

  /** Returns a release function, or undefined when that account already has a submission in flight. */
  tryAcquire(key: string): (() => void) | undefined {
    if (this.held.has(key)) return undefined
    this.held.add(key)
    let released = false
    return () => {
      if (released) return
      released = true
      this.held.delete(key)
    }
  }

  isHeld(key: string): boolean {
    return this.held.has(key)
  }
}

export const sendLock = new SendLock()

export function accountKey(chainId: number, address: string): string {
  return `${chainId}:${address.toLowerCase()}`
}
