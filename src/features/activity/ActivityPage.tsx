import { useEffect } from 'react'
import { useAccount } from 'wagmi'
import { isPendingTransaction } from '../../core/tx/labels'
import { useChainPrices } from '../../shared/prices/useChainPrices'
import { TxRecordCard } from '../../shared/tx/TxRecordCard'
import { useActivity } from '../../shared/tx/useActivity'
import { TrackHashForm } from './TrackHashForm'

/**
 * Every transaction Hush sent from this browser (every tab), newest first, tracked live by the app shell (also
 * after a reload). The steps of a one-by-one batch are shown inside their batch.
 */
export function ActivityPage({ query }: { query?: URLSearchParams }) {
  const { chainId } = useAccount()
  const records = useActivity()
  const prices = useChainPrices()
  const shown = records.filter((r) => r.batchId === undefined || !records.some((b) => b.id === r.batchId))
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
      <TrackHashForm />
      {records.length === 0 ? (
        <p>
          No transactions yet. Transfers you make on the <a href="#/send">Send</a> page and batches from{' '}
          <a href="#/batch">Batch</a> appear here with their status and privacy verdict, and stay after a
          reload.
        </p>
      ) : (
        <>
          <p className="muted" role="status">
            {shown.length} entr{shown.length === 1 ? 'y' : 'ies'}
            {open.length > 0
              ? `, ${open.length} transaction${open.length === 1 ? '' : 's'} still being tracked`
              : ''}
            . Stored in this browser only, shared by its tabs.
            {chainId === undefined && open.length > 0
              ? ' Connect a wallet to act on the open ones; tracking goes on without it.'
              : ''}
          </p>
          <ol className="activity-list" data-testid="activity-list">
            {shown.map((r) => (
              <li key={r.id}>
                <TxRecordCard record={r} prices={r.chainId === prices.chainId ? prices.prices : undefined} />
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  )
}
