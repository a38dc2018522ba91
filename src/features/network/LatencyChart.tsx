import type { EndpointView } from '../../core/rpc/snapshot'

const WIDTH = 600
const HEIGHT = 160
const PAD = 28
const WINDOW_MS = 5 * 60_000
/** Line styles tell the series apart without relying on colour. */
const dashes = ['', '6 4', '2 3', '10 3 2 3', '1 5']

/** A hand-written SVG: a chart library would outweigh the rest of this page for a few polylines. */
export default function LatencyChart({ endpoints, now }: { endpoints: EndpointView[]; now: number }) {
  const series = endpoints.filter((e) => e.latencies.length > 0)
  const max = Math.max(100, ...series.flatMap((e) => e.latencies.map((l) => l.ms)))
  // The x axis spans the samples we have, up to five minutes, so a young session does not squeeze into a corner.
  const earliest = Math.min(now - 10_000, ...series.flatMap((e) => e.latencies.map((l) => l.at)))
  const span = Math.min(WINDOW_MS, now - Math.max(earliest, now - WINDOW_MS))
  const x = (at: number) => PAD + ((at - (now - span)) / span) * (WIDTH - PAD * 2)
  const y = (value: number) => HEIGHT - PAD - (value / max) * (HEIGHT - PAD * 2)
  return (
    <figure className="latency-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Latency per endpoint over the last ${Math.max(1, Math.round(span / 1000))} seconds, up to ${Math.round(max)} ms`}
      >
        <line x1={PAD} y1={HEIGHT - PAD} x2={WIDTH - PAD} y2={HEIGHT - PAD} className="axis" />
        <line x1={PAD} y1={PAD} x2={PAD} y2={HEIGHT - PAD} className="axis" />
        <text x={2} y={PAD} className="axis-label">
          {Math.round(max)} ms
        </text>
        <text x={2} y={HEIGHT - PAD} className="axis-label">
          0
        </text>
        <text x={WIDTH - PAD} y={HEIGHT - 8} className="axis-label" textAnchor="end">
          now
        </text>
        <text x={PAD} y={HEIGHT - 8} className="axis-label">
          −{span >= 60_000 ? `${Math.round(span / 60_000)} min` : `${Math.round(span / 1000)} s`}
        </text>
        {series.map((e, i) => (
          <polyline
            key={e.id}
            className={`series series-${i % dashes.length}`}
            strokeDasharray={dashes[i % dashes.length]}
            fill="none"
            points={e.latencies
              .filter((l) => now - l.at <= WINDOW_MS)
              .map((l) => `${x(l.at).toFixed(1)},${y(l.ms).toFixed(1)}`)
              .join(' ')}
          />
        ))}
      </svg>
      <figcaption>
        <ul className="chart-legend">
          {series.map((e, i) => (
            <li key={e.id}>
              <svg width="28" height="8" aria-hidden="true">
                <line
                  x1="0"
                  y1="4"
                  x2="28"
                  y2="4"
                  className={`series series-${i % dashes.length}`}
                  strokeDasharray={dashes[i % dashes.length]}
                />
              </svg>{' '}
              {e.name}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  )
}
