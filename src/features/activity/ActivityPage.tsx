import './activity.css'
import { useEffect, useMemo, useState } from 'react'
import { useAccount } from 'wagmi'
import { byDay } from '../../core/format/time'
import { isPendingTransaction } from '../../core/tx/records/labels'
import {
  filterGroups,
  groupAccounts,
  groupActivity,
  type StatusFilter,
  statusCategory,
  statusFilters,
} from '../../core/tx/records/timeline'
import { useChainPrices } from '../../shared/prices/useChainPrices'
import { NonceCheckPanel } from '../../shared/tx/NonceCheckPanel'
import { useActivity } from '../../shared/tx/useActivity'
import { useNow } from '../../shared/ui/useNow'
import { ActivityFilters, type Filters } from './ActivityFilters'
import { ActivityRow } from './ActivityRow'
import { TrackHashForm } from './TrackHashForm'

/**
 * Every transaction Hush sent from this browser (every tab), as a timeline under day headings ("Today",
 * "Yesterday", then dates): one row per transaction with its speed-ups, cancels and sends again, newest first,
 * tracked live by the app shell (also after a reload). The
 * steps of a one-by-one batch are shown inside their batch.
 */
// Over 80 lines: the page's filters, groups by day, nonce check and record list read as one timeline.
export function ActivityPage({ query }: { query?: URLSearchParams }) {
  const { chainId } = useAccount()
  const records = useActivity()
  const prices = useChainPrices()
  const now = useNow(records.length > 0, 5_000)
  const groups = useMemo(() => groupActivity(records), [records])
  const [filters, setFilters] = useState<Filters>({ status: 'all', account: undefined })
  const shown = filterGroups(groups, filters)
  const accounts = groupAccounts(groups)
  const counts = Object.fromEntries(
    statusFilters.map((s) => [
      s,
      s === 'all' ? groups.length : groups.filter((g) => statusCategory(g.status) === s).length,
    ]),
  ) as Record<StatusFilter, number>
  const open = records.filter(isPendingTransaction)
  const focus = query?.get('record') ?? undefined
  useEffect(() => {
    if (!focus) return
    const card = document.getElementById(`record-${focus}`)
    card?.scrollIntoView({ block: 'center' })
    card?.classList.add('highlight')
    return () => card?.classList.remove('highlight')
  }, [focus])
  return (
    <section aria-labelledby="activity-title">
      <h1 id="activity-title">Activity</h1>
      <NonceCheckPanel />
      {records.length === 0 ? (
        <p>
          No transactions yet. Transfers you make on the <a href="#/send">Send</a> page and batches from{' '}
          <a href="#/batch">Batch</a> appear here with their status and privacy verdict, and stay after a
          reload.
        </p>
      ) : (
        <>
          <p className="muted" role="status">
            {groups.length} entr{groups.length === 1 ? 'y' : 'ies'}
            {open.length > 0
              ? `, ${open.length} transaction${open.length === 1 ? '' : 's'} still being tracked`
              : ''}
            . Stored in this browser only, shared by its tabs.
            {chainId === undefined && open.length > 0
              ? ' Connect a wallet to act on the open ones; tracking goes on without it.'
              : ''}
          </p>
          <ActivityFilters filters={filters} onChange={setFilters} counts={counts} accounts={accounts} />
          {shown.length === 0 ? (
            <p data-testid="activity-no-match">
              No entries match these filters.{' '}
              <button type="button" onClick={() => setFilters({ status: 'all', account: undefined })}>
                Show all
              </button>
            </p>
          ) : (
            <div data-testid="activity-list">
              {byDay(shown, (g) => g.latestAt, now).map((day) => (
                <section key={day.key} className="activity-day" aria-labelledby={`day-${day.key}`}>
                  <h2 id={`day-${day.key}`} className="activity-day-heading" data-testid="activity-day">
                    {day.heading}
                  </h2>
                  <ol className="activity-list">
                    {day.items.map((g) => (
                      <ActivityRow
                        key={g.id}
                        group={g}
                        now={now}
                        prices={g.effective.chainId === prices.chainId ? prices.prices : undefined}
                        focus={focus}
                      />
                    ))}
                  </ol>
                </section>
              ))}
            </div>
          )}
        </>
      )}
      {/* After the list: the screenshots showed this form above it, bigger than the transactions people come for. */}
      <TrackHashForm />
    </section>
  )
}
