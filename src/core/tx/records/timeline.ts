// Over 250 lines: the Activity timeline (groups, outcomes, filters, lifecycle steps) shares one set of status rules.

import { readProof } from '../track/observations'
import { recordStatusText } from './labels'
import type { TxRecord } from './records'

/**
 * Activity as a timeline: records grouped with their replacements (speed-up, cancel, send again), each group's
 * outcome, a status category for filtering, a short privacy mark, and each record's lifecycle with times.
 */

/** The record a cancel / speed-up replaces, or a "send again" re-sends (same nonce either way). */
function parentOf(record: TxRecord): string | undefined {
  return record.replaces ?? record.resends
}

export type ActivityGroup = {
  /** The first record of the chain (the original transaction). */
  id: string
  /** Newest first, like the list: the latest replacement on top, the original last. */
  members: TxRecord[]
  /** The member that decides the outcome: the one on chain, else the newest still standing. */
  effective: TxRecord
  /** The group's outcome: a cancel that made it on chain is the original CANCELLED. */
  status: string
  /** The newest time anything in the group was created (the list is sorted by it, newest first). */
  latestAt: number
}

const onChain = (s: string) => s === 'INCLUDED' || s === 'REVERTED'
const fallen = (s: string) => s === 'NOT_SENT' || s === 'REPLACED'

/**
 * Groups records with the records that replace or re-send them. Steps of a one-by-one batch whose batch record
 * is present are left out (the batch shows them). A broken link (the original was dropped) starts its own group.
 */
export function groupActivity(records: readonly TxRecord[]): ActivityGroup[] {
  const byId = new Map(records.map((r) => [r.id, r]))
  const rootOf = (record: TxRecord): string => {
    let current = record
    const seen = new Set([record.id])
    for (let parent = parentOf(current); parent && byId.has(parent); parent = parentOf(current)) {
      // A cycle (damaged links): every member agrees on its smallest id.
      if (seen.has(parent)) return [...seen].sort()[0] as string
      current = byId.get(parent) as TxRecord
      seen.add(current.id)
    }
    return current.id
  }
  const members = new Map<string, TxRecord[]>()
  for (const record of records) {
    if (record.batchId !== undefined && byId.has(record.batchId)) continue
    const root = rootOf(record)
    members.set(root, [...(members.get(root) ?? []), record])
  }
  const groups = [...members.entries()].map(([id, list]) => {
    const sorted = [...list].sort((a, b) => b.createdAt - a.createdAt)
    const effective =
      sorted.find((r) => onChain(r.status)) ??
      sorted.find((r) => !fallen(r.status)) ??
      (sorted[0] as TxRecord)
    const status =
      effective.kind === 'cancel' && effective.status === 'INCLUDED' ? 'CANCELLED' : effective.status
    return { id, members: sorted, effective, status, latestAt: Math.max(...sorted.map((r) => r.createdAt)) }
  })
  return groups.sort((a, b) => b.latestAt - a.latestAt)
}

/** The original of a group: what was meant (amount, asset, recipient). */
export const groupOriginal = (group: ActivityGroup): TxRecord => group.members.at(-1) as TxRecord

/** How long a failure or refusal keeps its row open on arrival (its "Send again" is at hand). */
const recentMs = 10 * 60_000

/** What needs the user starts expanded: open transactions, and a failure or refusal of the last minutes. */
export function startsExpanded(group: ActivityGroup, now: number): boolean {
  const category = statusCategory(group.status)
  if (category === 'open') return true
  const last = Math.max(...group.members.map((r) => r.updatedAt ?? r.createdAt))
  return (category === 'failed' || category === 'not-sent') && now - last < recentMs
}

export const statusFilters = ['all', 'open', 'included', 'failed', 'cancelled', 'not-sent'] as const
export type StatusFilter = (typeof statusFilters)[number]

export const statusFilterLabel: Record<StatusFilter, string> = {
  all: 'All',
  open: 'Open',
  included: 'Included',
  failed: 'Failed or reverted',
  cancelled: 'Cancelled or replaced',
  'not-sent': 'Not sent',
}

/** The filter a status belongs to; a status this version does not know is only under "all". */
export function statusCategory(status: string): StatusFilter {
  switch (status) {
    case 'AWAITING_WALLET':
    case 'PENDING':
    case 'UNKNOWN':
      return 'open'
    case 'INCLUDED':
      return 'included'
    case 'REVERTED':
    case 'FAILED':
      return 'failed'
    case 'CANCELLED':
    case 'REPLACED':
      return 'cancelled'
    case 'NOT_SENT':
      return 'not-sent'
    default:
      return 'all'
  }
}

export function filterGroups(
  groups: readonly ActivityGroup[],
  filter: { status: StatusFilter; account: string | undefined },
): ActivityGroup[] {
  return groups.filter(
    (g) =>
      (filter.status === 'all' || statusCategory(g.status) === filter.status) &&
      (!filter.account || groupOriginal(g).from.toLowerCase() === filter.account.toLowerCase()),
  )
}

/** The accounts that sent something, in the order of their newest group. */
export function groupAccounts(groups: readonly ActivityGroup[]): string[] {
  return [...new Set(groups.map((g) => groupOriginal(g).from))]
}

export type PrivacyMark = {
  tone: 'good' | 'bad' | 'neutral'
  icon: 'lock' | 'warning' | 'question' | 'clock' | 'dash'
  label: string
}

/**
 * The privacy verdict in two or three words for a compact row. "Private" only for a transaction that made it
 * on chain with the verdict private; one never included cannot have been private "before inclusion".
 */
export function privacyMark(record: Pick<TxRecord, 'privacy'>, groupStatus: string): PrivacyMark {
  switch (record.privacy) {
    case 'unprotected':
      return { tone: 'bad', icon: 'warning', label: 'Public' }
    case 'went-public':
      return { tone: 'bad', icon: 'warning', label: 'Went public' }
    case 'privacy-lost':
      return { tone: 'bad', icon: 'warning', label: 'Privacy lost' }
    case 'status-unavailable':
      return { tone: 'neutral', icon: 'question', label: 'Privacy unverified' }
    case 'checking':
      return groupStatus === 'AWAITING_WALLET' || groupStatus === 'NOT_SENT'
        ? { tone: 'neutral', icon: 'dash', label: 'Not sent yet' }
        : { tone: 'neutral', icon: 'clock', label: 'Checking privacy' }
    case 'private':
      if (onChain(groupStatus)) return { tone: 'good', icon: 'lock', label: 'Private' }
      if (statusCategory(groupStatus) === 'open')
        return { tone: 'good', icon: 'lock', label: 'Private so far' }
      return { tone: 'good', icon: 'lock', label: 'Never public' }
    case 'likely-private':
      if (onChain(groupStatus)) return { tone: 'neutral', icon: 'lock', label: 'Likely private' }
      if (statusCategory(groupStatus) === 'open')
        return { tone: 'neutral', icon: 'lock', label: 'Likely private so far' }
      return { tone: 'neutral', icon: 'lock', label: 'Likely never public' }
    default:
      return { tone: 'neutral', icon: 'question', label: 'Privacy unknown' }
  }
}

const worstFirst = [
  'privacy-lost',
  'went-public',
  'unprotected',
  'status-unavailable',
  'checking',
  'likely-private',
  'private',
]

/** A group's verdict is its worst sent member's: a claim on the row must hold for every transaction in it. */
export function groupPrivacy(group: ActivityGroup): TxRecord['privacy'] {
  const sent = group.members.filter((r) => !['NOT_SENT', 'AWAITING_WALLET'].includes(r.status))
  const verdicts = (sent.length > 0 ? sent : [group.effective]).map((r) => r.privacy)
  return (
    (worstFirst.find((v) => verdicts.includes(v as TxRecord['privacy'])) as TxRecord['privacy']) ??
    group.effective.privacy
  )
}

export type LifecycleStep = {
  key: 'wallet' | 'sent' | 'protect' | 'outcome'
  label: string
  /** When it happened, where recorded. */
  at?: number
  state: 'done' | 'current' | 'upcoming' | 'failed'
}

/** When Protect's status API first answered that it knows the transaction. */
function seenByProtectAt(record: TxRecord): number | undefined {
  const log = readProof(record).log ?? []
  const known = log.find(
    (e) => e.source === 'status-api' && !e.text.startsWith('unavailable') && !e.text.startsWith('UNKNOWN'),
  )
  return known?.first
}

/**
 * Waiting for the wallet → sent → seen by Protect (protected sends only) → included, or failed, cancelled,
 * replaced, not sent. Steps not reached yet are "upcoming" while the record is open, and left out once it ended.
 */
export function lifecycle(record: TxRecord): LifecycleStep[] {
  const status: string = record.status
  const proof = readProof(record)
  const sentAt = record.sentAt
  const endedAt = proof.finalAt?.at ?? (status === 'NOT_SENT' ? record.updatedAt : undefined)
  const awaiting = status === 'AWAITING_WALLET'
  const steps: LifecycleStep[] = [
    {
      key: 'wallet',
      // A tracked transaction was sent by another app: Hush only started following it.
      label:
        record.kind === 'tracked'
          ? 'Tracking started'
          : awaiting
            ? recordStatusText(status, record.sentUnknown)
            : 'Wallet asked',
      at: record.createdAt,
      state: awaiting ? 'current' : 'done',
    },
  ]
  if (status === 'NOT_SENT')
    return [...steps, { key: 'outcome', label: 'Not sent', ...at(endedAt), state: 'failed' }]
  const sent = record.hash !== undefined
  steps.push({ key: 'sent', label: 'Sent', ...at(sentAt), state: sent ? 'done' : 'upcoming' })
  const open = statusCategory(status) === 'open'
  if (record.protected) {
    const seenAt = seenByProtectAt(record)
    if (seenAt !== undefined)
      steps.push({ key: 'protect', label: 'Seen by Protect', at: seenAt, state: 'done' })
    else if (open) steps.push({ key: 'protect', label: 'Seen by Protect', state: 'upcoming' })
  }
  if (open && status !== 'UNKNOWN') {
    steps.push({ key: 'outcome', label: 'Included', state: 'upcoming' })
    return steps
  }
  const block = record.receipt?.blockNumber
  const label = recordStatusText(status)
  steps.push({
    key: 'outcome',
    label: block && onChain(status) ? `${label} in block ${block}` : label,
    ...at(endedAt),
    state: status === 'INCLUDED' ? 'done' : status === 'UNKNOWN' ? 'current' : 'failed',
  })
  return steps
}

const at = (time: number | undefined): { at?: number } => (time !== undefined ? { at: time } : {})

/** Ethereum's slot time, for a block window when no block rate was measured (mainnet and Sepolia: 12 s). */
const slotSeconds = 12

/**
 * How long Protect keeps trying a pending transaction: until its block, and in seconds at the block rate this
 * record's tracking measured (blocks and time since the intent), else at 12 s a block. Undefined when unknown.
 */
export function retryWindow(record: TxRecord): { until: number; seconds?: number } | undefined {
  const until = record.maxBlockNumber
  if (record.status !== 'PENDING' || until === undefined) return undefined
  const { observedHead: head, observedAt } = readProof(record)
  if (head === undefined) return { until }
  const start = record.intentBlock
  const measured =
    start !== undefined && observedAt !== undefined && head - start >= 3
      ? (observedAt - record.createdAt) / 1000 / (head - start)
      : undefined
  return { until, seconds: Math.max(0, until - head) * (measured ?? slotSeconds) }
}
