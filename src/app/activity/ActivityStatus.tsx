import { useEffect, useRef, useState } from 'react'
import { shortAddress } from '../../core/format/time'
import { readOutcome, readPreview } from '../../core/proof/onRecord'
import { isPendingTransaction, recordStatusText } from '../../core/tx/records/labels'
import { isFinal, recordStore, type TxRecord } from '../../core/tx/records/records'
import { describeRecord } from '../../shared/tx/TxRecordCard'
import { useActivity } from '../../shared/tx/useActivity'
import { Icon } from '../../shared/ui/Icon'

/** The header's count of transactions not final yet, linking to Activity; nothing when there are none. */
export function PendingBadge() {
  const pending = useActivity().filter(isPendingTransaction).length
  if (pending === 0) return null
  return (
    <a className="pending-badge" href="#/activity" data-testid="pending-count">
      <Icon name="clock" /> {pending}
      <span className="badge-word"> pending</span>
      <span className="visually-hidden"> transaction{pending === 1 ? '' : 's'}: open Activity</span>
    </a>
  )
}

type Notice = { key: string; id: string; ok: boolean }

/** A notice goes after this (Activity keeps the record); Escape or its close button dismisses it sooner. */
export const noticeMs = 15_000

/**
 * A notice on whatever page is shown when a transaction becomes final (seen in this tab or merged from
 * another), in a polite live region, with a link to it in Activity. It sits with the shell's banners: on a wide
 * screen it floats at the bottom right; at phone width it takes its place under the header instead, so it never
 * covers the page's content or buttons (styles.css).
 */
export function FinalNotices() {
  const records = useActivity()
  const seen = useRef<Map<string, string> | undefined>(undefined)
  const [notices, setNotices] = useState<Notice[]>([])
  useEffect(() => {
    const previous = seen.current
    const next = new Map(records.map((r) => [r.id, r.status]))
    seen.current = next
    if (!previous) return
    const fresh: Notice[] = []
    for (const r of records) {
      const before = previous.get(r.id)
      if (before === undefined || before === r.status) continue
      if (!isPendingTransaction({ ...r, status: before }) || !isFinal(r.status)) continue
      fresh.push(noticeFor(r))
    }
    if (fresh.length > 0) setNotices((n) => [...fresh, ...n].slice(0, 3))
  }, [records])
  // Escape on a notice's link or close button dismisses that notice (and nothing else on the page).
  const region = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || !(e.target instanceof Element) || !region.current?.contains(e.target)) return
      const key = e.target.closest('[data-notice-key]')?.getAttribute('data-notice-key')
      if (key) setNotices((all) => all.filter((x) => x.key !== key))
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])
  const oldest = notices.at(-1)?.key
  useEffect(() => {
    if (!oldest) return
    const timer = setTimeout(() => setNotices((all) => all.filter((x) => x.key !== oldest)), noticeMs)
    return () => clearTimeout(timer)
  }, [oldest])
  return (
    <div className="final-notices" aria-live="polite" data-testid="final-notices" ref={region}>
      {notices.map((n) => (
        <p
          key={n.key}
          className={`final-notice ${n.ok ? 'final-notice-ok' : 'final-notice-bad'}`}
          data-testid="final-notice"
          data-notice-key={n.key}
        >
          <span>{noticeText(records.find((r) => r.id === n.id))}</span>{' '}
          <a href={`#/activity?record=${encodeURIComponent(n.id)}`}>View in Activity</a>{' '}
          <button
            type="button"
            className="small"
            aria-label="Dismiss this notice"
            onClick={() => setNotices((all) => all.filter((x) => x.key !== n.key))}
          >
            <Icon name="cross" />
          </button>
        </p>
      ))}
    </div>
  )
}

function noticeFor(r: TxRecord): Notice {
  return { key: `${r.id}:${r.status}`, id: r.id, ok: r.status === 'INCLUDED' }
}

const privacyMark: Record<TxRecord['privacy'], string> = {
  checking: 'Private so far',
  private: 'Private',
  'likely-private': 'Likely private',
  'went-public': 'Went public',
  'privacy-lost': 'Privacy lost',
  'status-unavailable': 'Privacy not verified',
  unprotected: 'Public',
}

/**
 * What the notice says, from the record as it is now (the outcome check lands after inclusion): what went to
 * whom, then the three marks Included · Private · As previewed (each only where it applies).
 */
function noticeText(r: TxRecord | undefined): string {
  if (!r) return 'A transaction changed: see Activity.'
  const to = r.to && r.kind !== 'batch' ? ` to ${shortAddress(r.to)}` : ''
  const outcome = readOutcome(r)?.verdict
  const marks = [
    recordStatusText(r.status, r.sentUnknown),
    privacyMark[r.privacy] ?? r.privacy,
    outcome === 'as-previewed'
      ? 'As previewed'
      : outcome === 'differs'
        ? 'Not as previewed'
        : !outcome && readPreview(r) && r.status === 'INCLUDED'
          ? 'Checking the outcome…'
          : undefined,
  ].filter(Boolean)
  return `${describeRecord(r)}${to}: ${marks.join(' · ')}.`
}

/** A failed write of the Activity list (storage full, blocked) is an error the user sees, never silence. */
export function ActivitySaveError() {
  const store = recordStore()
  const [error, setError] = useState(() => store.lastSaveError())
  useEffect(() => store.onSaveError(setError), [store])
  if (!error) return null
  return (
    <div className="banner banner-error" role="alert" data-testid="activity-save-error">
      <span>
        <Icon name="warning" /> Hush could not save your Activity in this browser: {error}. Your transactions
        are still tracked in this tab, but a reload or another tab will not see the newest changes. Free some
        space for this site, then keep this tab open until this message goes away.
      </span>
    </div>
  )
}
