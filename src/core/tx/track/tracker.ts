import { syncBatchContainers } from '../../batch/activity'
import { type Clock, sleepOn, systemClock } from '../../clock/clock'
import { findChain } from '../../config/chains'
import type { RuntimeConfig } from '../../config/schema'
import { isFinal, type RecordStore, type TxRecord } from '../records/records'
import { inFlightIntents } from '../send/inFlight'
import { accountLockName, type TabLocks } from '../send/tabLocks'
import type { IntentReader } from './byNonce'
import type { ChainReads } from './evidence'
import { type ResolveDeps, resolveIntent } from './intents'
import type { PendingStreams } from './pendingWatch'
import { isTracked, type TrackDeps, trackUntilFinal } from './track'

/** What the tracker reads a chain through: its endpoint pool (hashes) and a reader for intents (nonces). */
export type TrackerRpc = {
  pool: (chainId: number) => Pick<ChainReads, 'withEndpoint' | 'healthyEndpoints'> & {
    readEndpointCount: () => number
  }
  intentReader: (chainId: number) => IntentReader | undefined
}

export type TrackerDeps = {
  store: RecordStore
  rpc: TrackerRpc
  config: RuntimeConfig
  clock?: Clock
  /** The cross-tab locks: a live wallet prompt in some tab keeps an intent open, a live batch run its steps. */
  locks: TabLocks
  pendingStreams?: (chainId: number) => PendingStreams | undefined
  fetchStatus?: TrackDeps['fetchStatus']
  /** wallet_getCallsStatus for an atomic batch the wallet accepted (see intents.ts); absent: it stays open. */
  callsStatus?: ResolveDeps['callsStatus']
  /** A record reached a final status (the shell refreshes balances). */
  onSettled?: (record: TxRecord) => void
}

export type Tracker = { start: () => void; stop: () => void }

const intentPollMs = 2_000

const runningBatch = (r: TxRecord) => r.kind === 'batch' && r.path === 'sequential' && r.status === 'PENDING'

/** The key of the loop a record needs now, or undefined when it needs none. */
function loopKey(config: RuntimeConfig, r: TxRecord, now: number): string | undefined {
  if (!findChain(config, r.chainId)) return undefined
  if (r.hash) return isTracked(r, now) ? `${r.id}/tx` : undefined
  return r.status === 'AWAITING_WALLET' ? `${r.id}/intent` : undefined
}

/**
 * The background work on Activity, one per app (the shell mounts it): one loop per open record of every
 * configured chain (by hash: receipt and Protect status; intents: by nonce, see intents.ts), and one-by-one batch
 * containers kept in line with their steps. It follows the store: every change starts the loops it needs.
 */
// Over 80 lines: a factory: its methods are closures over the loops it runs and the store it follows.
export function createTracker(deps: TrackerDeps): Tracker {
  const clock = deps.clock ?? systemClock
  const loops = new Map<string, AbortController>()
  /** When each loop last ended: a record whose final status could not be written is still open in storage, and
   * restarting its loop at once on each store change would read in a loop without a wait. */
  const endedAt = new Map<string, number>()
  let unsubscribe: (() => void) | undefined
  let queued = false
  const sync: { running: boolean; again: boolean; timer?: unknown } = { running: false, again: false }

  function refresh() {
    queued = false
    if (!unsubscribe) return
    const records = deps.store.list()
    const wanted = new Map<string, TxRecord>()
    for (const r of records) {
      const key = loopKey(deps.config, r, clock.now())
      if (key) wanted.set(key, r)
    }
    for (const [key, controller] of loops)
      if (!wanted.has(key)) {
        controller.abort()
        loops.delete(key)
      }
    for (const [key, r] of wanted) if (!loops.has(key)) startLoop(key, r)
    if (records.some((r) => r.kind === 'batch' && r.path === 'sequential')) syncBatches()
  }

  function startLoop(key: string, record: TxRecord) {
    const controller = new AbortController()
    const follow = record.hash ? followTx : followIntent
    if (!record.hash && !deps.rpc.intentReader(record.chainId)) return
    const ended = endedAt.get(key)
    const pause = ended === undefined ? 0 : Math.max(0, ended + intentPollMs - clock.now())
    loops.set(key, controller)
    const done = (pause > 0 ? sleepOn(clock, pause, controller.signal) : Promise.resolve()).then(() =>
      controller.signal.aborted ? deps.store.get(record.id) : follow(record, controller.signal),
    )
    void done
      .then((r) => {
        if (r && isFinal(r.status)) deps.onSettled?.(r)
      })
      .finally(() => {
        endedAt.set(key, clock.now())
        if (loops.get(key) === controller) loops.delete(key)
      })
  }

  function followTx(record: TxRecord, signal: AbortSignal) {
    const chain = findChain(deps.config, record.chainId)
    const pool = deps.rpc.pool(record.chainId)
    const statusUrl = chain?.protect?.statusUrl
    const pendingStreams = deps.pendingStreams?.(record.chainId)
    const reads: ChainReads = {
      withEndpoint: pool.withEndpoint,
      healthyEndpoints: pool.healthyEndpoints,
      readEndpointCount: pool.readEndpointCount,
    }
    const trackDeps: TrackDeps = {
      reads,
      store: deps.store,
      now: clock.now,
      clock,
      ...(statusUrl ? { statusUrl } : {}),
      ...(pendingStreams ? { pendingStreams } : {}),
      ...(deps.fetchStatus ? { fetchStatus: deps.fetchStatus } : {}),
    }
    return trackUntilFinal(trackDeps, record.id, { intervalMs: 1000, signal, lightWatch: true })
  }

  function followIntent(record: TxRecord, signal: AbortSignal) {
    const reader = deps.rpc.intentReader(record.chainId)
    if (!reader) return undefined
    const resolveDeps: ResolveDeps = {
      reader,
      store: deps.store,
      now: clock.now,
      accountBusy: (r: TxRecord) => deps.locks.isHeld(accountLockName(r.chainId, r.from)),
      ...(deps.callsStatus ? { callsStatus: deps.callsStatus } : {}),
      batchScan: {},
    }
    return (async () => {
      while (!signal.aborted) {
        const current = inFlightIntents.has(record.id)
          ? deps.store.get(record.id)
          : await resolveIntent(resolveDeps, record.id)
        if (current?.status !== 'AWAITING_WALLET') return current
        await sleepOn(clock, intentPollMs, signal)
      }
      return deps.store.get(record.id)
    })()
  }

  /** One pass at a time; a change during a pass asks for one more. A run that is gone leaves its batch stopped. */
  function syncBatches() {
    if (sync.running) {
      sync.again = true
      return
    }
    sync.running = true
    sync.again = false
    void syncBatchContainers(deps.store, (id) => deps.locks.isHeld(`hush.batch.${id}`)).finally(() => {
      sync.running = false
      if (!unsubscribe) return
      if (sync.again) syncBatches()
      else if (deps.store.list().some(runningBatch)) syncLater()
    })
  }

  /** A run whose tab closes frees its lock without a storage write: a pending container is looked at again. */
  function syncLater() {
    if (sync.timer !== undefined) return
    sync.timer = clock.setTimeout(() => {
      sync.timer = undefined
      if (unsubscribe) syncBatches()
    }, intentPollMs)
  }

  /** Store listeners run inside a write: the loops start after it, once per burst of changes. */
  function schedule() {
    if (queued) return
    queued = true
    queueMicrotask(refresh)
  }

  return {
    start() {
      if (unsubscribe) return
      unsubscribe = deps.store.subscribe(schedule)
      schedule()
    },
    stop() {
      unsubscribe?.()
      unsubscribe = undefined
      if (sync.timer !== undefined) clock.clearTimeout(sync.timer)
      sync.timer = undefined
      for (const controller of loops.values()) controller.abort()
      loops.clear()
    },
  }
}
