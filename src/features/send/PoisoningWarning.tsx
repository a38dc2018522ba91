import { diffSegments } from '../../core/validation/poisoning'
import { Icon } from '../../shared/ui/Icon'

function Highlighted({ address, other }: { address: string; other: string }) {
  return (
    <code>
      {diffSegments(address, other).map((s, i) =>
        s.differs ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reorder
          <mark key={i}>{s.text}</mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reorder
          <span key={i}>{s.text}</span>
        ),
      )}
    </code>
  )
}

/** Blocking warning: the recipient looks like an address sent to before but is a different one. */
export function PoisoningWarning(props: {
  recipient: string
  previous: string
  confirmed: boolean
  onConfirm: (confirmed: boolean) => void
}) {
  return (
    <div className="notice notice-bad poisoning" role="alert" data-testid="poisoning-warning">
      <p>
        <strong>
          <Icon name="warning" /> Possible address poisoning.
        </strong>{' '}
        This address starts and ends like one you sent to before, but the middle is different. Scammers create
        look-alike addresses and send dust so they show up in your history. The differing characters are
        marked:
      </p>
      <dl className="facts">
        <dt>New recipient</dt>
        <dd>
          <Highlighted address={props.recipient} other={props.previous} />
        </dd>
        <dt>Sent to before</dt>
        <dd>
          <Highlighted address={props.previous} other={props.recipient} />
        </dd>
      </dl>
      <label className="check">
        <input
          type="checkbox"
          checked={props.confirmed}
          onChange={(e) => props.onConfirm(e.currentTarget.checked)}
        />{' '}
        I checked the full address: this new recipient is the one I mean.
      </label>
    </div>
  )
}
