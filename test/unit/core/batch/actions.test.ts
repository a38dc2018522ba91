import { decodeFunctionData, erc20Abi, maxUint256, parseAbi, parseEther, parseUnits } from 'viem'
import { describe, expect, it } from 'vitest'
import {
  type BatchAction,
  batchDraftSchema,
  duplicateAction,
  emptyAction,
  moveAction,
  removeAction,
} from '../../../../src/core/batch/actions'
import { compareGas } from '../../../../src/core/batch/gas'
import { chooseBatchPath } from '../../../../src/core/batch/path'
import { reviewCall } from '../../../../src/core/batch/review'
import { batchOutflows, findShortfalls, withGasReserve } from '../../../../src/core/batch/totals'
import { resolveAction, type ValidationContext } from '../../../../src/core/batch/validate'

const dusd = { address: '0x5FbDB2315678afecb367f032d93F642f64180aa3', symbol: 'DUSD', decimals: 6 } as const
const alice = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const vault = '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0'
const ctx: ValidationContext = { tokens: [dusd], nativeSymbol: 'ETH', knownAddresses: [alice] }

describe('action validation and encoding', () => {
  it('encodes an ETH transfer as a plain value call', () => {
    const r = resolveAction({ id: 'a', kind: 'eth-transfer', to: alice.toLowerCase(), amount: '1.5' }, ctx)
    expect(r).toMatchObject({ ok: true, call: { to: alice, value: parseEther('1.5') } })
  })

  it('encodes a token transfer as ERC-20 transfer on the token, with decimals respected', () => {
    const r = resolveAction(
      { id: 'a', kind: 'token-transfer', token: dusd.address, to: alice, amount: '2.5' },
      ctx,
    )
    if (!r.ok) throw new Error('expected ok')
    expect(r.call.to).toBe(dusd.address)
    expect(decodeFunctionData({ abi: erc20Abi, data: r.call.data! })).toMatchObject({
      functionName: 'transfer',
      args: [alice, parseUnits('2.5', 6)],
    })
    const tooPrecise = resolveAction(
      { id: 'b', kind: 'token-transfer', token: dusd.address, to: alice, amount: '0.0000001' },
      ctx,
    )
    expect(tooPrecise).toMatchObject({ ok: false, errors: { amount: expect.stringContaining('6 decimals') } })
  })

  it('refuses sending tokens to the token contract, the zero address and bad checksums, at the field', () => {
    const base = { id: 'a', kind: 'token-transfer' as const, token: dusd.address, amount: '1' }
    expect(resolveAction({ ...base, to: dusd.address }, ctx)).toMatchObject({
      ok: false,
      errors: { to: expect.any(String) },
    })
    expect(resolveAction({ ...base, to: `0x${'0'.repeat(40)}` }, ctx)).toMatchObject({
      ok: false,
      errors: { to: expect.stringContaining('zero') },
    })
    expect(resolveAction({ ...base, to: alice.replace('C8', 'c8') }, ctx)).toMatchObject({
      ok: false,
      errors: { to: expect.stringContaining('checksum') },
    })
  })

  it('warns about an address that looks like a known one (poisoning guard)', () => {
    const lookalike = `0x7099${'1'.repeat(32)}79C8`.toLowerCase()
    const r = resolveAction({ id: 'a', kind: 'eth-transfer', to: lookalike, amount: '1' }, ctx)
    expect(r.ok).toBe(true)
    expect(r.warnings.to).toContain('Looks like')
  })

  it('requires an explicit tick for an unlimited approval and encodes max uint256 then', () => {
    const action: BatchAction = {
      id: 'a',
      kind: 'token-approval',
      token: dusd.address,
      spender: vault,
      amount: '',
      unlimited: true,
      unlimitedConfirmed: false,
    }
    expect(resolveAction(action, ctx)).toMatchObject({
      ok: false,
      errors: { unlimitedConfirmed: expect.any(String) },
    })
    const ok = resolveAction({ ...action, unlimitedConfirmed: true }, ctx)
    if (!ok.ok) throw new Error('expected ok')
    expect(decodeFunctionData({ abi: erc20Abi, data: ok.call.data! }).args).toEqual([vault, maxUint256])
    expect(reviewCall(action, ok.call, ok.token, 'ETH')).toMatchObject({
      sentence: expect.stringContaining('UNLIMITED'),
      warning: expect.stringContaining('Unlimited approval'),
    })
  })

  it('encodes a contract call from a human-readable fragment, errors at the argument', () => {
    const action: BatchAction = {
      id: 'a',
      kind: 'contract-call',
      to: vault,
      signature: 'function deposit(uint256 amount)',
      args: ['100'],
      value: '',
    }
    const r = resolveAction(action, ctx)
    if (!r.ok) throw new Error('expected ok')
    expect(
      decodeFunctionData({ abi: parseAbi(['function deposit(uint256 amount)']), data: r.call.data! }).args,
    ).toEqual([100n])
    expect(reviewCall(action, r.call, undefined, 'ETH').sentence).toBe(
      `Call deposit(amount = 100) on ${vault}`,
    )
    expect(resolveAction({ ...action, args: ['-1'] }, ctx)).toMatchObject({
      ok: false,
      errors: { 'arg.0': expect.any(String) },
    })
    expect(resolveAction({ ...action, value: '1' }, ctx)).toMatchObject({
      ok: false,
      errors: { value: expect.stringContaining('not payable') },
    })
  })

  it('list edits: move, duplicate with a new id, remove; drafts round-trip through the schema', () => {
    const a = emptyAction('eth-transfer', 'a')
    const b = emptyAction('contract-call', 'b')
    expect(moveAction([a, b], 1, -1).map((x) => x.id)).toEqual(['b', 'a'])
    expect(moveAction([a, b], 1, 1)).toEqual([a, b])
    expect(duplicateAction([a, b], 0, 'c').map((x) => x.id)).toEqual(['a', 'c', 'b'])
    expect(removeAction([a, b], 0)).toEqual([b])
    const draft = { version: 1, actions: [a, b] }
    expect(batchDraftSchema.parse(JSON.parse(JSON.stringify(draft)))).toEqual(draft)
    expect(batchDraftSchema.safeParse({ version: 1, actions: [{ id: 'x', kind: 'nuke' }] }).success).toBe(
      false,
    )
  })
})

describe('path selection from wallet_getCapabilities', () => {
  it('takes the atomic path for supported or ready', () => {
    expect(chooseBatchPath({ atomic: { status: 'supported' } })).toEqual({
      kind: 'atomic',
      status: 'supported',
    })
    expect(chooseBatchPath({ atomic: { status: 'ready' } })).toEqual({ kind: 'atomic', status: 'ready' })
  })
  it('falls back to sequential for unsupported, missing, malformed, or an error answer', () => {
    for (const caps of [
      { atomic: { status: 'unsupported' } },
      {},
      undefined,
      null,
      'x',
      { atomic: 'supported' },
      [],
    ])
      expect(chooseBatchPath(caps).kind).toBe('sequential')
    expect(chooseBatchPath({ atomic: { status: 'supported' } }, { code: 4200 }).kind).toBe('sequential')
  })
})

describe('totals and gas', () => {
  it('sums ETH and token outflows and reports shortfalls, treating an unread balance as unknown', () => {
    const items = [
      { call: { to: alice, value: parseEther('1') } },
      { call: { to: vault, value: parseEther('0.5'), data: '0x' as const } },
    ] as const
    const out = batchOutflows(items, { symbol: 'ETH', decimals: 18 })
    expect(out).toEqual([{ asset: 'native', symbol: 'ETH', decimals: 18, amount: parseEther('1.5') }])
    expect(findShortfalls(out, new Map([['native', parseEther('2')]]))).toEqual([])
    expect(findShortfalls(out, new Map([['native', parseEther('1')]]))).toHaveLength(1)
    expect(findShortfalls(out, new Map())).toMatchObject([{ balance: undefined }])
  })
  it('keeps the most the gas can cost back from the ETH balance, even for a batch that sends no ETH', () => {
    const native = { symbol: 'ETH', decimals: 18 }
    const reserved = withGasReserve([], 1000n, native)
    expect(reserved).toEqual([
      { asset: 'native', symbol: 'ETH', decimals: 18, amount: 1000n, gasReserve: 1000n },
    ])
    expect(findShortfalls(reserved, new Map([['native', 999n]]))).toHaveLength(1)
    const withEth = withGasReserve([{ asset: 'native', ...native, amount: 5n }], 10n, native)
    expect(withEth[0]?.amount).toBe(15n)
    expect(withGasReserve(withEth, undefined, native)).toEqual(withEth)
  })

  it('compares one batch with separate sends by the intrinsic cost saved', () => {
    expect(compareGas([21_000n, 50_000n, 30_000n])).toEqual({
      batch: 59_000n,
      separate: 101_000n,
      saved: 42_000n,
    })
    expect(compareGas([])).toEqual({ batch: 0n, separate: 0n, saved: 0n })
  })
})
