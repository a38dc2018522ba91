import { parseEther, parseGwei } from 'viem'
import { describe, expect, it } from 'vitest'
import type { BatchAction } from '../../../../src/core/batch/actions'
import { maxEthAmountText } from '../../../../src/core/batch/balanceChecks'
import { batchGasReserve, gasBeforeSimulation, gasReserveNote } from '../../../../src/core/batch/gas'
import type { ValidationContext } from '../../../../src/core/batch/validate'
import { checkAmount } from '../../../../src/core/validation/amount'

const me = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' as const
const bob = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const
const ctx: ValidationContext = { tokens: [], nativeSymbol: 'ETH', account: me }
const eth = (id: string, amount: string): BatchAction => ({ id, kind: 'eth-transfer', to: bob, amount })
const call = (id: string, value: string): BatchAction => ({
  id,
  kind: 'contract-call',
  to: bob,
  signature: 'ping()',
  args: [],
  value,
})
const native = { symbol: 'ETH', decimals: 18 }
const balances = new Map<string, bigint | undefined>([['native', parseEther('1')]])
const fee = parseGwei('10')

describe('the gas a batch keeps back from the ETH balance', () => {
  it('one by one: every step at the gas limit it is sent with (estimate + headroom), a bound', () => {
    // 21,000 (a plain transfer: no headroom) + 50,000 × 1.2 + 100,000 × 1.2
    const r = batchGasReserve('sequential', [21_000n, 50_000n, 100_000n], fee)
    expect(r).toEqual({ amount: (21_000n + 60_000n + 120_000n) * fee, estimate: false })
  })

  it('atomic: an estimate, never less than the one-by-one figure plus one EIP-7702 authorization', () => {
    const r = batchGasReserve('atomic', [21_000n, 50_000n], fee)
    expect(r.estimate).toBe(true)
    expect(r.amount).toBe((21_000n + 60_000n + 25_000n) * fee)
    expect(r.amount).toBeGreaterThan(batchGasReserve('sequential', [21_000n, 50_000n], fee).amount)
  })

  it('says what it keeps back, and that an atomic figure is the wallet’s to set', () => {
    const seq = gasReserveNote(batchGasReserve('sequential', [21_000n, 21_000n], fee), native, 2, true)
    expect(seq).toBe('Max keeps back up to 0.00042 ETH for the gas of both transactions.')
    const atomic = gasReserveNote(batchGasReserve('atomic', [21_000n], fee), native, 1, false)
    expect(atomic).toBe(
      'Max keeps back about 0.00046 ETH for gas (typical gas until the review simulates the batch): an estimate, since your wallet sets the gas of an atomic batch.',
    )
  })
})

describe('Max of an ETH amount in a batch', () => {
  it('is the balance minus the other actions’ ETH and the gas of every step, and passes the amount check', () => {
    const actions = [eth('a', '0.2'), eth('b', ''), call('c', '0.3')]
    const reserve = batchGasReserve(
      'sequential',
      actions.map((a) => gasBeforeSimulation[a.kind]),
      fee,
    ).amount
    const text = maxEthAmountText(actions, 1, ctx, balances, reserve)
    // 1 − 0.2 − 0.3 − (21,000 + 21,000 + 300,000 × 1.2) gas × 10 gwei
    expect(text).toBe('0.49598')
    const value = checkAmount(text ?? '', { decimals: 18, balance: parseEther('1') })
    expect(value.ok && value.value + parseEther('0.5') + reserve).toBe(parseEther('1'))
  })

  it('is never negative, and unknown while the balance or the gas to keep is unknown', () => {
    expect(maxEthAmountText([eth('a', '2'), eth('b', '')], 1, ctx, balances, fee)).toBe('0')
    expect(maxEthAmountText([eth('a', '')], 0, ctx, balances, undefined)).toBeUndefined()
    expect(maxEthAmountText([eth('a', '')], 0, ctx, new Map(), 1n)).toBeUndefined()
  })
})
