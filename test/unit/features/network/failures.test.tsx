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
    // The failing endpoint draws no line: every point on it would be a failure. The serving one answered at one
    // moment of this test's clock, and samples a moment apart draw no line either (see the next test).
    expect(answered).toBeGreaterThan(0)
    expect(chart).not.toContain('<polyline')
    expect(chart).toContain('failed request (at the time it took to fail)')
  })

  it('draws no stray dot: samples a moment apart make no line (the chart waits), samples a minute apart do', async () => {
    const { pool } = await downFirstAfterOneRead()
    const snapshot = pool.getSnapshot()
    const serving = snapshot.endpoints.find((e) => e.id === 'b')!
    const now = snapshot.takenAt
    const sample = (ago: number, ms: number) => ({ at: now - ago, ms, failed: false })
    const chartOf = (latencies: (typeof serving)['latencies']) =>
      renderToStaticMarkup(<LatencyChart endpoints={[{ ...serving, latencies }]} now={now} />)
    const close = chartOf([sample(40, 67), sample(0, 68)])
    expect(close).not.toContain('<polyline')
    expect(close).toContain('Waiting for the first samples')
    const apart = chartOf([sample(60_000, 67), sample(0, 68)])
    expect(
      [...apart.matchAll(/<polyline[^>]*points="([^"]*)"/g)].map((m) => m[1]?.split(' ').length),
    ).toEqual([2])
    expect(apart).not.toContain('Waiting for the first samples')
  })
})
