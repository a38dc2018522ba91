// Over 250 lines: the one send pipeline (gate, lock, nonce, intent, wallet request) reads in order in one file.
import type { Address, Hex, PublicClient } from 'viem'
import { type ClassifiedError, classifyError } from '../../errors/classify'
import { AccountBusyError } from '../../errors/errors'
import type { Fees } from '../../fees/presets'
import type { Eip1193Request, ProtectionState } from '../../protect/detect'
import type { WalletRoute } from '../../protect/route'
import { foreignNonceWarning, needsForeignAck } from '../fix/foreignNonce'
import { applyEvent, type RecordEvent } from '../records/lifecycle'
import { newRecordId, type RecordKind, type RecordStore, storedCall, type TxRecord } from '../records/records'
import { findTransactionByNonce, matchesIntent } from '../track/byNonce'
import { sentUnknownFor } from '../track/intents'
import { delegationRefusal } from './delegationGuard'
import { consentOf, gateMessage, protectionGate } from './gate'
import { inFlightIntents } from './inFlight'
import { alreadySentAgain, alreadySentAgainReason, resendMustWait } from './nextSend'
import { beyondReach, beyondReachText, nextNonce, nonceHolders } from './nonces'
import type { Asset, Call } from './prepare'
import { accountLockName, type TabLocks } from './tabLocks'
import { assertWalletChain, requestTransaction, WrongWalletChainError } from './wallet'

/**
 * THE send pipeline: every transaction Hush asks a wallet for goes through `sendThroughPipeline` (one
 * transaction) or `sendAtomicBatch` (batchPipeline.ts). The steps, in order:
 *   1. protection gate — a fresh Protect probe through the wallet; public only with consent given in the state
 *      found (gate.ts); probed again inside the lock, after the nonce and the chain check, right before step 5;
 *   2. a lock per chain + account held across tabs (tabLocks.ts); a second tab waits and says so; inside it,
 *      the sender's EIP-7702 delegation: an unknown delegate needs the user's tick (delegationGuard.ts);
 *   3. the nonce — the highest of the node's count and every unfinished record of every tab, read inside
 *      the lock;
 *   4. the wallet's chain, checked right before the request, which names the chain explicitly;
 *   5. the intent, recorded before the wallet prompt ("waiting for your wallet"); the hash fills it in;
 *   6. tracking, which the app shell runs for every open record.
 */
export type PipelineReader = Pick<
  PublicClient,
  'getTransactionCount' | 'getBlockNumber' | 'getBlock' | 'getCode'
>

export type PipelineProgress = 'checking-protection' | 'waiting-for-other-tab' | 'waiting-for-wallet'

export type PipelineDeps = {
  /** The connected wallet's own EIP-1193 provider. */
  wallet: Eip1193Request
  /** The app's read endpoints. */
  reader: PipelineReader
  store: RecordStore
  locks: TabLocks
  chainHasProtect: boolean
  /** Whether Hush can see where the wallet connection sends (route.ts); unseen is "route unknown" at the gate. */
  route?: WalletRoute
  /** EIP-7702 delegates the deployer vouches for (config); any other needs the intent's `acceptedDelegate`. */
  knownDelegates: readonly Address[]
  now?: () => number
  onProgress?: (step: PipelineProgress) => void
  /** Accounts with a request in flight in this tab (one set per tab; tests simulating tabs pass their own). */
  busyAccounts?: Set<string>
}

export type TxIntent = {
  kind: RecordKind
  chainId: number
  from: Address
  call: Call
  gas: bigint
  fees: Fees
  asset?: Asset
  amount?: bigint
  /** Who receives it, when that is not `call.to` (a token transfer). */
  recipient?: Address
  label?: string
  /** Cancel / speed-up (replace) or send again / resume (resend) an earlier record, with its nonce. */
  reuse?: { recordId: string; mode: 'replace' | 'resend' }
  batch?: { id: string; index: number }
  /** Exactly this nonce, to fill a gap below a stuck transaction (refused if it is used or held). */
  fillNonce?: number
  /** The user said no other app's transaction may hold `fillNonce` (a private one is invisible until included). */
  gapAcknowledged?: boolean
  /** The user's explicit choice to let this go out publicly if the wallet is not on Protect. */
  consentToPublic: boolean
  /** The protection state the choice was given in: the gate honours it only in that state (gate.ts). */
  consentFor?: Exclude<ProtectionState, 'protected'>
  /** The unknown EIP-7702 delegate the user ticked as trusted in the review (delegationGuard.ts). */
  acceptedDelegate?: Address
}

export type PipelineResult =
  | { kind: 'sent'; record: TxRecord }
  | { kind: 'gate'; state: Exclude<ProtectionState, 'protected'>; message: string }
  | { kind: 'busy'; message: string }
  | { kind: 'refused'; message: string }
  | { kind: 'declined'; record: TxRecord; message: string }
  | { kind: 'failed'; error: ClassifiedError; message: string; record?: TxRecord }

const busyInThisTab = new Set<string>()

export const busyMessage = new AccountBusyError().message

export async function sendThroughPipeline(deps: PipelineDeps, intent: TxIntent): Promise<PipelineResult> {
  return await guarded(deps, intent, (isProtected) => sendLocked(deps, intent, isProtected))
}

/**
 * Steps 1 and 2 around `body`: the in-tab guard, a first protection probe, the cross-tab lock. Read failures
 * before the wallet request send nothing.
 */
export async function guarded(
  deps: PipelineDeps,
  who: Pick<TxIntent, 'chainId' | 'from' | 'consentToPublic' | 'consentFor' | 'acceptedDelegate'>,
  body: (isProtected: boolean) => Promise<PipelineResult>,
): Promise<PipelineResult> {
  const name = accountLockName(who.chainId, who.from)
  const busyAccounts = deps.busyAccounts ?? busyInThisTab
  // One request per account per tab: a double click or a parallel action is refused, not queued.
  if (busyAccounts.has(name)) return { kind: 'busy', message: busyMessage }
  busyAccounts.add(name)
  try {
    // A first probe before the lock, so a wallet off Protect is told at once, not after another tab's prompt;
    // the one that counts runs inside the lock, right before the request (recordBeforePrompt).
    deps.onProgress?.('checking-protection')
    const gate = await protectionGate(deps.wallet, deps.chainHasProtect, consentOf(who), deps.route)
    if (!gate.pass) return { kind: 'gate', state: gate.state, message: gateMessage(gate.state) }
    return await deps.locks.run(
      name,
      async () => {
        const delegated = await delegationRefusal(
          deps.reader,
          who.from,
          deps.knownDelegates,
          who.acceptedDelegate,
        )
        if (delegated) return { kind: 'refused', message: delegated }
        return await body(gate.protected)
      },
      () => deps.onProgress?.('waiting-for-other-tab'),
    )
  } catch (error) {
    const classified = classifyError(error, { chainId: who.chainId })
    return { kind: 'failed', error: classified, message: `Nothing was sent: ${classified.message}` }
  } finally {
    busyAccounts.delete(name)
  }
}

async function sendLocked(
  deps: PipelineDeps,
  intent: TxIntent,
  isProtected: boolean,
): Promise<PipelineResult> {
  const recorded = await recordBeforePrompt(deps, intent, (nonce, head, now, finalProtected) =>
    intentRecord(intent, nonce, finalProtected ?? isProtected, head, now),
  )
  if (recorded.kind !== 'recorded') return recorded
  const { record, nonce } = recorded
  try {
    const hash = await requestTransaction(deps.wallet, {
      ...intent.call,
      ...intent.fees,
      from: intent.from,
      gas: intent.gas,
      nonce,
      chainId: intent.chainId,
    })
    return { kind: 'sent', record: markSent(deps.store, record.id, hash, intent) }
  } catch (error) {
    return await closeAfterWalletError(deps, record, error)
  } finally {
    inFlightIntents.delete(record.id)
  }
}

/**
 * Steps 3 to 5, for a single send and an atomic batch alike, inside the account lock: the nonce, the wallet's
 * chain, then the intent recorded (with the head it was made at) and marked in flight before the wallet is
 * asked. A refusal records nothing. The caller asks the wallet and takes the record out of flight.
 */
export async function recordBeforePrompt(
  deps: PipelineDeps,
  intent: Pick<TxIntent, 'reuse' | 'chainId' | 'from' | 'fillNonce' | 'gapAcknowledged'> &
    Partial<Pick<TxIntent, 'consentToPublic' | 'consentFor'>>,
  toRecord: (nonce: number, head: number, now: number, isProtected?: boolean) => TxRecord,
): Promise<
  | { kind: 'refused'; message: string }
  | Extract<PipelineResult, { kind: 'gate' }>
  | { kind: 'recorded'; record: TxRecord; nonce: number }
> {
  deps.store.reload()
  const nonce = await chooseNonce(deps, intent)
  if (typeof nonce === 'string') return { kind: 'refused', message: nonce }
  try {
    await assertWalletChain(deps.wallet, intent.chainId)
  } catch (error) {
    if (error instanceof WrongWalletChainError) return { kind: 'refused', message: error.message }
    throw error
  }
  const head = Number(await deps.reader.getBlockNumber({ cacheTime: 0 }))
  // The last probe, after the lock, the nonce and the chain check: the wallet's RPC may have changed meanwhile.
  deps.onProgress?.('checking-protection')
  const gate = await protectionGate(deps.wallet, deps.chainHasProtect, consentOf(intent), deps.route)
  if (!gate.pass) return { kind: 'gate', state: gate.state, message: gateMessage(gate.state) }
  // Nothing goes to the wallet unless its intent is in storage: memory alone is lost on a reload, and another
  // tab could not see its nonce.
  const stored = deps.store.addDurably(toRecord(nonce, head, (deps.now ?? Date.now)(), gate.protected))
  if (!stored.ok) return { kind: 'refused', message: storageFullMessage(stored.reason) }
  const record = stored.record
  inFlightIntents.add(record.id)
  deps.onProgress?.('waiting-for-wallet')
  return { kind: 'recorded', record, nonce }
}

export const storageFullMessage = (reason: string) =>
  `Nothing was sent: Hush could not store a record of this transaction before asking your wallet (${reason}), so it could lose track of it. Free some space for this site (or allow it storage) and try again.`

/** The hash came back: the intent becomes a pending transaction, and a replaced record points at it. */
export function markSent(store: RecordStore, id: string, hash: Hex, intent: Pick<TxIntent, 'reuse'>) {
  const sent = applyEvent(store, id, { kind: 'sent', hash, at: Date.now() }) ?? (store.get(id) as TxRecord)
  if (intent.reuse?.mode === 'replace') applyEvent(store, intent.reuse.recordId, { kind: 'replacedBy', id })
  return sent
}

/** EIP-1193 provider errors that come before any signing: unauthorized, unsupported, disconnected. */
const refusedBeforeSigning: ReadonlySet<number> = new Set([4100, 4200, 4900, 4901])
/** A transaction refused as invalid (by the wallet or the node it sent to) was not taken by anyone. */
const refusedAsInvalid: ReadonlySet<string> = new Set(['insufficient-funds', 'fee-too-low'])

/**
 * The wallet answered with an error. Only proof closes the intent as "not sent": the user declined, the
 * provider refused before signing, or the transaction was refused as invalid (insufficient funds, underpriced). Anything else (a relay that took the transaction and then timed out) leaves
 * the outcome unknown: the intent stays open, and the resolver closes it once its nonce is used, by it (found)
 * or by another transaction (not sent). A nonce still unused at the head proves nothing: Protect's are private.
 */
export async function closeAfterWalletError(
  deps: PipelineDeps,
  record: TxRecord,
  error: unknown,
): Promise<PipelineResult> {
  const { event, result } = walletErrorVerdict(deps, record, error)
  const after = applyEvent(deps.store, record.id, event) ?? record
  // Tracking (or another tab) found the transaction while the wallet's error came back: it went out after all.
  if (after.hash !== undefined && after.status !== 'NOT_SENT') return { kind: 'sent', record: after }
  return result(after)
}

/** What the wallet's error proves (the event for the record) and what the page is told. */
function walletErrorVerdict(
  deps: PipelineDeps,
  record: TxRecord,
  error: unknown,
): { event: RecordEvent; result: (after: TxRecord) => PipelineResult } {
  const method = record.kind === 'batch' ? 'wallet_sendCalls' : 'eth_sendTransaction'
  const classified = classifyError(error, { method, chainId: record.chainId })
  if (classified.category === 'user-rejected')
    return {
      event: { kind: 'notSent', detail: classified.message },
      result: (after) => ({ kind: 'declined', record: after, message: classified.message }),
    }
  const code = (error as { code?: unknown } | null)?.code
  if (
    (typeof code === 'number' && refusedBeforeSigning.has(code)) ||
    refusedAsInvalid.has(classified.category)
  )
    return {
      event: { kind: 'notSent', detail: `Not sent: it was refused ("${classified.message}")`.slice(0, 500) },
      result: (after) => ({
        kind: 'failed',
        error: classified,
        message: `${classified.message} Nothing was sent.`,
        record: after,
      }),
    }
  return {
    event: {
      kind: 'outcomeUnknown',
      at: (deps.now ?? Date.now)(),
      detail: `The wallet answered "${classified.message}". ${sentUnknownFor(record)}`.slice(0, 500),
    },
    result: (after) => ({
      kind: 'failed',
      error: classified,
      message: `${classified.message} ${sentUnknownFor(record)}`,
      record: after,
    }),
  }
}

/** The nonce for this request, or why it cannot be sent (a reused nonce that is no longer safe). */
export async function chooseNonce(
  deps: PipelineDeps,
  intent: Pick<TxIntent, 'reuse' | 'chainId' | 'from' | 'fillNonce' | 'gapAcknowledged'>,
): Promise<number | string> {
  const records = deps.store.list()
  if (intent.fillNonce !== undefined) return await gapNonce(deps, intent, intent.fillNonce, records)
  if (!intent.reuse) {
    const pending = await deps.reader.getTransactionCount({ address: intent.from, blockTag: 'pending' })
    return nextNonce(pending, records, intent.chainId, intent.from)
  }
  const original = deps.store.get(intent.reuse.recordId)
  if (!original || original.nonce === undefined)
    return 'The original transaction has no known nonce, so it cannot be replaced or sent again safely.'
  const n = original.nonce
  const mined = await deps.reader.getTransactionCount({ address: intent.from, blockTag: 'latest' })
  if (beyondReach(n, mined)) return `${beyondReachText(n, mined)} Nothing was sent.`
  const resend = intent.reuse.mode === 'resend'
  // Read inside the account lock: another tab's resend of the same original, stored before its prompt, is seen.
  if (resend && alreadySentAgain(original, records)) return `${alreadySentAgainReason} Nothing was sent.`
  // A reverted original used its nonce and did nothing else: re-running it is a new transaction.
  if (resend && original.status === 'REVERTED') {
    const pending = await deps.reader.getTransactionCount({ address: intent.from, blockTag: 'pending' })
    return nextNonce(pending, records, intent.chainId, intent.from)
  }
  if (mined > n) {
    const usedElsewhere =
      resend && !original.hash && (await usedByAnother(deps.reader, original, n).catch(() => false))
    // Only when another transaction took the nonce can the original never be included: then a fresh nonce.
    return usedElsewhere
      ? nextNonce(
          await deps.reader.getTransactionCount({ address: intent.from, blockTag: 'pending' }),
          records,
          intent.chainId,
          intent.from,
        )
      : `Nonce ${n} has been used on chain since, so the original may have been included after all. Nothing was sent: Activity shows what happened to it.`
  }
  const family = new Set([original.id, ...records.filter((r) => r.replaces === original.id).map((r) => r.id)])
  const others = nonceHolders(records, intent.chainId, intent.from, n, family)
  if (resend && others.length > 0)
    return `Nonce ${n} is held by another transaction that is not final yet. Nothing was sent: wait until it is final.`
  const wait = resend ? await resendMustWait(deps.reader, original, records) : undefined
  return wait ? `${wait} Nothing was sent.` : n
}

function intentRecord(
  intent: TxIntent,
  nonce: number,
  isProtected: boolean,
  head: number,
  now: number,
): TxRecord {
  return {
    id: newRecordId(),
    kind: intent.kind,
    chainId: intent.chainId,
    from: intent.from,
    nonce,
    to: intent.recipient ?? intent.call.to,
    call: storedCall(intent.call),
    ...(intent.asset ? { asset: intent.asset } : {}),
    ...(intent.amount !== undefined ? { amount: intent.amount.toString() } : {}),
    ...(intent.label ? { label: intent.label } : {}),
    fees: {
      maxFeePerGas: intent.fees.maxFeePerGas.toString(),
      maxPriorityFeePerGas: intent.fees.maxPriorityFeePerGas.toString(),
      gas: intent.gas.toString(),
    },
    createdAt: now,
    protected: isProtected,
    status: 'AWAITING_WALLET',
    privacy: isProtected ? 'checking' : 'unprotected',
    detail: 'Waiting for your wallet: confirm or reject it there.',
    intentBlock: head,
    ...(intent.reuse?.mode === 'replace' ? { replaces: intent.reuse.recordId } : {}),
    ...(intent.reuse?.mode === 'resend' ? { resends: intent.reuse.recordId } : {}),
    ...(intent.batch ? { batchId: intent.batch.id, stepIndex: intent.batch.index } : {}),
  }
}

/** Whether nonce `n` of the original's sender was used by a transaction other than the original. */
async function gapNonce(
  deps: PipelineDeps,
  intent: Pick<TxIntent, 'chainId' | 'from' | 'gapAcknowledged'>,
  n: number,
  records: readonly TxRecord[],
): Promise<number | string> {
  // A nonce Hush has no record of may be another app's private transaction, invisible until included: filling
  // it would replace that one. Only the user can say there is none (issue 21).
  if (!intent.gapAcknowledged && needsForeignAck(records, intent, n))
    return `${foreignNonceWarning(n)} Nothing was sent.`
  const mined = await deps.reader.getTransactionCount({ address: intent.from, blockTag: 'latest' })
  if (beyondReach(n, mined)) return `${beyondReachText(n, mined)} Nothing was sent.`
  if (mined > n)
    return `Nonce ${n} has been used on chain since: there is no gap to fill any more. Nothing was sent.`
  if (nonceHolders(records, intent.chainId, intent.from, n, new Set()).length > 0)
    return `Nonce ${n} is held by another transaction that is not final yet. Nothing was sent.`
  return n
}

async function usedByAnother(reader: PipelineReader, original: TxRecord, n: number): Promise<boolean> {
  const tx = await findTransactionByNonce(reader, original.from, n, BigInt(original.intentBlock ?? 0))
  return tx !== undefined && !matchesIntent(original, tx)
}

/** The one sentence a send result shows the user (none when it was sent); callers never reword it. */
export function sendResultMessage(result: PipelineResult): string | undefined {
  return result.kind === 'sent' ? undefined : result.message
}
