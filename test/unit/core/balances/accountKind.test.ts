import { describe, expect, it } from 'vitest'
import { accountKindFromCode, delegateOf } from '../../../../src/core/balances/accountKind'

const delegate = '0x5FbDB2315678afecb367f032d93F642f64180aa3'

describe('account kind from code', () => {
  it('no code is a plain account', () => {
    expect(accountKindFromCode(undefined)).toEqual({ kind: 'plain' })
    expect(accountKindFromCode('0x')).toEqual({ kind: 'plain' })
  })
  it('an EIP-7702 designator names the delegate', () => {
    const code = `0xef0100${delegate.slice(2).toLowerCase()}` as const
    expect(delegateOf(code)).toBe(delegate)
    expect(accountKindFromCode(code)).toEqual({ kind: 'delegated', delegate })
  })
  it('other code is a contract (smart account); a designator prefix with the wrong length is not a delegation', () => {
    expect(accountKindFromCode('0x6080604052')).toEqual({ kind: 'contract', codeSize: 5 })
    expect(delegateOf(`0xef0100${delegate.slice(2)}00`)).toBeUndefined()
  })
})
