import type { PoolEvent } from '../../core/rpc/types'
import { Icon } from '../../shared/ui/Icon'
import { eventLabel } from './statusText'

/** Every dated change of where reads go and of each endpoint's status, newest first. */
export function EventLog({ events }: { events: PoolEvent[] }) {
  if (events.length === 0) return <p className="muted">Nothing has changed since the page opened.</p>
  const newestFirst = [...events].reverse().slice(0, 50)
  return (
    <div className="table-scroll">
      <table className="event-log" data-testid="event-log">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Event</th>
            <th scope="col">Endpoint</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((ev) => (
            <tr key={ev.id} data-kind={ev.kind}>
              <td>
                <time dateTime={new Date(ev.at).toISOString()}>{new Date(ev.at).toLocaleTimeString()}</time>
              </td>
              <td>
                <Icon name={eventLabel[ev.kind].icon} /> {eventLabel[ev.kind].text}
              </td>
              <td>{ev.to ? `${ev.endpoint} → ${ev.to}` : ev.endpoint}</td>
              <td>{ev.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
