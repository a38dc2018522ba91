import type { FailoverEvent } from '../../core/rpc/pool'

export function FailoverLog({ events }: { events: FailoverEvent[] }) {
  if (events.length === 0) return <p className="muted">No failovers yet.</p>
  const newestFirst = [...events].reverse().slice(0, 30)
  return (
    <div className="table-scroll">
      <table className="failover-log" data-testid="failover-log">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((ev) => (
            <tr key={`${ev.at}-${ev.from}-${ev.to}`}>
              <td>
                <time dateTime={new Date(ev.at).toISOString()}>{new Date(ev.at).toLocaleTimeString()}</time>
              </td>
              <td>{ev.from}</td>
              <td>{ev.to}</td>
              <td>{ev.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
