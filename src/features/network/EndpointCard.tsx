import type { PendingSupport } from '../../core/proof/pendingSupport'
import type { SimulationSupport } from '../../core/proof/simulationSupport'
import type { EndpointView } from '../../core/rpc/snapshot'
import { endpointStatusLabel } from '../../shared/ui/endpointStatus'
import { Icon } from '../../shared/ui/Icon'
import { inSeconds, ms, percent } from './statusText'

const simulationWords: Record<SimulationSupport | 'unknown', string> = {
  supported: 'yes: outcome previews from it are simulated',
  unsupported: 'no: previews fall back to a labelled estimate from eth_call',
  unknown: 'not checked yet (it did not answer)',
}

const pendingWords: Record<PendingSupport | 'unknown', string> = {
  serves: 'yes: a privacy look through it can see a transaction that went public',
  none: 'no: it does not list pending transactions, so a privacy look through it proves little',
  unknown: 'not checked yet (it did not answer)',
}

/** The card's first line: name, status with its reason, whether it is in use, and when it is retried. */
function EndpointHead({ endpoint: e }: { endpoint: EndpointView }) {
  const label = endpointStatusLabel[e.status]
  return (
    <div className="endpoint-head">
      <h3>{e.name}</h3>
      <span className="endpoint-status" data-testid="endpoint-status">
        <Icon name={label.icon} /> {label.text}
        {e.statusReason ? ` — ${e.statusReason}` : ''}
      </span>
      {e.inUse && (
        <span className="badge" data-testid="in-use">
          In use now
        </span>
      )}
      {e.retryInMs !== undefined && (
        <span className="muted" data-testid="retry-in">
          Retrying in {inSeconds(e.retryInMs)}
        </span>
      )}
    </div>
  )
}

export function EndpointCard(props: {
  endpoint: EndpointView
  simulation?: SimulationSupport | 'unknown' | undefined
  pending?: PendingSupport | 'unknown' | undefined
}) {
  const { endpoint: e, simulation, pending } = props
  const errors = Object.entries(e.errorsByCategory)
  const methods = Object.entries(e.byMethod).sort((a, b) => b[1] - a[1])
  return (
    <li className={`endpoint-card status-${e.status}`} data-testid="endpoint-card" data-status={e.status}>
      <EndpointHead endpoint={e} />
      <p className="muted endpoint-host">
        {e.host} · {e.source === 'user' ? 'added by you' : 'from config'}
        {e.batch ? ' · batching' : ''}
      </p>
      <dl className="endpoint-stats">
        <div>
          <dt>Latency p50 / p95</dt>
          <dd>
            {ms(e.p50)} / {ms(e.p95)}
          </dd>
        </div>
        <div>
          <dt>Success, recent / session</dt>
          <dd data-testid="success-rate">
            {percent(e.successRate)} / {percent(e.sessionSuccessRate)}
          </dd>
        </div>
        <div>
          <dt>Head</dt>
          <dd>
            {e.head ?? '—'}
            {e.lag !== undefined && e.lag > 0 ? ` (${e.lag} behind)` : ''}
          </dd>
        </div>
        <div>
          <dt>Requests sent</dt>
          <dd data-testid="requests-sent">{e.requestsSent}</dd>
        </div>
        <div>
          <dt>eth_simulateV1</dt>
          <dd data-testid="simulate-support" data-support={simulation ?? 'checking'}>
            {simulation ? simulationWords[simulation] : 'checking…'}
          </dd>
        </div>
        <div>
          <dt>Pending transactions</dt>
          <dd data-testid="pending-support" data-support={pending ?? 'checking'}>
            {pending ? pendingWords[pending] : 'checking…'}
          </dd>
        </div>
        <div>
          <dt>Errors</dt>
          <dd>{errors.length === 0 ? 'none' : errors.map(([c, n]) => `${c} ${n}`).join(', ')}</dd>
        </div>
      </dl>
      {methods.length > 0 && (
        <details className="endpoint-methods">
          <summary>Requests by method</summary>
          <ul className="endpoint-methods-list" data-testid="requests-by-method">
            {methods.map(([method, n]) => (
              <li key={method}>
                <code>{method}</code> {n}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  )
}
