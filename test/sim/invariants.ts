import { storageKeys } from '../../src/core/storage/stored'
import { isFinal, isOpen, type TxRecord, txRecordSchema } from '../../src/core/tx/records/records'
import { holdsNonce } from '../../src/core/tx/send/nonces'
import { atomicRecordOf, batchContradiction } from './batch'
import type { SimTx } from './chain'
import type { Prompt } from './wallet'
import type { World } from './world'

export type InvariantName =
  | 'no double payment'
  | 'consent'
  | 'no lasting false status'
  | 'no lost record'
  | 'it settles'
  | 'bounded nonce'

export class InvariantBroken extends Error {
  constructor(
    readonly invariant: InvariantName,
    detail: string,
  ) {
    super(`${invariant}: ${detail}`)
  }
}

/** How long (fake ms, reads healthy) a final status the world contradicts may stay shown: one tracking round. */
export const graceMs = 60_000

/** The promises Hush makes, checked against the simulated world at every wallet request and after every step. */
export class Invariants {
  private readonly broken: InvariantBroken[] = []
  /** Records persisted when their wallet prompt was shown: each must survive any reload or tab close. */
  private readonly prompted = new Set<string>()
  /** Prompted records seen final in storage: Hush may trim its own oldest final records to store a new intent. */
  private readonly seenFinal = new Set<string>()
  private readonly contradicted = new Map<string, number>()

  /** `ignore`: invariants left unchecked, to look past a known bug for the next one (exploration only). */
  constructor(
    private readonly w: World,
    private readonly ignore: ReadonlySet<InvariantName> = new Set(),
  ) {
    w.storage.onChange((key) => {
      if (key !== storageKeys.activity) return
      for (const r of this.stored())
        if (this.prompted.has(r.id) && isFinal(r.status)) this.seenFinal.add(r.id)
    })
  }

  private fail(invariant: InvariantName, detail: string) {
    if (this.ignore.has(invariant)) return
    this.w.note(`INVARIANT BROKEN ${invariant}: ${detail}`)
    this.broken.push(new InvariantBroken(invariant, detail))
  }

  stored(): TxRecord[] {
    const raw = this.w.storage.getItem(storageKeys.activity)
    const list = raw ? (JSON.parse(raw) as unknown[]) : []
    return list.flatMap((item) => {
      const parsed = txRecordSchema.safeParse(item)
      return parsed.success ? [parsed.data] : []
    })
  }

  /** No lost record: the intent is in storage before the prompt. Bounded nonce: no nonce past what is in use. */
  atPrompt(p: Prompt) {
    this.w.note(`wallet prompt #${p.id} (tab ${p.tab}) nonce ${p.requestedNonce} value ${p.value}`)
    const stored = this.stored()
    const record = p.calls
      ? atomicRecordOf(stored, p)
      : [...stored].reverse().find(
          (r) =>
            // Each prompt has a fresh intent: an earlier prompt's ("Sent? Not known yet" after a wallet error
            // stays AWAITING_WALLET) is not this one's, though it asks the same payment at the same nonce.
            !this.prompted.has(r.id) &&
            r.status === 'AWAITING_WALLET' &&
            r.nonce === p.requestedNonce &&
            r.call?.to.toLowerCase() === p.to.toLowerCase() &&
            r.call.value === p.value.toString(),
        )
    if (!record)
      this.fail(
        'no lost record',
        `the wallet was asked (prompt #${p.id}) for an intent that is not in storage`,
      )
    else {
      this.prompted.add(record.id)
      // A batch step's container is stored before its first step's prompt, and must survive too.
      if (record.batchId) this.prompted.add(record.batchId)
      p.recordId = record.id
    }
    const w = this.w
    const inUse =
      stored.filter((r) => holdsNonce(r) && isOpen(r)).length +
      w.wallet.prompts.length +
      w.wallet.allSent().filter((t) => w.relay.mayInclude(t)).length
    const bound = w.chain.count(p.from) + inUse
    if (p.requestedNonce > bound)
      this.fail(
        'bounded nonce',
        `nonce ${p.requestedNonce} asked while the account's next nonce is ${w.chain.count(p.from)} and ${inUse} are in use`,
      )
  }

  /** No double payment (nothing sent for a payment another tx may still pay); consent for anything public. */
  atBroadcast(tx: SimTx, p: Prompt) {
    this.w.note(`wallet broadcast ${tx.payment} nonce ${tx.nonce} ${tx.route} (prompt #${p.id})`)
    const earlier = this.w.wallet
      .allSent()
      .find(
        (t) =>
          t !== tx &&
          t.payment === tx.payment &&
          t.payment !== 'other' &&
          t.nonce !== tx.nonce &&
          this.w.relay.mayInclude(t),
      )
    if (earlier)
      this.fail(
        'no double payment',
        `${tx.payment} sent again at nonce ${tx.nonce} while nonce ${earlier.nonce} (${earlier.hash.slice(0, 10)}…) can still be included`,
      )
    if (tx.route === 'public' && p.protectionAtRequest !== 'protected') {
      const payment = this.w.payments.find((x) => x.id === tx.payment)
      if (payment?.consentFor !== p.protectionAtRequest)
        this.fail(
          'consent',
          `${tx.payment} went public; at the request the wallet was ${p.protectionAtRequest}, consent was given for ${payment?.consentFor ?? 'nothing'}`,
        )
    }
  }

  /** Run after every step: throws the first broken promise. */
  afterStep() {
    const w = this.w
    const paid = new Map<string, number>()
    for (const inc of w.chain.allIncluded())
      if (inc.tx.payment !== 'other') paid.set(inc.tx.payment, (paid.get(inc.tx.payment) ?? 0) + 1)
    for (const [payment, n] of paid)
      if (n > 1) this.fail('no double payment', `${payment} was included ${n} times`)
    const stored = this.stored()
    const ids = new Set(stored.map((r) => r.id))
    for (const id of this.prompted)
      if (!ids.has(id) && !this.seenFinal.has(id))
        this.fail('no lost record', `record ${id} is gone from storage before it was final`)
    // Kept in storage but left out of every list as another app's is lost to the user all the same.
    for (const r of stored)
      if (this.prompted.has(r.id) && r.notHush)
        this.fail('no lost record', `Hush's record ${r.id} was taken for another app's: ${r.notHush}`)
    this.falseStatuses()
    const first = this.broken[0]
    if (first) throw first
  }

  private readsHealthy(): boolean {
    const f = Object.values(this.w.endpoints.faults)
    return f.every((x) => !x.down && !x.hang && x.lag === 0 && !x.receiptFails)
  }

  private falseStatuses() {
    const w = this.w
    const now = w.clock.now()
    const seen = new Set<string>()
    for (const tab of w.tabs) {
      if (!tab?.alive) continue
      for (const r of tab.store.list()) {
        const why = this.contradiction(r)
        if (!why) continue
        const key = `${tab.id}/${r.id}/${r.status}/${r.privacy}`
        seen.add(key)
        const since = this.readsHealthy() ? (this.contradicted.get(key) ?? now) : now
        this.contradicted.set(key, since)
        if (now - since > graceMs)
          this.fail(
            'no lasting false status',
            `tab ${tab.id} shows ${r.id} (nonce ${r.nonce}) as ${r.status}/${r.privacy} for ${(now - since) / 1000}s, but ${why}`,
          )
      }
    }
    for (const key of [...this.contradicted.keys()]) if (!seen.has(key)) this.contradicted.delete(key)
  }

  private contradiction(r: TxRecord): string | undefined {
    const w = this.w
    if (r.hash) {
      const inc = w.chain.inclusion(r.hash)
      if ((r.status === 'INCLUDED' || r.status === 'REVERTED') && !inc)
        return 'the chain has no such inclusion'
      // A record's nonce is what the next send counts on: one the chain did not use for it is a false fact.
      if ((r.status === 'INCLUDED' || r.status === 'REVERTED') && inc && r.nonce !== inc.tx.nonce)
        return `it was included at nonce ${inc.tx.nonce}, not ${r.nonce}`
      if (['FAILED', 'CANCELLED', 'REPLACED'].includes(r.status) && inc)
        return `it was included in block ${inc.block}`
      if (r.privacy === 'private' && w.relay.wentPublic(r.hash)) return 'it went to the public mempool'
    }
    if (r.status === 'NOT_SENT') {
      const sent = w.wallet.allSent().find((t) => t.recordId === r.id)
      if (sent && (w.chain.inclusion(sent.hash) || w.relay.mayInclude(sent)))
        return `the wallet broadcast it (${sent.hash.slice(0, 10)}…, ${w.chain.inclusion(sent.hash) ? 'included' : 'still includable'})`
    }
    return batchContradiction(w, r)
  }

  /** It settles: once faults stop, every open record of every open page is final. */
  settled() {
    for (const tab of this.w.tabs)
      for (const r of tab?.alive ? tab.store.list() : [])
        if (isOpen(r))
          this.fail(
            'it settles',
            `tab ${tab?.id} still shows ${r.id} (nonce ${r.nonce}) as ${r.status} after the settling blocks`,
          )
    const first = this.broken[0]
    if (first) throw first
  }
}
