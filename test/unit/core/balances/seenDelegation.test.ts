import { beforeEach, describe, expect, it } from 'vitest'
import { delegationChange, noteDelegation } from '../../../../src/core/balances/seenDelegation'
import { memoryStorage } from '../../../support/builders/memoryStorage'

const account = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const a = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const b = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512'

beforeEach(() => {
  ;(globalThis as { localStorage?: unknown }).localStorage = memoryStorage()
})

describe('a changed delegation since the last visit', () => {
  it('first visit: nothing to announce; same delegate: nothing', () => {
    expect(delegationChange(undefined, a)).toBeUndefined()
    expect(delegationChange(a, a)).toBeUndefined()
    expect(delegationChange('none', undefined)).toBeUndefined()
  })
  it('new, changed and removed delegations are announced', () => {
    expect(delegationChange('none', a)).toEqual({ before: undefined, after: a })
    expect(delegationChange(a, b)).toEqual({ before: a, after: b })
    expect(delegationChange(a, undefined)).toEqual({ before: a, after: undefined })
  })
  it('is remembered per chain and account across visits', () => {
    expect(noteDelegation(1, account, undefined)).toBeUndefined()
    expect(noteDelegation(1, account, a)).toEqual({ before: undefined, after: a })
    expect(noteDelegation(1, account, a)).toBeUndefined()
    expect(noteDelegation(5, account, b)).toBeUndefined()
  })
})
