import { useAccount } from 'wagmi'
import { useChainPrices } from '../../shared/prices/useChainPrices'
import { TxRecordCard } from '../../shared/tx/TxRecordCard'
import { useActivity } from '../../shared/tx/useActivity'
import { useTracking } from '../../shared/tx/useTracking'
import { TrackHashForm } from './TrackHashForm'

/** Every transaction Hush sent from this browser, newest first, tracked live (also after a reload). */
export function ActivityPage() {
  const { chainId } = useAccount()
  const records = useActivity()
  const prices = useChainPrices()
  useTracking()
  const open = records.filter((r) => r.status === 'PENDING' || r.status === 'UNKNOWN')
  return (
    <section aria-labelledby="activity-title">
      <h1 id="activity-title">Activity</h1>
      <TrackHashForm />
      {records.length === 0 ? (
        <p>
          No transactions yet. Transfers you make on the <a href="#/send">Send</a> page appear here with their
          status and privacy verdict, and stay after a reload.
        </p>
      ) : (
        <>
          <p className="muted" role="status">
            {records.length} transaction{records.length === 1 ? '' : 's'}
            {open.length > 0 ? `, ${open.length} still being tracked` : ''}. Stored in this browser only.
            {chainId === undefined && open.length > 0
              ? ' Connect a wallet to keep tracking the open ones live.'
              : ''}
          </p>
          <ol className="activity-list" data-testid="activity-list">
            {records.map((r) => (
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
