import fc from 'fast-check'
import { storageKeys } from '../../src/core/storage/stored'
import type { TxIntent } from '../../src/core/tx/send/pipeline'
import { canSendAgain, rebuildOriginal, sendAgainIntent } from '../../src/core/tx/send/replace'
import { batchCommands } from './batch'
import type { EndpointFaults } from './reads'
import type { RelayMode, StatusApiMode } from './relay'
import { type Decision, decisions, type Protection } from './wallet'
import { chainId, otherAccount, recipient, sender, type World } from './world'

type Account = 'sender' | 'other'

/**
 * Faults tied to issue 21's open bugs, each switched on by name: a wallet that fails or answers garbage AFTER it
 * broadcast, storage another app fills, another app's record with a far nonce, consent given for one protection
 * state used in another, the wallet's RPC switching while a send is between its probe and its request, and a
 * wallet that picks its own nonce (MetaMask) instead of the one Hush asked for, and batches (batch.ts: one-by-one
 * with Resume, atomic with wallet_getCallsStatus).
 */
export const bugFaults = [
  'afterBroadcast',
  'storageFull',
  'foreignNonce',
  'consentRetry',
  'switchMidSend',
  'walletNonces',
  'batches',
] as const
/**
 * Faults of the world around Hush rather than of one of issue 21's bugs: the wallet switching account or chain at
 * any moment, and read endpoints that hang (no answer until the pool's time-out on the fake clock).
 */
export const worldFaults = ['walletSwitch', 'hungReads'] as const
export type BugFault = (typeof bugFaults)[number] | (typeof worldFaults)[number]
/** `full`: every fault; a list: exactly the faults it names. */
export type Profile = 'full' | readonly BugFault[]

export function faultsOf(profile: Profile): ReadonlySet<BugFault> {
  return new Set(profile === 'full' ? [...bugFaults, ...worldFaults] : profile)
}

export const fees = { maxFeePerGas: 2_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n }
export type Cmd = fc.AsyncCommand<object, World, boolean>

const cmd = (name: string, run: (w: World) => void | Promise<void>): Cmd => ({
  check: () => true,
  run: async (_m, w) => {
    w.note(`» ${name}`)
    await run(w)
    w.check.afterStep()
  },
  toString: () => name,
})

export function transfer(w: World, consent: boolean) {
  const payment = { id: `P${w.payments.length + 1}`, value: BigInt(1000 + w.payments.length + 1) }
  w.payments.push(payment)
  const intent: TxIntent = {
    kind: 'transfer',
    chainId,
    from: sender,
    call: { to: recipient, value: payment.value },
    gas: 21_000n,
    fees,
    consentToPublic: consent,
  }
  return { payment, intent }
}

/** "Send again" on a record the page offers it for (canSendAgain), rebuilt as the diagnosis does. */
async function sendAgain(w: World, slot: number, pick: number) {
  const tab = w.tabs[slot]
  if (!tab?.alive) return
  const list = tab.store.list()
  const offered = list.filter((r) => canSendAgain(r, list))
  const record = offered[pick % Math.max(1, offered.length)]
  if (!record) return
  const original = await rebuildOriginal({ reader: w.pipelineDeps(tab).reader as never }, record)
  if (typeof original === 'string') return
  const payment = w.payments.find((p) => p.id === w.paymentOf(original.call.to, original.call.value))
  if (!payment) return
  w.send(slot, sendAgainIntent(record, original, fees, { consentToPublic: false }), payment)
}

export function commands(profile: Profile) {
  const on = faultsOf(profile)
  const slot = fc.integer({ min: 0, max: 1 })
  const decision = fc.constantFrom<Decision>(
    // With batches the user mostly approves: a step must be included before a stop and a Resume can matter.
    ...(on.has('batches') ? (['approve', 'approve'] as const) : []),
    ...(on.has('afterBroadcast')
      ? decisions
      : decisions.filter((d) => d !== 'failAfter' && d !== 'malformed')),
  )
  const faults: fc.Arbitrary<EndpointFaults> = on.has('hungReads')
    ? fc.record({
        lag: fc.integer({ min: 0, max: 2 }),
        down: fc.boolean(),
        receiptFails: fc.boolean(),
        hang: fc.boolean(),
      })
    : fc
        .record({ lag: fc.integer({ min: 0, max: 2 }), down: fc.boolean(), receiptFails: fc.boolean() })
        .map((f) => ({ ...f, hang: false }))
  const list: fc.Arbitrary<Cmd>[] = [
    slot.map((s) =>
      cmd(`send in slot ${s}`, (w) => {
        const { payment, intent } = transfer(w, false)
        w.send(s, intent, payment)
      }),
    ),
    fc
      .tuple(slot, fc.nat())
      .map(([s, k]) => cmd(`send again in slot ${s} (pick ${k})`, (w) => void sendAgain(w, s, k))),
    fc.tuple(fc.nat(), decision).map(([k, d]) =>
      cmd(`wallet: ${d} prompt ${k}`, (w) => {
        const r = w.wallet.decide(k, d)
        if (r) w.note(`wallet ${d} prompt #${r.prompt.id}${r.tx ? ` → ${r.tx.hash.slice(0, 10)}…` : ''}`)
      }),
    ),
    fc.constantFrom<Protection>('protected', 'not-protected', 'unknown').map((p) =>
      cmd(`wallet RPC now ${p}`, (w) => {
        // Without switchMidSend: not while a send is on its way (its probe may have answered before the switch).
        if (!on.has('switchMidSend') && w.tabs.some((t) => t?.alive && t.busyAccounts.size > 0)) return
        w.wallet.protection = p
      }),
    ),
    fc.integer({ min: 1, max: 8 }).map((n) => cmd(`deliver ${n} answers`, (w) => w.deliver(n))),
    fc.integer({ min: 1, max: 40 }).map((sec) => cmd(`wait ${sec}s`, (w) => w.tick(sec * 1000))),
    slot.map((s) =>
      cmd(`reload slot ${s}`, (w) => {
        w.closeTab(s)
        w.openTab(s)
      }),
    ),
    slot.map((s) => cmd(`close slot ${s}`, (w) => w.closeTab(s))),
    slot.map((s) => cmd(`open slot ${s}`, (w) => w.openTab(s))),
    fc.constantFrom<RelayMode>('prompt', 'slow', 'failThenInclude').map((m) =>
      cmd(`relay ${m}`, (w) => {
        w.relay.mode = m
      }),
    ),
    fc.constantFrom<StatusApiMode>('ok', 'down', '429', 'unknown').map((m) =>
      cmd(`status API ${m}`, (w) => {
        w.relay.statusApi = m
      }),
    ),
    fc.tuple(fc.constantFrom('a', 'b'), faults).map(([id, f]) =>
      cmd(`endpoint ${id} ${JSON.stringify(f)}`, (w) => {
        w.endpoints.faults[id] = f
      }),
    ),
  ]
  if (on.has('consentRetry'))
    // Consent given for what the page showed when it refused, used on the next attempt whatever the wallet is then.
    list.push(
      slot.map((s) =>
        cmd(`consent and send again in slot ${s}`, (w) => {
          // A transfer of the Send page: a batch's refused step is retried by the batch (Resume), never as a new transfer.
          const payment = [...w.payments].reverse().find((p) => p.refusedAs && p.id.startsWith('P'))
          if (!payment) return
          payment.consentFor = payment.refusedAs
          // One retry per refusal: the same payment entered twice would be the user paying twice.
          payment.refusedAs = undefined
          const { intent } = transfer(w, true)
          w.payments.pop()
          // As the app's sender: the choice names the state the box was shown for (the refusal's).
          w.send(
            s,
            { ...intent, consentFor: payment.consentFor, call: { to: recipient, value: payment.value } },
            payment,
          )
        }),
      ),
    )
  if (on.has('foreignNonce'))
    // Another app on the origin writes a record Hush can read, for our account, with a nonce far ahead.
    list.push(
      fc.integer({ min: 1000, max: 1_000_000 }).map((nonce) =>
        cmd(`another app stores a record with nonce ${nonce}`, (w) => {
          const raw = w.storage.getItem(storageKeys.activity)
          const list = raw ? (JSON.parse(raw) as unknown[]) : []
          const foreign = {
            id: `foreign-${nonce}`,
            kind: 'transfer',
            chainId,
            from: sender,
            nonce,
            createdAt: w.clock.now(),
            protected: true,
            status: 'AWAITING_WALLET',
            privacy: 'checking',
            intentBlock: 0,
          }
          try {
            w.storage.setItem(storageKeys.activity, JSON.stringify([foreign, ...list]))
          } catch {
            // storage full: the other app's write fails
          }
        }),
      ),
    )
  if (on.has('batches')) list.push(...batchCommands(slot, cmd))
  if (on.has('walletSwitch'))
    // The user switches the wallet's account or chain, whatever Hush is doing (a prompt open, a send on its way).
    list.push(
      fc.constantFrom<Account>('sender', 'other').map((a) =>
        cmd(`wallet account now ${a}`, (w) => {
          w.wallet.account = a === 'sender' ? sender : otherAccount
        }),
      ),
      fc.constantFrom(chainId, 1).map((id) =>
        cmd(`wallet chain now ${id}`, (w) => {
          w.wallet.chainId = id
        }),
      ),
    )
  if (on.has('storageFull'))
    list.push(
      fc
        .integer({ min: 0, max: 2000 })
        .map((room) => cmd(`storage: another app leaves ${room} chars`, (w) => w.storage.fill(room))),
    )
  // The user's and the wallet's moves come up more often than a change of faults.
  const [send, again, decide, , deliver, wait] = list as fc.Arbitrary<Cmd>[]
  // With batches the user sends fewer single payments: a batch run needs quiet spells to get a step included.
  const sends = on.has('batches') ? [] : [send, send, send, send]
  const weighted = [
    ...sends,
    decide,
    decide,
    decide,
    decide,
    deliver,
    deliver,
    wait,
    wait,
    ...(on.has('batches') ? [wait, wait] : []),
    again,
    again,
  ] as fc.Arbitrary<Cmd>[]
  return fc.commands([...list, ...weighted], {
    maxCommands: 60,
    size: 'large',
  })
}
