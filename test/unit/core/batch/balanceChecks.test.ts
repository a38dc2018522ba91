import { getAddress, parseEther } from 'viem'
import { describe, expect, it } from 'vitest'
import type { BatchAction } from '../../../../src/core/batch/actions'
import {
  maxTokenAmountText,
  overBalanceErrors,
  withPreviewOutflows,
} from '../../../../src/core/batch/balanceChecks'
import { resolveAction, type ValidationContext } from '../../../../src/core/batch/validate'
import type { Preview } from '../../../../src/core/proof/outcome'
import { anvil1 as bob, dusd, anvil2 as me } from '../../../support/builders/addresses'

const ctx: ValidationContext = { tokens: [dusd], nativeSymbol: 'ETH', account: me }
const eth = (id: string, amount: string, to: string = bob): BatchAction => ({
  id,
  kind: 'eth-transfer',
  to,
  amount,
})
const tok = (id: string, amount: string): BatchAction => ({
  id,
  kind: 'token-transfer',
  token: dusd.address,
  to: bob,
  amount,
})
const balances = new Map<string, bigint | undefined>([
  ['native', parseEther('1')],
  [dusd.address.toLowerCase(), 100_000_000n],
])

describe('over-balance errors at the amount fields', () => {
  it('count the earlier actions of the same asset, and only those', () => {
    const errors = overBalanceErrors(
      [eth('a', '0.6'), tok('b', '100'), eth('c', '0.5'), tok('d', '0.01')],
      ctx,
      balances,
    )
    expect(errors[0]).toEqual({})
    expect(errors[1]).toEqual({})
    expect(errors[2]?.amount).toBe(
      'With 0.6 ETH in the earlier actions, this is more than your balance of 1 ETH.',
    )
    expect(errors[3]?.amount).toContain('With 100 DUSD in the earlier actions')
  })
  it('flag a single amount over the balance, an ETH value sent with a contract call at its own field, and nothing while the balance is unknown', () => {
    const call: BatchAction = {
      id: 'c',
      kind: 'contract-call',
      to: bob,
      signature: 'function f() payable',
      args: [],
      value: '2',
    }
    expect(overBalanceErrors([eth('a', '1.5'), call], ctx, balances)).toEqual([
      { amount: 'More than your balance of 1 ETH.' },
      { value: 'With 1.5 ETH in the earlier actions, this is more than your balance of 1 ETH.' },
    ])
    expect(overBalanceErrors([eth('a', '1.5')], ctx, new Map())).toEqual([{}])
  })
})

describe('Max of a token amount', () => {
  it('is the balance minus what every other action takes of that token, never below zero', () => {
    expect(maxTokenAmountText([tok('a', '30'), tok('b', ''), tok('c', '20')], 1, ctx, balances)).toBe('50')
    expect(maxTokenAmountText([tok('a', '300'), tok('b', '')], 1, ctx, balances)).toBe('0')
    expect(maxTokenAmountText([tok('a', '')], 0, ctx, new Map())).toBeUndefined()
  })
})

describe('self-send', () => {
  it('warns at the recipient of a transfer to your own address, without blocking it', () => {
    const r = resolveAction(eth('a', '0.1', me), ctx)
    expect(r.ok).toBe(true)
    expect(r.warnings.selfSend).toContain('your own address')
    expect(resolveAction(eth('a', '0.1'), ctx).warnings.selfSend).toBeUndefined()
  })
})

describe('totals with what the outcome preview reveals', () => {
  const other = getAddress('0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0')
  const preview = (sender: Preview['sender'], tokens: Preview['tokens'] = []): Preview => ({
    version: 1,
    method: 'simulated',
    at: 1,
    block: '1',
    endpoint: 'a',
    calls: 1,
    ok: true,
    sender,
    receives: [],
    approvals: [],
    gaps: [],
    tokens,
  })
  it('adds a token only a contract call moves, raises a named one the preview shows moving more, and ignores gains and ETH', () => {
    const named = [{ asset: dusd.address, symbol: 'DUSD', decimals: 6, amount: 5_000_000n }]
    const out = withPreviewOutflows(
      named,
      preview(
        [
          { asset: dusd.address, amount: '-7000000' },
          { asset: other, amount: '-25' },
          { asset: 'native', amount: '-1000' },
        ],
        [{ address: other, symbol: 'HDT', decimals: 0, listed: true }],
      ),
    )
    expect(out).toEqual([
      { asset: dusd.address, symbol: 'DUSD', decimals: 6, amount: 7_000_000n, fromPreview: true },
      { asset: other, symbol: 'HDT', decimals: 0, amount: 25n, fromPreview: true },
    ])
    expect(withPreviewOutflows(named, preview([{ asset: dusd.address, amount: '-5000000' }]))).toEqual(named)
    expect(withPreviewOutflows(named, preview([{ asset: other, amount: '10' }]))).toEqual(named)
  })
})
