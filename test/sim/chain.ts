import type { Address, Hex } from 'viem'

/** A transaction as the simulated world knows it; `payment` ties it to the user's intent (to + value). */
export type SimTx = {
  hash: Hex
  from: Address
  nonce: number
  /** The nonce Hush asked the wallet for (a wallet keeping its own nonces may use another). */
  requestedNonce: number
  to: Address
  value: bigint
  input: Hex
  route: 'private' | 'public'
  payment: string
  /** The record of the intent it was prompted for, when storage had it. */
  recordId?: string
}

export type Inclusion = { block: number; tx: SimTx }

/** Blocks, account nonces and receipts. A transaction is included only at its sender's next nonce. */
export class Chain {
  head = 0
  private readonly included = new Map<string, Inclusion>()
  private readonly blocks: SimTx[][] = [[]]
  private txCount = 0

  newHash(): Hex {
    this.txCount++
    return `0x${this.txCount.toString(16).padStart(64, '0')}` as Hex
  }

  /** Transactions from `from` included in blocks up to `block`. */
  count(from: Address, block = this.head): number {
    let n = 0
    for (let b = 0; b <= Math.min(block, this.head); b++)
      for (const tx of this.blocks[b] ?? []) if (tx.from.toLowerCase() === from.toLowerCase()) n++
    return n
  }

  inclusion(hash: string): Inclusion | undefined {
    return this.included.get(hash.toLowerCase())
  }

  block(n: number): SimTx[] {
    return this.blocks[n] ?? []
  }

  /** Whether `tx` can still be included: not yet, and its nonce not used by another transaction. */
  includable(tx: SimTx): boolean {
    return !this.inclusion(tx.hash) && this.count(tx.from) <= tx.nonce
  }

  /** Mines one block from the candidates, in order, each only at its sender's next nonce. */
  mine(candidates: readonly SimTx[]): SimTx[] {
    this.head++
    const block: SimTx[] = []
    this.blocks[this.head] = block
    let progress = true
    while (progress) {
      progress = false
      for (const tx of candidates) {
        if (this.inclusion(tx.hash) || tx.nonce !== this.count(tx.from)) continue
        block.push(tx)
        this.included.set(tx.hash.toLowerCase(), { block: this.head, tx })
        progress = true
      }
    }
    return block
  }

  allIncluded(): Inclusion[] {
    return [...this.included.values()]
  }
}
