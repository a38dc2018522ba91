import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { applyEvent, transition } from '../../../../../src/core/tx/records/lifecycle'
import { RecordStore, type TxRecord } from '../../../../../src/core/tx/records/records'
import { memoryStorage } from '../../../../support/builders/memoryStorage'

const intent: TxRecord = {
  id: 'r1',
  kind: 'transfer',
  chainId: 31337,
  from: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  nonce: 4,
  createdAt: 1,
  protected: true,
  status: 'AWAITING_WALLET',
  privacy: 'checking',
}
const hash = `0x${'ab'.repeat(32)}` as const
const included: TxRecord = { ...intent, hash, status: 'INCLUDED' }

describe('the record transition (issue 21: one function every writer uses)', () => {
  it('a hash from the wallet makes an intent pending, tracked by hash, and keeps its first send time', () => {
    expect(transition(intent, { kind: 'sent', hash, at: 9 })).toMatchObject({
      status: 'PENDING',
      hash,
      sentAt: 9,
      privacy: 'checking',
    })
    expect(transition({ ...intent, protected: false }, { kind: 'sent', hash, at: 9 }).privacy).toBe(
      'unprotected',
    )
    expect(transition({ ...intent, sentAt: 3 }, { kind: 'sent', hash, at: 9 }).sentAt).toBe(3)
  })

  it('a late claim never takes back what a receipt settled', () => {
    expect(transition(included, { kind: 'sent', hash, at: 9 }).status).toBe('INCLUDED')
    expect(transition(included, { kind: 'notSent', detail: 'declined' })).toBe(included)
    expect(transition({ ...included, status: 'REVERTED' }, { kind: 'notSent', detail: 'x' }).status).toBe(
      'REVERTED',
    )
    expect(transition(included, { kind: 'outcomeUnknown', at: 9, detail: 'x' })).toBe(included)
  })

  it('"not known yet" only for an intent still waiting for its answer', () => {
    expect(transition(intent, { kind: 'outcomeUnknown', at: 9, detail: 'x' })).toMatchObject({
      status: 'AWAITING_WALLET',
      sentUnknown: true,
      unknownAt: 9,
    })
    const found = { ...intent, hash, status: 'PENDING' }
    expect(transition(found, { kind: 'outcomeUnknown', at: 9, detail: 'x' })).toBe(found)
  })

  it('an intent found on chain is followed at the nonce its transaction used, keeping the one asked', () => {
    const moved = transition(intent, { kind: 'found', hash, nonce: 5, detail: 'moved' })
    expect(moved).toMatchObject({ status: 'PENDING', hash, nonce: 5, askedNonce: 4 })
    expect(transition(intent, { kind: 'found', hash, nonce: 4, detail: 'here' }).askedNonce).toBeUndefined()
    // The chain's word wins over a "not sent" the user gave during the search (else Send again pays twice).
    const closed = { ...intent, status: 'NOT_SENT' }
    expect(transition(closed, { kind: 'found', hash, nonce: 4, detail: 'x' })).toMatchObject({
      status: 'PENDING',
      hash,
    })
    // Never another app's record, nor one tracking already follows.
    const foreign = { ...closed, notHush: 'far' }
    expect(transition(foreign, { kind: 'found', hash, nonce: 4, detail: 'x' })).toBe(foreign)
    const followed = { ...intent, hash, status: 'PENDING' }
    expect(transition(followed, { kind: 'found', hash, nonce: 5, detail: 'x' })).toBe(followed)
  })

  it('not sent, with the reason, only for an intent; another app’s record keeps why it is not Hush’s', () => {
    const sent = { ...intent, hash, status: 'PENDING' }
    expect(transition(sent, { kind: 'notSent', detail: 'the wallet errored later' })).toBe(sent)
    expect(transition(intent, { kind: 'notSent', detail: 'Declined.' })).toMatchObject({
      status: 'NOT_SENT',
      detail: 'Declined.',
    })
    expect(transition(intent, { kind: 'notSent', detail: 'x', notHush: 'far' }).notHush).toBe('far')
  })

  it('the store applies the event to its current version', () => {
    ;(globalThis as { localStorage?: unknown }).localStorage = memoryStorage()
    const store = new RecordStore('lifecycle.test')
    store.add(intent)
    expect(applyEvent(store, 'r1', { kind: 'sent', hash, at: 9 })?.status).toBe('PENDING')
    expect(applyEvent(store, 'r1', { kind: 'notSent', detail: 'late' })?.status).toBe('PENDING')
    expect(applyEvent(store, 'missing', { kind: 'notSent', detail: 'x' })).toBeUndefined()
    // A refused event writes no new version for other tabs to merge.
    const before = store.get('r1')?.updatedAt
    applyEvent(store, 'r1', { kind: 'outcomeUnknown', at: 10, detail: 'x' })
    expect(store.get('r1')?.updatedAt).toBe(before)
  })

  it('no code writes a record but through applyEvent', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name)
        return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : []
      })
    const writers = files('src')
      .filter((f) => !f.endsWith('records/lifecycle.ts'))
      .filter((f) => /(store|Store\(\))\.update\(/.test(readFileSync(f, 'utf8')))
    expect(writers).toEqual([])
  })
})
