import type { ProtectStatusResult } from '../../protect/status'
import type { Proof } from '../records/proofFields'
import type { PrivacyVerdict, TxRecord } from '../records/records'
import type { ChainView } from './evidence'
import type { PendingSighting } from './pendingWatch'
import { unknownGraceMs } from './status'

/**
 * The privacy verdict from two independent sources: Protect's status API, and Hush's own watch of the public
 * read endpoints (a public node holding the transaction unmined means it went public, whatever the API says).
 */
export type PrivacyInput = {
  protected: boolean
  previous: PrivacyVerdict
  watch: Proof['watch']
  api: Proof['api']
  protectStatus: ProtectStatusResult | undefined
  view: ChainView | undefined
  /** Our receipt is known (this round or before): checks from now on say nothing about privacy. */
  mined: boolean
  configuredEndpoints: number
  /** Whether the endpoint of this name lists pending transactions (undefined: not checked). */
  servesPending?: (endpointName: string) => boolean | undefined
  /**
   * The WebSocket pending streams, given only while no receipt was known before this look: the first
   * announcement of our hash, and the streams that watched without a break since before the send.
   */
  stream?: { sighting: PendingSighting | undefined; covering: string[] }
  /** The status API's answer when asked again after inclusion (`askAfterInclusion`). */
  afterInclusion?: ProtectStatusResult
  sentAt: number
  now: number
}

export type PrivacyOutput = { privacy: PrivacyVerdict; watch: Proof['watch']; api: Proof['api'] }

export function derivePrivacy(i: PrivacyInput): PrivacyOutput {
  if (!i.protected) return { privacy: 'unprotected', watch: i.watch, api: i.api }
  const watch = nextWatch(i)
  let api = nextApi(i.api, i.protectStatus, i.now)
  if (i.afterInclusion) api = afterInclusionApi(api, i.afterInclusion, i.now)
  return { privacy: verdict(i, watch, api), watch, api }
}

function nextWatch(i: PrivacyInput): Proof['watch'] {
  const w: NonNullable<Proof['watch']> = {
    ...i.watch,
    asked: [...(i.watch?.asked ?? [])],
    configured: i.configuredEndpoints,
    sentAt: i.watch?.sentAt ?? i.sentAt,
  }
  if (i.stream) {
    const s = i.stream.sighting
    if (s && !w.seenPending) w.seenPending = { endpoint: s.endpoint, at: s.at, via: 'websocket' }
    if (i.stream.covering.length > 0) w.streams = i.stream.covering.slice(0, 10)
    else delete w.streams
  }
  if (i.mined && w.minedAt === undefined) w.minedAt = i.now
  const v = i.view
  if (!v || v.inconclusive || i.mined || v.receipt) return w
  if (v.tx === 'pending' && !w.seenPending)
    w.seenPending = { endpoint: v.endpointName, block: v.head, at: i.now }
  if (v.tx === 'unknown') {
    if (!w.asked.includes(v.endpointName) && w.asked.length < 20) w.asked.push(v.endpointName)
    if (i.servesPending?.(v.endpointName) && !w.serving?.includes(v.endpointName))
      w.serving = [...(w.serving ?? []), v.endpointName].slice(0, 20)
    w.looks = (w.looks ?? 0) + 1
    w.firstLookAt ??= i.now
    w.lastLookAt = i.now
  }
  return w
}

function nextApi(api: Proof['api'], result: ProtectStatusResult | undefined, now: number): Proof['api'] {
  if (!result) return api
  if (result.kind === 'ok') {
    const s = result.status
    const cut = (t: string, n: number) => (t.length > n ? `${t.slice(0, n - 1)}…` : t)
    return {
      ...api,
      answered: true,
      last: {
        status: s.status,
        simError: cut(s.simError, 120),
        revertReason: cut(s.revertReason, 300),
        seenInMempool: s.seenInMempool,
        at: now,
      },
    }
  }
  return { ...api, answered: api?.answered ?? false, unavailable: result.reason }
}

/** The status API asked again after inclusion: its `seenInMempool` is kept, or one more try counted. */
function afterInclusionApi(api: Proof['api'], result: ProtectStatusResult, now: number): Proof['api'] {
  const next = nextApi(api, result, now) ?? { answered: false }
  const tries = (api?.afterInclusion?.tries ?? 0) + 1
  return {
    ...next,
    afterInclusion:
      result.kind === 'ok'
        ? { tries, seenInMempool: result.status.seenInMempool, at: now }
        : { tries, at: now },
  }
}

/**
 * Whether Hush's own public watch spoke for the whole time it was pending: a WebSocket pending stream live
 * from before the send to the last look before inclusion. Looks by hash never do: many load-balanced public
 * RPCs never serve pending transactions, so "not found" there proves little (they are counted and named).
 */
export function watchCovered(watch: Proof['watch']): boolean {
  return (watch?.streams?.length ?? 0) > 0
}

function verdict(i: PrivacyInput, watch: Proof['watch'], api: Proof['api']): PrivacyVerdict {
  // Once seen, a loss of privacy is never un-seen.
  if (i.previous === 'privacy-lost' || i.previous === 'went-public') return i.previous
  const ok = i.protectStatus?.kind === 'ok' ? i.protectStatus.status : undefined
  const apiSaw = Boolean(ok?.seenInMempool || api?.afterInclusion?.seenInMempool)
  if (watch?.seenPending) return apiSaw ? 'privacy-lost' : 'went-public'
  if (apiSaw) return 'privacy-lost'
  if (ok?.status === 'UNKNOWN')
    return i.mined || i.now - i.sentAt >= unknownGraceMs ? 'went-public' : 'checking'
  const watched = (watch?.looks ?? watch?.asked.length ?? 0) > 0 || (watch?.streams?.length ?? 0) > 0
  // "Private" needs both sources: the status API (asked again after inclusion) and a watch that covered
  // the whole pending time. Anything less is "likely private", and says what was checked.
  if (i.mined && api?.answered && api.afterInclusion?.seenInMempool === false && watchCovered(watch))
    return 'private'
  if (api?.answered || watched || i.previous === 'private' || i.previous === 'likely-private')
    return 'likely-private'
  if (api?.unavailable && (i.mined || i.view)) return 'status-unavailable'
  return 'checking'
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many)

/** The verdict in words, naming the sources behind it. */
export function privacyVerdictText(
  record: Pick<TxRecord, 'privacy'>,
  proof: Pick<Proof, 'watch' | 'api'>,
): string {
  const w = proof.watch
  const asked = w?.asked.length ?? 0
  const configured = Math.max(w?.configured ?? 0, asked)
  const watchSentence =
    asked === 0
      ? undefined
      : asked === configured
        ? configured === 1
          ? 'your read endpoint did not see it pending'
          : `none of your ${configured} read endpoints saw it pending`
        : `${asked} of your ${configured} read endpoints ${plural(asked, 'was', 'were')} asked and none saw it pending`
  const streams = w?.streams ?? []
  const streamSentence =
    streams.length === 0
      ? undefined
      : `the pending-transaction ${plural(streams.length, 'stream', 'streams')} of ${names(streams)} never showed it`
  const sources = [watchSentence, streamSentence].filter((t): t is string => Boolean(t))
  const both = sources.length === 2 ? `${sources[0]}, and ${sources[1]}` : sources[0]
  switch (record.privacy) {
    case 'unprotected':
      return 'Sent without protection (public mempool).'
    case 'checking':
      return 'Checking privacy…'
    case 'went-public':
      if (w?.seenPending?.via === 'websocket')
        return `Went public: the pending-transaction stream of ${w.seenPending.endpoint} (WebSocket) announced it before inclusion, whatever Protect's status API says.`
      return w?.seenPending
        ? `Went public: ${w.seenPending.endpoint} saw it pending in the public mempool${w.seenPending.block !== undefined ? ` at block ${w.seenPending.block}` : ''}, whatever Protect's status API says.`
        : 'Went public: Protect never received it (the wallet broadcast it elsewhere).'
    case 'privacy-lost':
      return `Privacy lost: Protect reports it was seen in the public mempool${w?.seenPending ? `, and ${w.seenPending.endpoint} saw it pending too` : ''}.`
    case 'status-unavailable':
      return "Status unavailable: Protect's status API could not be reached, and none of your read endpoints could be asked before inclusion."

    case 'private': {
      // A verdict stored by an older version was not asked again after inclusion: it does not say so.
      const again = proof.api?.afterInclusion?.seenInMempool === false ? ' (asked again after inclusion)' : ''
      return sources.length === 2
        ? `Private: Protect never saw it in the public mempool${again}, ${both}.`
        : `Private: Protect never saw it in the public mempool${again}, and ${both ?? 'your own watch covered the time it was pending'}.`
    }
    case 'likely-private':
      return likelyText(proof)
  }
}

/** "Likely private", naming each check and its reach: e.g. "one endpoint, 2 looks, 9 s of 14 s pending". */
function likelyText(proof: Pick<Proof, 'watch' | 'api'>): string {
  const w = proof.watch
  const api = proof.api
  const apiPart = !api?.answered
    ? "Protect's status API could not be reached"
    : api.afterInclusion?.seenInMempool === false
      ? 'Protect never saw it in the public mempool (asked again after inclusion)'
      : w?.minedAt !== undefined
        ? 'Protect never saw it in the public mempool while pending (not yet confirmed after inclusion)'
        : 'Protect has not seen it in the public mempool so far'
  const secs = (ms: number) => `${Math.max(0, Math.round(ms / 1000))} s`
  const endpoints = watchedEndpoints(w?.asked.length ?? 0, w?.serving?.length ?? 0)
  const pending =
    w?.minedAt !== undefined && w.sentAt !== undefined ? ` of ${secs(w.minedAt - w.sentAt)} pending` : ''
  const watchPart =
    w?.looks && w.lastLookAt !== undefined && w.sentAt !== undefined
      ? `your own watch: ${endpoints}, ${w.looks} ${plural(w.looks, 'look', 'looks')}, ${secs(w.lastLookAt - w.sentAt)}${pending}, never seen pending`
      : undefined
  const streams = w?.streams ?? []
  const streamPart =
    streams.length > 0
      ? `the pending-transaction ${plural(streams.length, 'stream', 'streams')} of ${names(streams)} never showed it`
      : undefined
  const parts = [
    apiPart,
    watchPart ?? (streamPart ? undefined : 'no public watch looked while it was pending'),
    streamPart,
  ]
  return `Likely private: ${parts.filter(Boolean).join('; ')}.`
}

/** The endpoints looked through, naming the capability relied on: whether they list pending transactions. */
function watchedEndpoints(asked: number, serving: number): string {
  if (asked === 1)
    return serving === 1
      ? 'one endpoint that serves pending transactions'
      : 'one endpoint not known to serve pending transactions'
  if (serving === asked) return `${asked} endpoints that serve pending transactions`
  return serving === 0
    ? `${asked} endpoints not known to serve pending transactions`
    : `${asked} endpoints (${serving} ${plural(serving, 'serves', 'serve')} pending transactions)`
}

const names = (list: readonly string[]) =>
  list.length === 1 ? (list[0] as string) : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`
