import type fc from 'fast-check'
import type { Address } from 'viem'
import { parseRuntimeConfig } from '../../src/core/config/load'
import type { ProtectionState } from '../../src/core/protect/detect'
import { fetchProtectStatus } from '../../src/core/protect/status'
import { inFlightIntents } from '../../src/core/tx/send/inFlight'
import { type PipelineDeps, sendThroughPipeline, type TxIntent } from '../../src/core/tx/send/pipeline'
import { seeded } from '../../tools/devnet/slotDelays'
import { type PageRun, paymentOfCalls, trackerCallsStatus } from './batch'
import { Chain } from './chain'
import { FakeClock, flushMicrotasks } from './clock'
import { type InvariantName, Invariants } from './invariants'
import { Endpoints, healthy } from './reads'
import { Relay } from './relay'
import { SimStorage } from './storage'
import { createTracker, SimLocks, SimTab } from './tab'
import { type SimCall, Wallet } from './wallet'

export const chainId = 31337
export const sender: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
export const recipient: Address = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
/** Another account of the same wallet, the user may switch to. */
export const otherAccount: Address = '0x90F79bf6EB2c4f870365E785982E1f101E93b906'
export const blockMs = 12_000
const config = parseRuntimeConfig({
  defaultChainId: chainId,
  replaceDefaultChains: true,
  chains: [
    {
      id: chainId,
      name: 'Sim',
      nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      rpc: [{ url: 'https://a.example' }, { url: 'https://b.example' }],
      protect: { rpcUrl: 'https://protect.example/fast', statusUrl: 'https://status.example/tx/' },
    },
  ],
})

/** A payment the user asked for: `value` is unique per payment, so the chain tells which payment a tx pays. */
export type Payment = {
  id: string
  value: bigint
  refusedAs?: Exclude<ProtectionState, 'protected'>
  consentFor?: Exclude<ProtectionState, 'protected'>
  /** An atomic batch: the calls it pays (batch.ts). */
  calls?: SimCall[]
}

/** The simulated world and the real core running in it; every random choice comes from the seed and `s`. */
export class World {
  readonly clock = new FakeClock()
  readonly random: () => number
  readonly chain = new Chain()
  readonly relay: Relay
  readonly endpoints: Endpoints
  readonly storage = new SimStorage()
  readonly locks = new SimLocks()
  readonly wallet: Wallet
  readonly tabs: (SimTab | undefined)[] = [undefined, undefined]
  readonly payments: Payment[] = []
  /** Each page's one-by-one batch run (batch.ts), by tab id. */
  readonly pageRuns = new Map<number, PageRun>()
  readonly log: string[] = []
  readonly check: Invariants
  private tabSeq = 0

  constructor(
    seed: number,
    readonly s: fc.Scheduler,
    ownNonces: boolean,
    ignore: ReadonlySet<InvariantName> = new Set(),
  ) {
    // Every random choice of the simulated world comes from the run's seed (the bench's mulberry32).
    this.random = seeded(seed)
    this.relay = new Relay(this.chain, seeded(seed ^ 0x5eed))
    this.endpoints = new Endpoints(this.chain, this.relay, this.clock)
    this.check = new Invariants(this, ignore)
    this.wallet = new Wallet(
      this.chain,
      this.relay,
      {
        onPrompt: (p) => this.check.atPrompt(p),
        onBroadcast: (tx, p) => this.check.atBroadcast(tx, p),
        tabAlive: (t) => this.tabByGen(t)?.alive === true,
      },
      ownNonces,
      (to, value) => this.paymentOf(to, value),
      { account: sender, chainId },
      (calls) => paymentOfCalls(this, calls),
    )
    this.storage.onChange(() => {
      for (const tab of this.tabs)
        if (tab?.alive)
          void this.s.schedule(Promise.resolve(), `storage-event>tab${tab.id}`).then(() => {
            if (tab.alive) tab.store.reload()
          })
    })
    const mine = () => {
      const included = this.relay.mineBlock()
      this.note(
        `block ${this.chain.head}: ${included.map((t) => `${t.payment}@${t.nonce}`).join(' ') || '-'}`,
      )
      this.clock.setTimeout(mine, blockMs)
    }
    this.clock.setTimeout(mine, blockMs)
  }

  note(line: string) {
    this.log.push(`[${((this.clock.now() - 1_700_000_000_000) / 1000).toFixed(1)}s] ${line}`)
  }

  paymentOf(to: Address, value: bigint): string {
    if (to.toLowerCase() !== recipient.toLowerCase()) return 'other'
    return this.payments.find((p) => p.value === value)?.id ?? 'other'
  }

  tabByGen(gen: number): SimTab | undefined {
    return this.tabs.find((t) => t?.id === gen)
  }

  /** An answer from the world, delivered when the scheduler releases it, and never to a closed page. */
  answerFor(tab: SimTab) {
    return <T>(label: string, compute: () => T): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        if (!tab.alive) return
        const computed = Promise.resolve().then(compute)
        computed.catch(() => undefined)
        this.s.schedule(computed, `${label}>tab${tab.id}`).then(
          (v) => tab.alive && resolve(v),
          (e) => tab.alive && reject(e),
        )
      })
  }

  openTab(slot: number) {
    if (this.tabs[slot]?.alive) return
    const tab = new SimTab(++this.tabSeq)
    const answer = this.answerFor(tab)
    const reads = this.endpoints.chainReads(answer)
    const reader = this.endpoints.reader(answer)
    tab.start((t) =>
      createTracker({
        store: t.store,
        config,
        clock: this.clock,
        locks: this.locks.forTab(t.id),
        rpc: { pool: () => reads, intentReader: () => reader },
        callsStatus: trackerCallsStatus(this, tab),
        fetchStatus: (url, hash) =>
          fetchProtectStatus(url, hash, async () => {
            const r = await answer('status-api', () => this.relay.status(hash))
            return {
              ok: r.httpStatus === 200,
              status: r.httpStatus,
              text: async () => JSON.stringify(r.body),
            }
          }),
      }),
    )
    this.tabs[slot] = tab
    this.note(`tab ${tab.id} opened in slot ${slot}`)
  }

  closeTab(slot: number) {
    const tab = this.tabs[slot]
    if (!tab?.alive) return
    tab.close()
    this.locks.closeTab(tab.id)
    this.note(`tab ${tab.id} closed`)
  }

  pipelineDeps(tab: SimTab): PipelineDeps {
    const answer = this.answerFor(tab)
    return {
      wallet: this.wallet.provider(tab.id),
      reader: this.endpoints.reader(answer),
      store: tab.store,
      locks: this.locks.forTab(tab.id),
      chainHasProtect: true,
      knownDelegates: [],
      now: this.clock.now,
      busyAccounts: tab.busyAccounts,
      onProgress: (step) => {
        if (step === 'waiting-for-wallet') {
          const id = [...inFlightIntents].at(-1)
          if (id) tab.inFlight.add(id)
        }
      },
    }
  }

  /** Starts a send in a page (the user does not wait for it); the result is logged when it comes. */
  send(slot: number, intent: TxIntent, payment: Payment) {
    const tab = this.tabs[slot]
    if (!tab?.alive) return
    this.note(`tab ${tab.id}: send ${payment.id}${intent.consentToPublic ? ' with consent' : ''}`)
    void sendThroughPipeline(this.pipelineDeps(tab), intent).then((r) => {
      this.note(`tab ${tab.id}: ${payment.id} → ${r.kind}${'message' in r ? `: ${r.message}` : ''}`)
      if (r.kind === 'gate') payment.refusedAs = r.state
    })
  }

  /** Releases up to `n` pending answers, in the order the scheduler picks. */
  async deliver(n: number) {
    for (let i = 0; i < n; i++) {
      await flushMicrotasks()
      if (this.s.count() === 0) return
      await this.s.waitOne()
    }
    await flushMicrotasks()
  }

  async drain() {
    for (let i = 0; i < 20_000; i++) {
      await flushMicrotasks()
      if (this.s.count() === 0) return
      await this.s.waitOne()
    }
    throw new Error('the simulation did not quiesce (an answer loop without a wait)')
  }

  async tick(ms: number) {
    await this.clock.advance(ms, () => this.drain())
    await this.drain()
  }

  /** Faults stop: every part answers, storage has room, the wallet's open prompts are answered. */
  stopFaults() {
    this.relay.mode = 'prompt'
    this.relay.statusApi = 'ok'
    for (const id of Object.keys(this.endpoints.faults)) this.endpoints.faults[id] = healthy()
    this.storage.foreign = 0
    this.wallet.protection = 'protected'
    this.wallet.callsStatusMode = 'ok'
    this.wallet.account = sender
    this.wallet.chainId = chainId
    this.note('faults stop')
  }

  stop() {
    for (const tab of this.tabs) tab?.close()
  }
}
