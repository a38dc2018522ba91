import { describe, expect, it } from 'vitest'
import type { ProtectStatusResult } from '../../../../../src/core/protect/status'
import type { ChainView } from '../../../../../src/core/tx/track/evidence'
import { logAnswer } from '../../../../../src/core/tx/track/observations'
import {
  derivePrivacy,
  type PrivacyInput,
  privacyVerdictText,
} from '../../../../../src/core/tx/track/privacy'
import { unknownGraceMs } from '../../../../../src/core/tx/track/status'
import { protectStatusAnswer } from '../../../../support/builders/protectStatus'

const api = protectStatusAnswer
const unavailable: ProtectStatusResult = {
  kind: 'unavailable',
  reason: 'protect.example could not be reached',
}
const view = (endpointName: string, tx: ChainView['tx'] = 'unknown', head = 10): ChainView => ({
  endpointId: endpointName,
  endpointName,
  head,
  tx,
})
const base: PrivacyInput = {
  protected: true,
  previous: 'checking',
  watch: undefined,
  api: undefined,
  protectStatus: undefined,
  view: undefined,
  mined: false,
  configuredEndpoints: 3,
  sentAt: 0,
  now: 1000,
}

const ws = { sighting: undefined, covering: ['ws.example'] }

/** Runs several observations in order, carrying the state like tracking does. */
function run(steps: Array<Partial<PrivacyInput>>) {
  let state = { privacy: base.previous, watch: base.watch, api: base.api }
  for (const step of steps)
    state = derivePrivacy({ ...base, ...step, previous: state.privacy, watch: state.watch, api: state.api })
  return { ...state, text: privacyVerdictText({ privacy: state.privacy }, state) }
}

describe('the two-source privacy verdict', () => {
  it('private from both sources names both', () => {
    const r = run([
      { protectStatus: api('PENDING'), view: view('a'), stream: ws },
      { protectStatus: api('PENDING'), view: view('b', 'unknown', 11), stream: ws },
      { protectStatus: api('PENDING'), view: view('c', 'unknown', 12), stream: ws },
      { protectStatus: api('INCLUDED'), view: { ...view('a', 'mined', 13) }, mined: true },
      { mined: true, afterInclusion: api('INCLUDED') },
    ])
    expect(r.privacy).toBe('private')
    expect(r.text).toBe(
      'Private: Protect never saw it in the public mempool (asked again after inclusion), none of your 3 read endpoints saw it pending, and the pending-transaction stream of ws.example never showed it.',
    )
  })

  it('counts only the endpoints actually asked before inclusion', () => {
    const r = run([
      { protectStatus: api('PENDING'), view: view('a'), stream: ws },
      { protectStatus: api('INCLUDED'), mined: true, view: view('b', 'mined') },
      { mined: true, afterInclusion: api('INCLUDED') },
    ])
    expect(r.text).toBe(
      'Private: Protect never saw it in the public mempool (asked again after inclusion), 1 of your 3 read endpoints was asked and none saw it pending, and the pending-transaction stream of ws.example never showed it.',
    )
  })

  it('a public node holding it unmined means it went public, whatever the status API says', () => {
    const r = run([
      { protectStatus: api('PENDING'), view: view('a') },
      { protectStatus: api('PENDING'), view: view('b', 'pending', 11), now: 2000 },
      { protectStatus: api('INCLUDED'), view: view('b', 'mined', 12), mined: true },
    ])
    expect(r.privacy).toBe('went-public')
    expect(r.watch?.seenPending).toEqual({ endpoint: 'b', block: 11, at: 2000 })
    expect(r.text).toBe(
      "Went public: b saw it pending in the public mempool at block 11, whatever Protect's status API says.",
    )
  })

  it('the status API unreachable: a verdict from the own watch alone is only likely private', () => {
    const r = run([
      { protectStatus: unavailable, view: view('a') },
      { protectStatus: unavailable, view: view('a', 'mined', 11), mined: true },
    ])
    expect(r.privacy).toBe('likely-private')
    expect(r.api).toEqual({ answered: false, unavailable: 'protect.example could not be reached' })
    expect(r.text).toBe(
      "Likely private: Protect's status API could not be reached; your own watch: one endpoint not known to serve pending transactions, 1 look, 1 s of 1 s pending, never seen pending.",
    )
  })

  it('"status unavailable" only when neither source can say anything', () => {
    const r = run([
      { protectStatus: unavailable, view: undefined },
      { protectStatus: unavailable, view: view('a', 'mined'), mined: true },
    ])
    expect(r.privacy).toBe('status-unavailable')
    expect(r.text).toMatch(
      /^Status unavailable: Protect's status API could not be reached, and none of your read/,
    )
    expect(run([{ protectStatus: unavailable, view: undefined }]).privacy).toBe('checking')
  })

  it('a failed read adds nothing to the watch', () => {
    const r = run([{ protectStatus: api('PENDING'), view: undefined }])
    expect(r.watch?.asked).toEqual([])
  })

  it('Protect UNKNOWN after the grace, or seenInMempool, and a loss once seen stays', () => {
    expect(run([{ protectStatus: api('UNKNOWN'), view: view('a') }]).privacy).toBe('checking')
    expect(run([{ protectStatus: api('UNKNOWN'), view: view('a'), now: unknownGraceMs }]).privacy).toBe(
      'went-public',
    )
    const lost = run([
      { protectStatus: api('PENDING', { seenInMempool: true }), view: view('a', 'pending') },
      { protectStatus: api('INCLUDED'), view: view('a', 'mined'), mined: true },
    ])
    expect(lost.privacy).toBe('privacy-lost')
    expect(lost.text).toBe(
      'Privacy lost: Protect reports it was seen in the public mempool, and a saw it pending too.',
    )
    expect(run([{ protectStatus: api('PENDING') }, { protectStatus: unavailable }]).privacy).toBe(
      'likely-private',
    )
  })

  it('an unprotected send is only that', () => {
    const r = run([{ protected: false, view: view('a', 'pending') }])
    expect(r.privacy).toBe('unprotected')
    expect(r.text).toBe('Sent without protection (public mempool).')
  })
})

describe('the proof log', () => {
  it('keeps each distinct answer with its first and last time and a count, bounded', () => {
    let log = logAnswer(undefined, { source: 'status-api', text: 'PENDING' }, 1)
    log = logAnswer(log, { source: 'status-api', text: 'PENDING' }, 2)
    log = logAnswer(log, { source: 'watch', text: 'not seen', endpoint: 'a', block: 5 }, 3)
    log = logAnswer(log, { source: 'status-api', text: 'PENDING' }, 4)
    log = logAnswer(log, { source: 'status-api', text: 'INCLUDED' }, 5)
    expect(log).toEqual([
      { source: 'status-api', text: 'PENDING', first: 1, last: 4, count: 3 },
      { source: 'watch', text: 'not seen', endpoint: 'a', block: 5, first: 3, last: 3, count: 1 },
      { source: 'status-api', text: 'INCLUDED', first: 5, last: 5, count: 1 },
    ])
    for (let i = 0; i < 200; i++) log = logAnswer(log, { source: 'chain', text: `answer ${i}` }, 10 + i)
    expect(log).toHaveLength(60)
    expect(log[0]?.text).toBe('PENDING')
    expect(log.at(-1)?.text).toBe('answer 199')
  })
})

describe('the WebSocket pending streams in the verdict', () => {
  const sighting = { endpoint: 'ws.example', at: 500 }
  it('an announcement before inclusion is "went public", naming the stream, whatever the API says', () => {
    const r = run([{ protectStatus: api('PENDING'), view: view('a'), stream: { sighting, covering: [] } }])
    expect(r.privacy).toBe('went-public')
    expect(r.watch?.seenPending).toEqual({ endpoint: 'ws.example', at: 500, via: 'websocket' })
    expect(r.text).toBe(
      "Went public: the pending-transaction stream of ws.example (WebSocket) announced it before inclusion, whatever Protect's status API says.",
    )
  })

  it('streams that watched throughout are named beside the read endpoints', () => {
    const covering = { sighting: undefined, covering: ['ws.example'] }
    const r = run([
      { protectStatus: api('PENDING'), view: view('a'), configuredEndpoints: 1, stream: covering },
      {
        protectStatus: api('INCLUDED'),
        view: { ...view('a', 'mined', 11) },
        mined: true,
        configuredEndpoints: 1,
      },
      { mined: true, afterInclusion: api('INCLUDED'), configuredEndpoints: 1 },
    ])
    expect(r.privacy).toBe('private')
    expect(r.text).toBe(
      'Private: Protect never saw it in the public mempool (asked again after inclusion), your read endpoint did not see it pending, and the pending-transaction stream of ws.example never showed it.',
    )
  })

  it('the stream alone, with the API unreachable and no endpoint asked: likely private, naming the stream', () => {
    const r = run([
      {
        protectStatus: unavailable,
        view: undefined,
        stream: { sighting: undefined, covering: ['a.example', 'b.example'] },
      },
    ])
    expect(r.privacy).toBe('likely-private')
    expect(r.text).toBe(
      "Likely private: Protect's status API could not be reached; the pending-transaction streams of a.example and b.example never showed it.",
    )
  })

  it('a stream that dropped before the last look no longer counts', () => {
    const r = run([
      {
        protectStatus: api('PENDING'),
        view: view('a'),
        stream: { sighting: undefined, covering: ['ws.example'] },
      },
      {
        protectStatus: api('PENDING'),
        view: view('a', 'unknown', 11),
        stream: { sighting: undefined, covering: [] },
      },
    ])
    expect(r.watch?.streams).toBeUndefined()
  })
})

describe('a verdict says how strong its evidence is (issue 22)', () => {
  const notSeen = api('INCLUDED')
  it('the status API unreachable and one endpoint answering null once is only "likely private", naming the check', () => {
    const r = run([
      { protectStatus: unavailable, view: view('a'), now: 4000 },
      { protectStatus: unavailable, view: view('a', 'unknown', 11), now: 9000 },
      { protectStatus: unavailable, view: view('a', 'mined', 12), mined: true, now: 14_000 },
    ])
    expect(r.privacy).toBe('likely-private')
    expect(r.text).toBe(
      "Likely private: Protect's status API could not be reached; your own watch: one endpoint not known to serve pending transactions, 2 looks, 9 s of 14 s pending, never seen pending.",
    )
  })

  it('names the capability it relied on: an endpoint that serves pending transactions (issue 24)', () => {
    const servesPending = (name: string) => (name === 'a' ? true : undefined)
    const r = run([
      { protectStatus: unavailable, view: view('a'), now: 4000, servesPending },
      { protectStatus: unavailable, view: view('a', 'unknown', 11), now: 9000, servesPending },
      { protectStatus: unavailable, view: view('a', 'mined', 12), mined: true, now: 14_000, servesPending },
    ])
    expect(r.watch?.serving).toEqual(['a'])
    expect(r.text).toBe(
      "Likely private: Protect's status API could not be reached; your own watch: one endpoint that serves pending transactions, 2 looks, 9 s of 14 s pending, never seen pending.",
    )
    const mixed = run([
      { protectStatus: unavailable, view: view('a'), now: 1000, servesPending },
      { protectStatus: unavailable, view: view('b', 'unknown', 11), now: 2000, servesPending },
      { protectStatus: unavailable, view: view('b', 'mined', 12), mined: true, now: 3000, servesPending },
    ])
    expect(mixed.text).toMatch(/your own watch: 2 endpoints \(1 serves pending transactions\), 2 looks/)
  })

  it('"private" needs the status API, asked again after inclusion, and a watch that covered the pending time', () => {
    const covering = { sighting: undefined, covering: ['ws.example'] }
    const steps: Array<Partial<PrivacyInput>> = [
      { protectStatus: api('PENDING'), view: view('a'), now: 1000, stream: covering },
      { protectStatus: api('INCLUDED'), view: view('a', 'mined', 11), mined: true, now: 3000 },
    ]
    const before = run(steps)
    expect(before.privacy).toBe('likely-private')
    expect(before.text).toBe(
      'Likely private: Protect never saw it in the public mempool while pending (not yet confirmed after inclusion); your own watch: one endpoint not known to serve pending transactions, 1 look, 1 s of 3 s pending, never seen pending; the pending-transaction stream of ws.example never showed it.',
    )
    const after = run([...steps, { mined: true, afterInclusion: notSeen, now: 5000 }])
    expect(after.privacy).toBe('private')
  })

  it('looks by hash alone, however many, are likely private (an endpoint may never serve pending transactions)', () => {
    const r = run([
      { protectStatus: api('PENDING'), view: view('a'), now: 1000 },
      { protectStatus: api('PENDING'), view: view('b', 'unknown', 11), now: 2000 },
      { protectStatus: api('PENDING'), view: view('c', 'unknown', 12), now: 3000 },
      { protectStatus: api('INCLUDED'), view: view('a', 'mined', 13), mined: true, now: 4000 },
      { mined: true, afterInclusion: notSeen, now: 5000 },
    ])
    expect(r.privacy).toBe('likely-private')
    expect(r.text).toBe(
      'Likely private: Protect never saw it in the public mempool (asked again after inclusion); your own watch: 3 endpoints not known to serve pending transactions, 3 looks, 3 s of 4 s pending, never seen pending.',
    )
  })

  it('included before any look: likely private, saying no public watch looked', () => {
    const r = run([
      { protectStatus: api('INCLUDED'), view: view('a', 'mined'), mined: true },
      { mined: true, afterInclusion: notSeen, now: 2000 },
    ])
    expect(r.privacy).toBe('likely-private')
    expect(r.text).toBe(
      'Likely private: Protect never saw it in the public mempool (asked again after inclusion); no public watch looked while it was pending.',
    )
  })

  it('seenInMempool turning true after inclusion is privacy lost', () => {
    const r = run([
      { protectStatus: api('PENDING'), view: view('a'), now: 1000 },
      { protectStatus: api('INCLUDED'), view: view('a', 'mined', 11), mined: true, now: 3000 },
      { mined: true, afterInclusion: api('INCLUDED', { seenInMempool: true }), now: 5000 },
    ])
    expect(r.privacy).toBe('privacy-lost')
  })
})
