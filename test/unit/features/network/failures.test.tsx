import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { EndpointCard } from '../../../../src/features/network/EndpointCard'
import LatencyChart from '../../../../src/features/network/LatencyChart'
import { poolWithDownFirst } from '../../../support/builders/readPool'

/**
 * The Network page's view of a down endpoint, from a real pool whose first endpoint fails (HTTP 500) on a clock
 * this test moves: the card says when it is tried again, and its failed requests are crosses on the chart.
 */
async function downFirstAfterOneRead() {
  const { pool, advance } = poolWithDownFirst(4_000)
  // One read: both endpoints are checked first (chain id and head); a fails both (down, one strike: 5 s), b serves.
  await pool.request({ method: 'eth_getTransactionReceipt', params: [`0x${'11'.repeat(32)}`] })
  return { pool, advance }
}

describe('a down endpoint on the Network page', () => {
  it('says "Retrying in N s", counting down to the end of its cooldown', async () => {
    const { pool, advance } = await downFirstAfterOneRead()
    const down = () => pool.getSnapshot().endpoints.find((e) => e.id === 'a')
    expect(down()).toMatchObject({ status: 'down', retryInMs: 4_980 })
    let card = renderToStaticMarkup(<EndpointCard endpoint={down()!} />)
    expect(card).toContain('data-testid="retry-in">Retrying in 5 s</span>')
    advance(3_000)
    card = renderToStaticMarkup(<EndpointCard endpoint={down()!} />)
    expect(card).toContain('data-testid="retry-in">Retrying in 2 s</span>')
    const healthy = pool.getSnapshot().endpoints.find((e) => e.id === 'b')
    expect(renderToStaticMarkup(<EndpointCard endpoint={healthy!} />)).not.toContain('Retrying')
  })

  it('marks each failed request on the latency chart with a cross, outside the latency line', async () => {
    const { pool } = await downFirstAfterOneRead()
    const snapshot = pool.getSnapshot()
    const failed = snapshot.endpoints.flatMap((e) => e.latencies.filter((l) => l.failed))
    const answered = snapshot.endpoints.find((e) => e.id === 'b')?.latencies.length ?? 0
    expect(failed.length).toBe(2)
    const chart = renderToStaticMarkup(<LatencyChart endpoints={snapshot.endpoints} now={snapshot.takenAt} />)
    expect(chart.match(/class="failure-mark"/g)?.length).toBe(2)
    expect(chart).toContain('2 failed requests marked with a cross')
    // The failing endpoint draws no line: every point on it would be a failure.
    const lines = [...chart.matchAll(/<polyline[^>]*points="([^"]*)"/g)].map((m) => m[1] ?? '')
    expect(lines.map((points) => (points === '' ? 0 : points.split(' ').length))).toEqual([0, answered])
    expect(chart).toContain('failed request (at the time it took to fail)')
  })
})
