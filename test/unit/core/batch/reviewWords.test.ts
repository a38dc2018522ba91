import { parseEther, parseUnits } from 'viem'
import { describe, expect, it } from 'vitest'
import type { BatchAction } from '../../../../src/core/batch/actions'
import { gasReserveNote } from '../../../../src/core/batch/gas'
import { reviewCall } from '../../../../src/core/batch/review'
import { fiatTotal, type Outflow } from '../../../../src/core/batch/totals'
import { resolveAction, type ValidationContext } from '../../../../src/core/batch/validate'
import { allOf } from '../../../../src/core/format/count'
import type { Price, Prices } from '../../../../src/core/prices/feeds'

/** Issue 25: the Batch review reads like Send's: grouped amounts, "both" for two, a fiat total of everything. */
const dusd = { address: '0x5FbDB2315678afecb367f032d93F642f64180aa3', symbol: 'DUSD', decimals: 6 } as const
const alice = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const ctx: ValidationContext = { tokens: [dusd], nativeSymbol: 'ETH', knownAddresses: [alice] }

function sentence(action: BatchAction) {
  const r = resolveAction(action, ctx)
  if (!r.ok) throw new Error(JSON.stringify(r.errors))
  return reviewCall(action, r.call, r.token, 'ETH').sentence
}

describe('batch review words', () => {
  it('groups every digit of the amounts it names (250,000 rather than 250000)', () => {
    expect(
      sentence({ id: 'a', kind: 'token-transfer', token: dusd.address, to: alice, amount: '250000.5' }),
    ).toBe(`Transfer 250,000.5 DUSD to ${alice}`)
    expect(sentence({ id: 'b', kind: 'eth-transfer', to: alice, amount: '12345.000000000000000001' })).toBe(
      `Send 12,345.000000000000000001 ETH to ${alice}`,
    )
  })

  it('says "both" for two, "all n" for more', () => {
    expect(allOf(2, 'transactions')).toBe('both transactions')
    expect(allOf(3, 'transactions')).toBe('all 3 transactions')
    expect(
      gasReserveNote(
        { amount: parseEther('0.00042'), estimate: false },
        { symbol: 'ETH', decimals: 18 },
        2,
        true,
      ),
    ).toBe('Max keeps back up to 0.00042 ETH for the gas of both transactions.')
  })

  it('totals everything it sends in fiat, and shows no total when one asset has no price', () => {
    const price = (answer: bigint): Price => ({ answer, decimals: 8, updatedAt: 0n })
    const prices: Prices = {
      currency: 'USD',
      byAsset: { native: price(3_000_00000000n), [dusd.address.toLowerCase()]: price(1_00000000n) },
    }
    const outflows: Outflow[] = [
      { asset: 'native', symbol: 'ETH', decimals: 18, amount: parseEther('1.5') },
      { asset: dusd.address, symbol: 'DUSD', decimals: 6, amount: parseUnits('250000', 6) },
    ]
    const total = fiatTotal(outflows, prices)
    expect(total && Number(total.value / 10n ** BigInt(total.decimals))).toBe(254_500)
    expect(total?.currency).toBe('USD')
    expect(fiatTotal(outflows, { ...prices, byAsset: { native: price(3_000_00000000n) } })).toBeUndefined()
    expect(fiatTotal(outflows, undefined)).toBeUndefined()
  })
})
