import { describe, expect, it } from 'vitest'
import { startPendingStream } from '../../../../../src/core/rpc/pendingStream'
import { createPendingWatch, streamName } from '../../../../../src/core/tx/track/pendingWatch'
import { type FakeSocket, fakeSockets, push } from '../../../../support/builders/fakeSockets'

const hash = (b: string) => `0x${b.repeat(32)}`
const note = (h: string) => ({
  jsonrpc: '2.0',
  method: 'eth_subscription',
  params: { subscription: '0x1', result: h },
})

/** Starts a stream over fake sockets and opens its socket; returns it and every socket made. */
function openStream(options: Omit<Parameters<typeof startPendingStream>[0], 'socket'>) {
  const { made, factory } = fakeSockets()
  startPendingStream({ ...options, socket: factory })
  const s = made[0] as FakeSocket
  s.onopen?.({})
  return { s, made }
}

describe('the newPendingTransactions stream', () => {
  it('subscribes on open, is live from the confirmation, and reports each announced hash', () => {
    let t = 100
    const states: Array<[string, number]> = []
    const hashes: string[] = []
    const { s } = openStream({
      url: 'ws://node.example/key',
      now: () => t,
      onHash: (h) => hashes.push(h),
      onState: (s, at) => states.push([s, at]),
    })
    expect(JSON.parse(s.sent[0] as string)).toMatchObject({
      method: 'eth_subscribe',
      params: ['newPendingTransactions'],
    })
    t = 150
    push(s, { jsonrpc: '2.0', id: 1, result: '0xsub' })
    push(s, note(hash('AB')))
    push(s, note('not a hash'))
    push(s, { jsonrpc: '2.0', method: 'eth_subscription', params: { result: { hash: hash('cd') } } })
    expect(states).toEqual([
      ['connecting', 100],
      ['live', 150],
    ])
    expect(hashes).toEqual([hash('ab')])
  })

  it('a node that refuses the subscription is unsupported and not asked again', () => {
    const states: string[] = []
    const { s, made } = openStream({
      url: 'ws://x',
      onHash: () => undefined,
      onState: (s) => states.push(s),
      baseDelayMs: 1,
    })
    push(s, { jsonrpc: '2.0', id: 1, error: { code: -32601, message: 'no' } })
    expect(states).toEqual(['connecting', 'unsupported'])
    expect(s.closed).toBe(true)
    expect(made).toHaveLength(1)
  })
})

describe('the pending watch of one chain', () => {
  it('opens a stream per WebSocket URL only while active, names hosts only, and covers only since it went live', () => {
    const { made, factory } = fakeSockets()
    let t = 1000
    const watch = createPendingWatch({
      urls: ['wss://a.example/v3/KEY', 'wss://b.example'],
      socket: factory,
      now: () => t,
    })
    expect(made).toHaveLength(0)
    watch.setActive(true)
    watch.setActive(true)
    expect(made.map((s) => s.url)).toEqual(['wss://a.example/v3/KEY', 'wss://b.example'])
    const [a, b] = made as [FakeSocket, FakeSocket]
    a.onopen?.({})
    push(a, { jsonrpc: '2.0', id: 1, result: '0x1' })
    t = 2000
    b.onopen?.({})
    push(b, { jsonrpc: '2.0', id: 1, result: '0x1' })
    expect(watch.coveringSince(1500)).toEqual(['a.example'])
    expect(watch.coveringSince(2000)).toEqual(['a.example', 'b.example'])
    push(b, note(hash('ee')))
    expect(watch.sighting(hash('EE'))).toEqual({ endpoint: 'b.example', at: 2000 })
    // A dropped connection ends its coverage: what the node announced meanwhile is lost.
    a.onclose?.({})
    expect(watch.coveringSince(1500)).toEqual([])
    watch.setActive(false)
    expect(made.every((s) => s.closed || s === a)).toBe(true)
    expect(watch.sighting(hash('ee'))).toBeDefined()
    watch.dispose()
  })

  it('keeps a bounded number of announced hashes, oldest out first', () => {
    const { made, factory } = fakeSockets()
    const watch = createPendingWatch({ urls: ['ws://n'], socket: factory, maxKept: 3 })
    watch.setActive(true)
    const s = made[0] as FakeSocket
    for (const b of ['01', '02', '03', '04']) push(s, note(hash(b)))
    expect(watch.sighting(hash('01'))).toBeUndefined()
    expect(watch.sighting(hash('04'))).toBeDefined()
    watch.dispose()
  })

  it('streamName never shows the path or query', () => {
    expect(streamName('wss://mainnet.example.io/ws/v3/SECRET?key=1')).toBe('mainnet.example.io')
  })
})
