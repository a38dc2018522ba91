import { describe, expect, it } from 'vitest'
import type { BatchAction } from '../../../../src/core/batch/actions'
import { resolveAction } from '../../../../src/core/batch/validate'
import { type EnsField, withEnsAddresses } from '../../../../src/features/batch/useBatchEns'

/** Issue 25: Batch's address fields take ENS names as Send's recipient does; only a resolved name is sent. */
const alice = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const vault = '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0'
const dusd = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const states: Record<string, EnsField> = {
  'alice.eth': { kind: 'resolved', name: 'alice.eth', address: alice },
  'vault.eth': { kind: 'resolved', name: 'vault.eth', address: vault },
  'slow.eth': { kind: 'resolving', name: 'slow.eth' },
  'none.eth': { kind: 'problem', name: 'none.eth', message: 'none.eth has no address set.' },
}
const stateOf = (name: string) => states[name] ?? { kind: 'resolving', name }

describe('ENS names in a batch', () => {
  it('replaces each resolved name with its address, in recipients and spenders, and keeps the rest as typed', () => {
    const actions: BatchAction[] = [
      { id: 'a', kind: 'eth-transfer', to: ' alice.eth ', amount: '1' },
      {
        id: 'b',
        kind: 'token-approval',
        token: dusd,
        spender: 'vault.eth',
        amount: '5',
        unlimited: false,
        unlimitedConfirmed: false,
      },
      { id: 'c', kind: 'eth-transfer', to: alice, amount: '1' },
      { id: 'd', kind: 'eth-transfer', to: 'slow.eth', amount: '1' },
      { id: 'e', kind: 'token-transfer', token: dusd, to: 'none.eth', amount: '1' },
    ]
    const out = withEnsAddresses(actions, stateOf)
    expect(out.actions[0]).toMatchObject({ to: alice })
    expect(out.actions[1]).toMatchObject({ spender: vault })
    expect(out.actions[2]).toBe(actions[2])
    expect(out.actions[3]).toMatchObject({ to: 'slow.eth' })
    expect(out.actions[4]).toMatchObject({ to: 'none.eth' })
    expect(out.fields.map((f) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v.kind])))).toEqual(
      [{ to: 'resolved' }, { spender: 'resolved' }, {}, { to: 'resolving' }, { to: 'problem' }],
    )
    // What is not resolved is refused by the checks: it can be neither reviewed nor sent.
    const ctx = { tokens: [{ address: dusd, symbol: 'DUSD', decimals: 6 }] as const, nativeSymbol: 'ETH' }
    expect(resolveAction(out.actions[0]!, ctx).ok).toBe(true)
    expect(resolveAction(out.actions[3]!, ctx).ok).toBe(false)
    expect(resolveAction(out.actions[4]!, ctx).ok).toBe(false)
  })
})
