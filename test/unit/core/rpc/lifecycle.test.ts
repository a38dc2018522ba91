import { afterEach, describe, expect, it, vi } from 'vitest'
import { diagnosticsReport } from '../../../../src/core/rpc/diagnostics'
import { createEndpointPool } from '../../../../src/core/rpc/pool'
import { watchVisibility } from '../../../../src/core/rpc/visibility'
import { testEndpoint } from '../../../support/builders/readPool'

afterEach(() => {
  vi.useRealTimers()
})

function fakeDocument() {
  const listeners = new Set<() => void>()
  return {
    visibilityState: 'visible',
    addEventListener: (_: 'visibilitychange', fn: () => void) => listeners.add(fn),
    removeEventListener: (_: 'visibilitychange', fn: () => void) => listeners.delete(fn),
    set(state: 'visible' | 'hidden') {
      this.visibilityState = state
      for (const l of listeners) l()
    },
    listeners,
  }
}

describe('visibility', () => {
  it('pauses only after the page has been hidden for long, and resumes when shown', () => {
    vi.useFakeTimers()
    const doc = fakeDocument()
    const calls: string[] = []
    const off = watchVisibility(
      doc,
      { onHiddenLong: () => calls.push('pause'), onVisible: () => calls.push('resume') },
      60_000,
    )
    doc.set('hidden')
    vi.advanceTimersByTime(30_000)
    doc.set('visible')
    vi.advanceTimersByTime(60_000)
    expect(calls).toEqual([])
    doc.set('hidden')
    vi.advanceTimersByTime(60_000)
    expect(calls).toEqual(['pause'])
    doc.set('visible')
    expect(calls).toEqual(['pause', 'resume'])
    off()
    expect(doc.listeners.size).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('pool probe loop', () => {
  it('owns exactly one timer while running and none after stop()', async () => {
    vi.useFakeTimers()
    const endpoint = testEndpoint('a', { rateLimit: { perSecond: 100, burst: 100 } })
    const pool = createEndpointPool({
      chainId: 1,
      endpoints: [endpoint],
      probeIntervalMs: 1_000,
      sendFor:
        () =>
        async ({ method }) =>
          method === 'eth_chainId' ? '0x1' : '0x10',
    })
    await pool.start()
    expect(vi.getTimerCount()).toBe(1)
    await vi.advanceTimersByTimeAsync(3_500)
    expect(vi.getTimerCount()).toBe(1)
    pool.stop()
    expect(vi.getTimerCount()).toBe(0)
    await vi.advanceTimersByTimeAsync(5_000)
    expect(vi.getTimerCount()).toBe(0)
    expect(pool.isRunning()).toBe(false)
  })
})

describe('diagnostics', () => {
  it('holds hosts only, even if a URL slipped into a reason', () => {
    const text = diagnosticsReport(
      {
        version: 1,
        chainId: 1,
        takenAt: 0,
        headline:
          'Reads go through b.example because a.example is down: failed at https://a.example/v3/SECRET.',
        endpoints: [
          {
            id: 'https://a.example/v3/SECRET',
            name: 'a.example',
            host: 'a.example',
            source: 'config',
            enabled: true,
            batch: true,
            status: 'down',
            statusReason: 'failed at https://a.example/v3/SECRET?key=SECRET',
            errorsByCategory: { network: 1 },
            requestsSent: 3,
            byMethod: { eth_chainId: 3 },
            inUse: false,
            latencies: [],
          },
        ],
        events: [
          {
            id: 1,
            at: 0,
            kind: 'failover',
            endpoint: 'a.example',
            to: 'b.example',
            reason: 'see https://a.example/v3/SECRET',
          },
        ],
        requestsPerMinute: 3,
        inFlight: 0,
        probing: true,
        liveState: 'polling',
      },
      { cachedQueries: 2 },
      'Ethereum',
    )
    expect(text).not.toContain('SECRET')
    const report = JSON.parse(text)
    expect(report.endpoints[0]).toMatchObject({
      host: 'a.example',
      status: 'down',
      statusReason: 'failed at a.example',
    })
    expect(report.events[0].reason).toBe('see a.example')
    expect(report.headline).toBe('Reads go through b.example because a.example is down: failed at a.example.')
  })
})
