import { useEffect, useRef, useState } from 'react'
import type { EndpointView } from '../../core/rpc/snapshot'
import { Icon } from '../../shared/ui/Icon'

const HEIGHT = 170
const PAD = 30
const WINDOW_MS = 5 * 60_000
/** Line styles tell the series apart without relying on colour. */
const dashes = ['', '6 4', '2 3', '10 3 2 3', '1 5']

/** The drawing's width follows the figure's, so labels stay 11 px on a phone instead of shrinking with it. */
function useWidth(fallback: number) {
  const ref = useRef<HTMLElement>(null)
  const [width, setWidth] = useState(fallback)
  useEffect(() => {
    const element = ref.current
    if (!element || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(([entry]) => {
      const w = Math.round(entry?.contentRect.width ?? 0)
      if (w > 0) setWidth(Math.max(240, w))
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [])
  return { ref, width }
}

/** A hand-written SVG: a chart library would outweigh the rest of this page for a few polylines. */
// Over 80 lines: one hand-written SVG: axes, lines and legend share the same scales.
export default function LatencyChart({ endpoints, now }: { endpoints: EndpointView[]; now: number }) {
  const { ref, width } = useWidth(600)
  const series = endpoints.filter((e) => e.latencies.length > 0)
  const inWindow = (e: EndpointView) => e.latencies.filter((l) => now - l.at <= WINDOW_MS)
  const max = Math.max(100, ...series.flatMap((e) => inWindow(e).map((l) => l.ms)))
  // The x axis spans the samples we have, up to five minutes, so a young session does not squeeze into a corner.
  const earliest = Math.min(now - 10_000, ...series.flatMap((e) => e.latencies.map((l) => l.at)))
  const span = Math.min(WINDOW_MS, now - Math.max(earliest, now - WINDOW_MS))
  const x = (at: number) => PAD + ((at - (now - span)) / span) * (width - PAD * 2)
  const y = (value: number) => HEIGHT - PAD - (value / max) * (HEIGHT - PAD * 2)
  const failures = series.reduce((n, e) => n + inWindow(e).filter((l) => l.failed).length, 0)
  // A line needs samples at least a few pixels apart: one sample, or two taken a moment apart, draws a lone dot
  // that reads as a stray mark on an empty chart.
  const lineOf = (e: EndpointView) => {
    const points = inWindow(e)
      .filter((l) => !l.failed)
      .map((l) => [x(l.at), y(l.ms)] as const)
    const xs = points.map(([px]) => px)
    if (points.length < 2 || Math.max(...xs) - Math.min(...xs) < 8) return ''
    return points.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' ')
  }
  const empty = series.every((e) => lineOf(e) === '' && !inWindow(e).some((l) => l.failed))
  return (
    <figure className="latency-chart" ref={ref}>
      <svg
        viewBox={`0 0 ${width} ${HEIGHT}`}
        role="img"
        aria-label={`Latency per endpoint over the last ${Math.max(1, Math.round(span / 1000))} seconds, up to ${Math.round(max)} ms; ${failures} failed request${failures === 1 ? '' : 's'} marked with a cross`}
      >
        <line x1={PAD} y1={HEIGHT - PAD} x2={width - PAD} y2={HEIGHT - PAD} className="axis" />
        <line x1={PAD} y1={PAD} x2={PAD} y2={HEIGHT - PAD} className="axis" />
        <text x={2} y={PAD - 8} className="axis-label">
          {Math.round(max)} ms
        </text>
        <text x={2} y={HEIGHT - PAD} className="axis-label">
          0
        </text>
        <text x={width - PAD} y={HEIGHT - 8} className="axis-label" textAnchor="end">
          now
        </text>
        <text x={PAD} y={HEIGHT - 8} className="axis-label">
          −{span >= 60_000 ? `${Math.round(span / 60_000)} min` : `${Math.round(span / 1000)} s`}
        </text>
        {empty && (
          <text x={width / 2} y={HEIGHT / 2} className="axis-label" textAnchor="middle">
            Waiting for the first samples…
          </text>
        )}
        {series.map((e, i) => (
          <g key={e.id} className={`series series-${i % dashes.length}`}>
            {lineOf(e) && (
              <polyline strokeDasharray={dashes[i % dashes.length]} fill="none" points={lineOf(e)} />
            )}
            {inWindow(e)
              .filter((l) => l.failed)
              .map((l) => {
                const cx = x(l.at)
                const cy = y(Math.min(l.ms, max))
                return (
                  <path
                    key={`${l.at}-${l.ms}`}
                    className="failure-mark"
                    d={`M${cx - 4},${cy - 4}L${cx + 4},${cy + 4}M${cx - 4},${cy + 4}L${cx + 4},${cy - 4}`}
                  />
                )
              })}
          </g>
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
          <li>
            <Icon name="cross" /> failed request (at the time it took to fail)
          </li>
        </ul>
      </figcaption>
    </figure>
  )
}
