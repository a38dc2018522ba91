import type { Chain, SimTx } from './chain'

/** How the private relay treats what it holds (per block): include soon, late, or say FAILED and include anyway. */
export type RelayMode = 'prompt' | 'slow' | 'failThenInclude'
/** The status API: answering, down (network error), rate limiting (429), or UNKNOWN for everything. */
export type StatusApiMode = 'ok' | 'down' | '429' | 'unknown'

/** Protect's window: a private transaction not included within it is dropped for good. */
export const relayWindowBlocks = 25

type Held = { tx: SimTx; since: number; failed: boolean }

/** A private relay (Protect) and the public mempool, both feeding the simulated chain's blocks. */
export class Relay {
  mode: RelayMode = 'prompt'
  statusApi: StatusApiMode = 'ok'
  private readonly held = new Map<string, Held>()
  private readonly publicPool: SimTx[] = []
  private readonly seenPublic = new Set<string>()

  constructor(
    private readonly chain: Chain,
    private readonly random: () => number,
  ) {}

  submit(tx: SimTx): void {
    if (tx.route === 'public') {
      this.publicPool.push(tx)
      this.seenPublic.add(tx.hash)
    } else this.held.set(tx.hash, { tx, since: this.chain.head, failed: false })
  }

  wentPublic(hash: string): boolean {
    return this.seenPublic.has(hash)
  }

  /** Pending in the public mempool (what a public node answers for eth_getTransactionByHash). */
  publicPending(hash: string): SimTx | undefined {
    return this.publicPool.find((t) => t.hash === hash && !this.chain.inclusion(t.hash))
  }

  publicPendingFrom(from: string): SimTx[] {
    return this.publicPool.filter(
      (t) => t.from.toLowerCase() === from.toLowerCase() && !this.chain.inclusion(t.hash),
    )
  }

  /** Whether the world may still include `tx` (the relay still holds it, or it waits in the public pool). */
  mayInclude(tx: SimTx): boolean {
    if (!this.chain.includable(tx)) return false
    if (tx.route === 'public') return true
    const h = this.held.get(tx.hash)
    return h !== undefined && this.chain.head < h.since + relayWindowBlocks
  }

  /** Mines the next block from what the relay and the public pool offer. */
  mineBlock(): SimTx[] {
    const offered: SimTx[] = []
    for (const h of this.held.values()) {
      if (this.chain.inclusion(h.tx.hash) || this.chain.head >= h.since + relayWindowBlocks) continue
      const r = this.random()
      if (this.mode === 'prompt' && r < 0.7) offered.push(h.tx)
      if (this.mode === 'slow' && r < 0.15) offered.push(h.tx)
      if (this.mode === 'failThenInclude') {
        if (!h.failed && r < 0.5) h.failed = true
        else if (r < 0.25) offered.push(h.tx)
      }
    }
    for (const tx of this.publicPool) if (this.random() < 0.8) offered.push(tx)
    return this.chain.mine(offered)
  }

  /** The status API's JSON for a hash, or an HTTP failure. */
  status(hash: string): { httpStatus: number; body?: unknown } {
    if (this.statusApi === 'down') throw new TypeError('fetch failed')
    if (this.statusApi === '429') return { httpStatus: 429 }
    const h = this.held.get(hash)
    const included = this.chain.inclusion(hash)
    let status = 'UNKNOWN'
    if (this.statusApi === 'ok' && h) {
      const expired = this.chain.head >= h.since + relayWindowBlocks
      status = included ? 'INCLUDED' : h.failed || expired ? 'FAILED' : 'PENDING'
    }
    return {
      httpStatus: 200,
      body: {
        status,
        hash,
        maxBlockNumber: h ? h.since + relayWindowBlocks : null,
        seenInMempool: false,
        simError: '',
        isRevert: false,
      },
    }
  }
}
