import type { Address, Hex } from 'viem'
import { beforeEach } from 'vitest'
import { RecordStore } from '../../../src/core/tx/records/records'
import type { PipelineDeps, PipelineProgress, TxIntent } from '../../../src/core/tx/send/pipeline'
import { storageLeases, type TabLocks } from '../../../src/core/tx/send/tabLocks'
import { memoryStorage } from './memoryStorage'

export const sender: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
export const recipient: Address = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
const protectAnswer = `0x${'0'.repeat(63)}1`

/**
 * A scripted EIP-1193 wallet for node tests of the pipeline: answers the Protect probe and eth_chainId as told,
 * records every request, and can hold eth_sendTransaction until the test releases it (a wallet prompt).
 */
export class ScriptedWallet {
  requests: { method: string; params: unknown[] }[] = []
  protection: 'protected' | 'not-protected' | 'unknown' = 'protected'
  chainId = 31337
  hold = false
  decline = false
  failWith: Error | undefined
  /** Runs when a send request arrives, before the answer (e.g. the node mines it while the wallet errors). */
  onSend: (() => void) | undefined
  private held: ((outcome: 'approve' | 'decline') => void)[] = []
  private counter = 0

  request = async ({ method, params = [] }: { method: string; params?: unknown[] }): Promise<unknown> => {
    this.requests.push({ method, params })
    if (method === 'eth_call') {
      if (this.protection === 'unknown') throw new Error('fetch failed')
      return this.protection === 'protected' ? protectAnswer : '0x'
    }
    if (method === 'eth_chainId') return `0x${this.chainId.toString(16)}`
    if (method === 'eth_sendTransaction' || method === 'wallet_sendCalls') {
      if (this.hold && (await new Promise<'approve' | 'decline'>((r) => this.held.push(r))) === 'decline')
        throw Object.assign(new Error('User rejected the request.'), { code: 4001 })
      this.onSend?.()
      if (this.decline) throw Object.assign(new Error('User rejected the request.'), { code: 4001 })
      if (this.failWith) throw this.failWith
      this.counter++
      return method === 'wallet_sendCalls'
        ? { id: `batch-${this.counter}` }
        : (`0x${this.counter.toString(16).padStart(64, '0')}` as Hex)
    }
    throw Object.assign(new Error(`${method} not scripted`), { code: 4200 })
  }

  sends(): { nonce: number; to: string; value: bigint }[] {
    return this.requests
      .filter((r) => r.method === 'eth_sendTransaction')
      .map((r) => {
        const tx = r.params[0] as { nonce: Hex; to: string; value: Hex }
        return { nonce: Number(tx.nonce), to: tx.to, value: BigInt(tx.value) }
      })
  }

  waiting(): number {
    return this.held.length
  }

  release(outcome: 'approve' | 'decline' = 'approve'): void {
    const next = this.held.shift()
    if (!next) throw new Error('no wallet request is being held')
    next(outcome)
  }
}

/** What the read endpoints say: counts the test sets, and a head. */
export class ScriptedReader {
  pending = 0
  mined = 0
  head = 100n
  fail = false
  /** At `latest` or at a block number (the head): what is mined; at `pending`: the pending count too. */
  getTransactionCount = async (a: { address: Address; blockTag?: string; blockNumber?: bigint }) => {
    if (this.fail) throw new Error('HTTP request failed. Status: 500')
    return a.blockTag === 'latest' || a.blockNumber !== undefined
      ? this.mined
      : Math.max(this.pending, this.mined)
  }
  getBlockNumber = async () => {
    if (this.fail) throw new Error('HTTP request failed. Status: 500')
    return this.head
  }
  /** The sender's code: '0x' (a plain account) unless a test delegates it. */
  code: Hex = '0x'
  getCode = async () => {
    if (this.fail) throw new Error('HTTP request failed. Status: 500')
    return this.code
  }
}

/**
 * Reads for rebuilding a replacement from a record alone: no endpoint knows the hash, and the fee history is one
 * block (base fee 1 gwei, tips 0.1 / 0.2 / 0.3 gwei). Spread into a ScriptedReader.
 */
export const replacementReads = {
  getTransaction: async () => undefined,
  getFeeHistory: async () => ({
    baseFeePerGas: [10n ** 9n, 10n ** 9n],
    reward: [[10n ** 8n, 2n * 10n ** 8n, 3n * 10n ** 8n]],
    gasUsedRatio: [0.5],
    oldestBlock: 99n,
  }),
}

/** What a sender asks for its deps (useSender's DepsFor): the tab's deps, reporting to the given progress. */
export function withProgress(deps: PipelineDeps) {
  return async (onProgress: (step: PipelineProgress) => void): Promise<PipelineDeps> => ({
    ...deps,
    onProgress,
  })
}

/** One "tab": its own store and lease locks over the shared storage. */
export function tab(
  wallet: ScriptedWallet,
  reader: ScriptedReader,
  options: {
    locks?: TabLocks
    chainHasProtect?: boolean
    knownDelegates?: Address[]
    progress?: PipelineProgress[]
  } = {},
): PipelineDeps {
  return {
    wallet: wallet.request,
    reader: reader as unknown as PipelineDeps['reader'],
    store: new RecordStore('test.activity'),
    locks:
      options.locks ?? storageLeases({ storage: () => globalThis.localStorage, pollMs: 20, ttlMs: 2_000 }),
    chainHasProtect: options.chainHasProtect ?? true,
    knownDelegates: options.knownDelegates ?? [],
    busyAccounts: new Set(),
    onProgress: (p) => options.progress?.push(p),
  }
}

export function transferIntent(over: Partial<TxIntent> = {}): TxIntent {
  return {
    kind: 'transfer',
    chainId: 31337,
    from: sender,
    call: { to: recipient, value: 1000n },
    gas: 21_000n,
    fees: { maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 10n ** 9n },
    asset: { symbol: 'ETH', decimals: 18 },
    amount: 1000n,
    recipient,
    consentToPublic: false,
    ...over,
  }
}

export async function until(check: () => boolean, ms = 3_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time')
    await new Promise((r) => setTimeout(r, 5))
  }
}

/** Each test's own tab, for beforeEach: an empty localStorage, a fresh scripted wallet and reader. */
export function freshTab() {
  ;(globalThis as { localStorage?: unknown }).localStorage = memoryStorage()
  return { wallet: new ScriptedWallet(), reader: new ScriptedReader() }
}

/**
 * Pipeline deps for a page of its own (nothing busy from another page) over a real wallet and reader, on a
 * chain without Protect's check and with no known delegates: for integration tests on the devnet.
 */
export function pageDeps(
  wallet: PipelineDeps['wallet'],
  reader: PipelineDeps['reader'],
  store: RecordStore,
): PipelineDeps {
  return {
    wallet,
    reader,
    store,
    locks: storageLeases({ storage: () => globalThis.localStorage, pollMs: 20 }),
    chainHasProtect: false,
    knownDelegates: [],
    busyAccounts: new Set(),
  }
}

/** `freshTab()` before each test, read through the returned object (`t.wallet`, `t.reader`). */
export function tabPerTest() {
  const t = {} as ReturnType<typeof freshTab>
  beforeEach(() => {
    Object.assign(t, freshTab())
  })
  return t
}
