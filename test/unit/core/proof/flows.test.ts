import { type Address, encodeAbiParameters, getAddress, type Hex, maxUint256, pad } from 'viem'
import { describe, expect, it } from 'vitest'
import {
  approvalTopic,
  flowsFromLogs,
  nativeLogAddress,
  transferTopic,
} from '../../../../src/core/proof/flows'
import { effectsOf, maxEntries, previewSchema } from '../../../../src/core/proof/outcome'

const me = getAddress('0x1000000000000000000000000000000000000001')
const bob = getAddress('0x2000000000000000000000000000000000000002')
const pool = getAddress('0x3000000000000000000000000000000000000003')
const token = getAddress('0x4000000000000000000000000000000000000004')
const amount = (v: bigint): Hex => encodeAbiParameters([{ type: 'uint256' }], [v])
const log = (address: Address, topic: Hex, a: Address, b: Address, v: bigint) => ({
  address,
  topics: [topic, pad(a), pad(b)] as Hex[],
  data: amount(v),
})

describe('flowsFromLogs', () => {
  it('nets the sender per asset, counts what each direct counterparty ends with, keeps the last approval', () => {
    const flows = flowsFromLogs(me, [
      log(nativeLogAddress, transferTopic, me, bob, 5n),
      log(token, transferTopic, me, pool, 100n),
      log(token, transferTopic, pool, bob, 30n),
      log(token, transferTopic, pool, me, 10n),
      log(token, approvalTopic, me, pool, maxUint256),
      log(token, approvalTopic, me, pool, 7n),
      log(token, approvalTopic, bob, pool, 1n),
    ])
    expect([...flows.sender]).toEqual([
      ['native', -5n],
      [token, -90n],
    ])
    // Bob's net change in the whole transaction: 5 ETH from me, 30 tokens through the pool.
    expect([...flows.receives.get(bob)!]).toEqual([
      ['native', 5n],
      [token, 30n],
    ])
    // The pool got 100 from me and passed 40 on.
    expect([...flows.receives.get(pool)!]).toEqual([[token, 60n]])
    expect([...flows.approvals.values()]).toEqual([{ token, spender: pool, amount: 7n }])
  })

  it('skips logs that are not ERC-20 shaped (an ERC-721 Transfer has the id as a 4th topic)', () => {
    const nft = {
      ...log(token, transferTopic, me, bob, 0n),
      topics: [transferTopic, pad(me), pad(bob), pad('0x01')] as Hex[],
      data: '0x' as Hex,
    }
    expect(flowsFromLogs(me, [nft]).sender.size).toBe(0)
  })
})

describe('stored effects are bounded', () => {
  it('a contract that emits hundreds of transfers is cut to the limit, the rest counted', () => {
    const logs = Array.from({ length: 300 }, (_, i) =>
      log(getAddress(`0x${(i + 1).toString(16).padStart(40, '0')}`), transferTopic, me, bob, 1n),
    )
    const effects = effectsOf(flowsFromLogs(me, logs), [], [])
    expect(effects.sender).toHaveLength(maxEntries)
    expect(effects.receives).toHaveLength(maxEntries)
    expect(effects.omitted).toBe((300 - maxEntries) * 2)
    const preview = {
      version: 1,
      method: 'simulated',
      at: 1,
      block: '1',
      endpoint: 'x',
      calls: 1,
      ok: true,
      ...effects,
    }
    expect(previewSchema.safeParse(preview).success).toBe(true)
    expect(
      previewSchema.safeParse({ ...preview, sender: [...effects.sender, ...effects.sender] }).success,
    ).toBe(false)
  })
})
