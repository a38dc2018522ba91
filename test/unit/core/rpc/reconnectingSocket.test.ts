import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type SocketFactory, startSubscriptionSocket } from '../../../../src/core/rpc/reconnectingSocket'
import { type FakeSocket, fakeSockets, push } from '../../../support/builders/fakeSockets'

const confirm = (s: FakeSocket) => push(s, { jsonrpc: '2.0', id: 1, result: '0xsub' })
const last = (made: FakeSocket[]) => made.at(-1) as FakeSocket

function start(factory: SocketFactory, extra: Partial<Parameters<typeof startSubscriptionSocket>[0]> = {}) {
  const events: string[] = []
  const results: unknown[] = []
  const handle = startSubscriptionSocket({
    url: 'ws://node.example',
    subscribe: ['newThings', { full: true }],
    socket: factory,
    maxAttempts: 2,
    baseDelayMs: 100,
    onConnecting: () => events.push('connecting'),
    onLive: () => events.push('live'),
    onDown: (retrying) => events.push(retrying ? 'down, retrying' : 'down, given up'),
    onNotification: (result) => results.push(result),
    ...extra,
  })
  return { events, results, handle }
}

describe('one eth_subscribe on a reconnecting WebSocket', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.spyOn(Math, 'random').mockReturnValue(1) // the back-off's jitter at its top: delays are exact
  })
  afterEach(() => {
    vi.restoreAllMocks()
    vi.useRealTimers()
  })

  it('subscribes on open, is live on the confirmation, and hands over each notification result', () => {
    const { made, factory } = fakeSockets()
    const { events, results } = start(factory)
    const s = last(made)
    s.onopen?.({})
    expect(s.sent.map((m) => JSON.parse(m))).toEqual([
      { jsonrpc: '2.0', id: 1, method: 'eth_subscribe', params: ['newThings', { full: true }] },
    ])
    confirm(s)
    push(s, {
      jsonrpc: '2.0',
      method: 'eth_subscription',
      params: { subscription: '0xsub', result: { n: 1 } },
    })
    s.onmessage?.({ data: 'not json' })
    push(s, { jsonrpc: '2.0', id: 7, result: 'other' })
    expect(events).toEqual(['connecting', 'live'])
    expect(results).toEqual([{ n: 1 }])
  })

  it('backs off and reconnects after a loss, gives up after maxAttempts, and a confirmation resets the count', () => {
    const { made, factory } = fakeSockets()
    const { events } = start(factory)
    last(made).onclose?.({})
    last(made).onerror?.({}) // the same loss reported twice counts once
    expect(events).toEqual(['connecting', 'down, retrying'])
    vi.advanceTimersByTime(100)
    expect(made).toHaveLength(2)
    confirm(last(made))
    last(made).onclose?.({})
    vi.advanceTimersByTime(100) // attempt 1 again: the confirmation reset the count
    expect(made).toHaveLength(3)
    last(made).onerror?.({})
    vi.advanceTimersByTime(199)
    expect(made).toHaveLength(3)
    vi.advanceTimersByTime(1)
    expect(made).toHaveLength(4)
    last(made).onclose?.({})
    vi.advanceTimersByTime(10_000)
    expect(made).toHaveLength(4)
    expect(events).toEqual([
      'connecting',
      'down, retrying',
      'connecting',
      'live',
      'down, retrying',
      'connecting',
      'down, retrying',
      'connecting',
      'down, given up',
    ])
  })

  it('a socket the factory cannot make counts as a lost connection', () => {
    const { made, factory } = fakeSockets({ failFirst: 1 })
    const { events } = start(factory)
    expect(made).toHaveLength(0)
    vi.advanceTimersByTime(100)
    expect(made).toHaveLength(1)
    expect(events).toEqual(['connecting', 'down, retrying', 'connecting'])
  })

  it('a refusal without onRefused closes the socket and reconnects once it is down', () => {
    const { made, factory } = fakeSockets()
    const { events } = start(factory)
    const s = last(made)
    push(s, { jsonrpc: '2.0', id: 1, error: { code: -32601, message: 'no' } })
    expect(s.closed).toBe(true)
    s.onclose?.({})
    vi.advanceTimersByTime(100)
    expect(made).toHaveLength(2)
    expect(events).toEqual(['connecting', 'down, retrying', 'connecting'])
  })

  it('a refusal with onRefused closes the socket for good and says so once', () => {
    const { made, factory } = fakeSockets()
    const refused: string[] = []
    const { events } = start(factory, { onRefused: () => refused.push('refused') })
    const s = last(made)
    push(s, { jsonrpc: '2.0', id: 1, result: null })
    expect(s.closed).toBe(true)
    expect(s.onclose).toBeNull()
    vi.advanceTimersByTime(10_000)
    expect(made).toHaveLength(1)
    expect(refused).toEqual(['refused'])
    expect(events).toEqual(['connecting'])
  })

  it('stop closes the socket, detaches it, and cancels a pending reconnect', () => {
    const { made, factory } = fakeSockets()
    const first = start(factory)
    const s = last(made)
    first.handle.stop()
    expect(s.closed).toBe(true)
    expect([s.onclose, s.onerror, s.onmessage]).toEqual([null, null, null])

    const second = start(factory)
    last(made).onclose?.({})
    second.handle.stop()
    vi.advanceTimersByTime(10_000)
    expect(made).toHaveLength(2)
    expect(second.events).toEqual(['connecting', 'down, retrying'])
  })
})
