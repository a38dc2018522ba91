import fc from 'fast-check'
import { type RecordedStep, resumableStep, stepRecords } from '../../src/core/batch/activity'
import type { SequentialStop } from '../../src/core/batch/sequential'
import { newRecordId, type TxRecord } from '../../src/core/tx/records/records'
import { followAtomicBatch, sendAtomicBatch } from '../../src/core/tx/send/batchPipeline'
import { requestCallsStatus } from '../../src/core/tx/send/wallet'
import type { Cmd } from './model'
import { type OneByOneDeps, runOneByOne } from './oneByOne'
import type { SimTab } from './tab'
import type { CallsStatusMode, Prompt, SimCall } from './wallet'
import { chainId, type Payment, recipient, sender, type World } from './world'

/**
 * Batches in the simulated world, through the real core: a one-by-one batch (`runOneByOne`, each step decided
 * with the chain at that moment; Resume runs it again from step 1) and an atomic one (`sendAtomicBatch`, then
 * `followAtomicBatch` and the tracker's wallet_getCallsStatus). Every step, and every atomic batch, is a payment
 * of its own (a unique value), so "no double payment" counts steps.
 */

const fees = { maxFeePerGas: 2_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n }

/** A page's one-by-one run (the Batch page's module state: one per page, gone with it). */
export type PageRun = { batchId: string; steps: RecordedStep[]; running: boolean; stop?: SequentialStop }

function newPayments(w: World, n: number, prefix: string): Payment[] {
  const k = w.payments.filter((p) => p.id.startsWith(prefix)).length + 1
  return Array.from({ length: n }, (_, i) => {
    const payment = { id: `${prefix}${k}.${i + 1}`, value: BigInt(1000 + w.payments.length + 1) }
    w.payments.push(payment)
    return payment
  })
}

function oneByOneDeps(w: World, tab: SimTab): OneByOneDeps {
  const answer = w.answerFor(tab)
  return {
    store: tab.store,
    locks: w.locks.forTab(tab.id),
    reader: w.endpoints.reader(answer) as unknown as OneByOneDeps['reader'],
    pipeline: async () => w.pipelineDeps(tab),
    prepare: async () => ({ gas: 21_000n, fees }),
    now: w.clock.now,
  }
}

function run(w: World, tab: SimTab, page: PageRun, label: string) {
  page.running = true
  w.note(`tab ${tab.id}: ${label} ${page.batchId}`)
  const consent = { consentToPublic: false }
  void runOneByOne(oneByOneDeps(w, tab), {
    batchId: page.batchId,
    chainId,
    from: sender,
    steps: page.steps,
    consent,
  }).then((stop) => {
    page.running = false
    page.stop = stop
    w.note(`tab ${tab.id}: batch ${page.batchId} → ${stop.completed ? 'completed' : stop.reason}`)
  })
}

export function startOneByOne(w: World, slot: number, n: number) {
  const tab = w.tabs[slot]
  // The Batch page runs one batch at a time: its Send is not offered while a run is going.
  if (!tab?.alive || w.pageRuns.get(tab.id)?.running) return
  const steps = newPayments(w, n, 'B').map((p, i) => ({
    call: { to: recipient, value: p.value },
    sentence: `Step ${i + 1}: ${p.id}`,
  }))
  const page: PageRun = { batchId: newRecordId(), steps, running: false }
  w.pageRuns.set(tab.id, page)
  run(w, tab, page, `one-by-one batch of ${n}`)
}

/** Resume, offered as the Batch page offers it: its run is not running and `resumableStep` names a step. */
export function resume(w: World, slot: number) {
  const tab = w.tabs[slot]
  const page = tab?.alive ? w.pageRuns.get(tab.id) : undefined
  if (!tab || !page || page.running || page.steps.length === 0) return
  const all = tab.store.list()
  const batch = tab.store.get(page.batchId)
  if (!batch || resumableStep(stepRecords(batch, all), all) === undefined) return
  run(w, tab, page, 'resume')
}

export function startAtomic(w: World, slot: number, n: number) {
  const tab = w.tabs[slot]
  if (!tab?.alive || w.pageRuns.get(tab.id)?.running) return
  const payments = newPayments(w, n, 'A')
  const calls: SimCall[] = payments.map((p) => ({ to: recipient, value: p.value }))
  // The calls' own payments stay listed (never paid alone), so every later value stays unique.
  const batch: Payment = { id: payments[0]?.id.split('.')[0] ?? 'A', value: 0n, calls }
  w.payments.push(batch)
  w.note(`tab ${tab.id}: atomic batch ${batch.id} of ${n}`)
  // The page's run is now this atomic batch: nothing to resume, no other batch until it is followed.
  const page: PageRun = { batchId: batch.id, steps: [], running: true }
  w.pageRuns.set(tab.id, page)
  const deps = w.pipelineDeps(tab)
  void sendAtomicBatch(deps, {
    chainId,
    from: sender,
    steps: calls.map((c, i) => ({ call: c, label: `Call ${i + 1}` })),
    consentToPublic: false,
  }).then(async (r) => {
    w.note(`tab ${tab.id}: ${batch.id} → ${r.kind}${'message' in r ? `: ${r.message}` : ''}`)
    if (r.kind === 'sent') {
      const after = await followAtomicBatch(deps.wallet, tab.store, r.record.id, { clock: w.clock })
      w.note(`tab ${tab.id}: ${batch.id} followed → ${after?.status}`)
    }
    page.running = false
  })
}

const sameCalls = (steps: TxRecord['steps'], calls: readonly SimCall[]) =>
  steps?.length === calls.length &&
  steps.every(
    (s, i) => s.to?.toLowerCase() === calls[i]?.to.toLowerCase() && s.value === calls[i]?.value.toString(),
  )

/** The stored atomic batch a wallet_sendCalls prompt is for; its expected nonce becomes the prompt's. */
export function atomicRecordOf(stored: readonly TxRecord[], p: Prompt): TxRecord | undefined {
  const record = [...stored]
    .reverse()
    .find(
      (r) => r.status === 'AWAITING_WALLET' && r.kind === 'batch' && p.calls && sameCalls(r.steps, p.calls),
    )
  if (record?.nonce !== undefined) p.requestedNonce = record.nonce
  return record
}

/** The payment an atomic batch's calls make (the wallet tags its transaction with it). */
export function paymentOfCalls(w: World, calls: readonly SimCall[]): string {
  return w.payments.find((p) => p.calls && sameCalls(p.calls.map(stepOf), calls))?.id ?? 'other'
}
const stepOf = (c: SimCall) => ({ label: '', to: c.to, value: c.value.toString() })

/** The payment a record stands for: its call's, or its atomic batch's; 'other' for what pays nothing of ours. */
export function paymentOfRecord(w: World, r: TxRecord): string {
  if (r.kind === 'batch' && r.path === 'atomic')
    return w.payments.find((p) => p.calls && sameCalls(r.steps, p.calls))?.id ?? 'other'
  return r.call ? w.paymentOf(r.call.to, BigInt(r.call.value)) : 'other'
}

/** What the world says against a batch record: a hash of another payment's transaction, a false "all included". */
export function batchContradiction(w: World, r: TxRecord): string | undefined {
  if (r.hash && ['PENDING', 'INCLUDED', 'REVERTED'].includes(r.status)) {
    const tx = w.wallet.allSent().find((t) => t.hash.toLowerCase() === r.hash?.toLowerCase())
    const mine = paymentOfRecord(w, r)
    if (tx && mine !== 'other' && tx.payment !== mine)
      return `its hash is the transaction of ${tx.payment} (nonce ${tx.nonce}), not of ${mine}`
  }
  if (r.kind === 'batch' && r.path === 'sequential' && r.status === 'INCLUDED') {
    const paid = new Set(w.chain.allIncluded().map((i) => i.tx.payment))
    const missing = (r.steps ?? []).find(
      (s) => s.to && !paid.has(w.paymentOf(s.to as never, BigInt(s.value ?? 0))),
    )
    if (missing) return `its step "${missing.label}" is not included`
  }
  return undefined
}

/** wallet_getCallsStatus for the tracker, answered in the order the schedule picks. */
export function trackerCallsStatus(w: World, tab: SimTab) {
  const answer = w.answerFor(tab)
  return async (r: TxRecord) =>
    r.callsId
      ? await answer('calls-status', () => requestCallsStatus(w.wallet.provider(tab.id), r.callsId as string))
      : undefined
}

/** Once faults stop, the user comes back to a stopped batch (block `resumeBlock` of the settling ones) and resumes it. */
export const resumeBlock = 30
export function settleMoves(w: World, block: number) {
  if (block !== resumeBlock) return
  w.tabs.forEach((tab, slot) => {
    if (tab?.alive) resume(w, slot)
  })
}

/** The batch profile's commands: start either kind, Resume, and the wallet's wallet_getCallsStatus faults. */
export function batchCommands(
  slot: fc.Arbitrary<number>,
  cmd: (name: string, run: (w: World) => void) => Cmd,
) {
  const n = fc.integer({ min: 2, max: 3 })
  const start = fc
    .tuple(slot, n)
    .map(([s, k]) => cmd(`one-by-one batch of ${k} in slot ${s}`, (w) => startOneByOne(w, s, k)))
  const again = slot.map((s) => cmd(`resume in slot ${s}`, (w) => resume(w, s)))
  const atomic = fc
    .tuple(slot, n)
    .map(([s, k]) => cmd(`atomic batch of ${k} in slot ${s}`, (w) => startAtomic(w, s, k)))
  const status = fc.constantFrom<CallsStatusMode>('ok', 'unknown', 'down').map((m) =>
    cmd(`wallet_getCallsStatus ${m}`, (w) => {
      w.wallet.callsStatusMode = m
    }),
  )
  // Resume comes up often: the bug it guards needs a stop after an included step, then the click.
  return [start, start, again, again, again, again, again, atomic, status]
}
