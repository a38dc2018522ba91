import type { ProtectStatusResult } from '../../protect/status'
import type { ActivityRecord, PrivacyVerdict } from '../records/records'
import type { ChainView } from './evidence'
import type { Proof } from './observations'
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
  /**
   * The WebSocket pending streams, given only while no receipt was known before this look: the first
   * announcement of our hash, and the streams that watched without a break since before the send.
   */
  stream?: { sighting: PendingSighting | undefined; covering: string[] }
  sentAt: number
  now: number
}

export type PrivacyOutput = { privacy: PrivacyVerdict; watch: Proof['watch']; api: Proof['api'] }

export function derivePrivacy(i: PrivacyInput): PrivacyOutput {
  if (!i.protected) return { privacy: 'unprotected', watch: i.watch, api: i.api }
  const watch = nextWatch(i)
  const api = nextApi(i.api, i.protectStatus, i.now)
  return { privacy: verdict(i, watch, api), watch, api }
}

function nextWatch(i: PrivacyInput): Proof['watch'] {
  const w = { asked: [...(i.watch?.asked ?? [])], configured: i.configuredEndpoints, ...pick(i.watch) }
  if (i.stream) {
    const s = i.stream.sighting
    if (s && !w.seenPending) w.seenPending = { endpoint: s.endpoint, at: s.at, via: 'websocket' }
    if (i.stream.covering.length > 0) w.streams = i.stream.covering.slice(0, 10)
    else delete w.streams
  }
  const v = i.view
  if (!v || v.inconclusive || i.mined || v.receipt) return w
  if (v.tx === 'pending' && !w.seenPending)
    w.seenPending = { endpoint: v.endpointName, block: v.head, at: i.now }
  if (v.tx === 'unknown' && !w.asked.includes(v.endpointName) && w.asked.length < 20)
    w.asked.push(v.endpointName)
  return w
}

function pick(w: Proof['watch']): Pick<NonNullable<Proof['watch']>, 'seenPending' | 'streams'> {
  return {
    ...(w?.seenPending ? { seenPending: w.seenPending } : {}),
    ...(w?.streams?.length ? { streams: w.streams } : {}),
  }
}

function nextApi(api: Proof['api'], result: ProtectStatusResult | undefined, now: number): Proof['api'] {
  if (!result) return api
  if (result.kind === 'ok') {
    const s = result.status
    const cut = (t: string, n: number) => (t.length > n ? `${t.slice(0, n - 1)}…` : t)
    return {
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

function verdict(i: PrivacyInput, watch: Proof['watch'], api: Proof['api']): PrivacyVerdict {
  // Once seen, a loss of privacy is never un-seen.
  if (i.previous === 'privacy-lost' || i.previous === 'went-public') return i.previous
  const ok = i.protectStatus?.kind === 'ok' ? i.protectStatus.status : undefined
  if (watch?.seenPending) return ok?.seenInMempool ? 'privacy-lost' : 'went-public'
  if (ok?.seenInMempool) return 'privacy-lost'
  if (ok?.status === 'UNKNOWN')
    return i.mined || i.now - i.sentAt >= unknownGraceMs ? 'went-public' : 'checking'
  if (ok) return 'private'
  // The API said "private" before: a later unreachable API does not undo that.
  if (i.previous === 'private') return 'private'
  if ((watch?.asked.length ?? 0) > 0 || (watch?.streams?.length ?? 0) > 0) return 'private'
  if (api?.unavailable && (i.mined || i.view)) return 'status-unavailable'
  return 'checking'
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many)

/** The verdict in words, naming the sources behind it. */
export function privacyVerdictText(
  record: Pick<ActivityRecord, 'privacy'>,
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

    case 'private':
      if (proof.api?.answered)
        return sources.length === 2
          ? `Private: Protect never saw it in the public mempool, ${both}.`
          : both
            ? `Private: Protect never saw it in the public mempool, and ${both}.`
            : 'Private: Protect never saw it in the public mempool (it was included before your read endpoints were asked).'
      return `Private (own watch only: Protect's status API could not be reached). ${capitalize(both ?? 'no read endpoint saw it pending')}.`
  }
}

const names = (list: readonly string[]) =>
  list.length === 1 ? (list[0] as string) : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
