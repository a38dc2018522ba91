import { encodeFunctionData, maxUint256, parseAbi, parseUnits } from 'viem'
import { describe, expect, it } from 'vitest'
import type { BatchAction } from '../../../../src/core/batch/actions'
import {
  approvalChecks,
  decodeApproval,
  isUnlimitedAmount,
  noCodeSpenderWarning,
  unlimitedApprovalWarning,
} from '../../../../src/core/batch/approvals'
import { reviewCall } from '../../../../src/core/batch/review'
import { resolveAction, type ValidationContext } from '../../../../src/core/batch/validate'
import { dusd, anvil2 as owner, anvil1 as spender } from '../../../support/builders/addresses'

const ctx: ValidationContext = { tokens: [dusd], nativeSymbol: 'ETH', knownAddresses: [spender] }
const abi = parseAbi([
  'function approve(address spender, uint256 amount)',
  'function increaseAllowance(address spender, uint256 addedValue)',
  'function setApprovalForAll(address operator, bool approved)',
  'function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s)',
  'function deposit(uint256 amount)',
])

const call = (signature: string, args: string[], approvalConfirmed?: boolean) =>
  ({
    id: 'c',
    kind: 'contract-call',
    to: dusd.address,
    signature,
    args,
    value: '',
    ...(approvalConfirmed === undefined ? {} : { approvalConfirmed }),
  }) satisfies BatchAction

const max = maxUint256.toString()

describe('approvals hidden in contract calls', () => {
  it('decodes approve, increaseAllowance, setApprovalForAll and permit by selector, and nothing else', () => {
    const to = dusd.address
    const data = (functionName: 'approve' | 'increaseAllowance', amount: bigint) =>
      encodeFunctionData({ abi, functionName, args: [spender, amount] })
    expect(decodeApproval({ to, value: 0n, data: data('approve', 5n) })).toEqual({
      fn: 'approve',
      token: to,
      spender,
      amount: 5n,
    })
    expect(decodeApproval({ to, value: 0n, data: data('increaseAllowance', maxUint256) })).toMatchObject({
      fn: 'increaseAllowance',
      amount: maxUint256,
    })
    const all = encodeFunctionData({ abi, functionName: 'setApprovalForAll', args: [spender, true] })
    expect(decodeApproval({ to, value: 0n, data: all })).toEqual({
      fn: 'setApprovalForAll',
      token: to,
      spender,
      approved: true,
    })
    const permit = encodeFunctionData({
      abi,
      functionName: 'permit',
      args: [owner, spender, maxUint256, 1n, 27, `0x${'11'.repeat(32)}`, `0x${'22'.repeat(32)}`],
    })
    expect(decodeApproval({ to, value: 0n, data: permit })).toMatchObject({
      fn: 'permit',
      spender,
      amount: maxUint256,
    })
    const deposit = encodeFunctionData({ abi, functionName: 'deposit', args: [1n] })
    expect(decodeApproval({ to, value: 0n, data: deposit })).toBeUndefined()
    expect(decodeApproval({ to, value: 1n })).toBeUndefined()
  })

  it('treats 2^256-1 and anything from 2^255 as unlimited, not a large but finite amount', () => {
    expect(isUnlimitedAmount(maxUint256)).toBe(true)
    expect(isUnlimitedAmount(1n << 255n)).toBe(true)
    expect(isUnlimitedAmount((1n << 255n) - 1n)).toBe(false)
  })

  it.each([
    ['approve', 'function approve(address spender, uint256 amount)', [spender, max]],
    ['increaseAllowance', 'function increaseAllowance(address spender, uint256 addedValue)', [spender, max]],
  ])(
    'a contract call of %s(spender, 2^256-1) gets the unlimited warning and needs the tick',
    (_, sig, args) => {
      const unticked = resolveAction(call(sig, args), ctx)
      expect(unticked).toMatchObject({
        ok: false,
        errors: { approvalConfirmed: expect.stringContaining('Tick the box') },
        warnings: { approval: unlimitedApprovalWarning },
        // Still encoded, so the chain checks (the spender's code) run before the tick too.
        call: { to: dusd.address },
      })
      const ticked = resolveAction(call(sig, args, true), ctx)
      expect(ticked).toMatchObject({ ok: true, warnings: { approval: unlimitedApprovalWarning } })
    },
  )

  it('setApprovalForAll(operator, true) gets the approval-for-all warning and needs the tick; revoking does not', () => {
    const sig = 'function setApprovalForAll(address operator, bool approved)'
    expect(resolveAction(call(sig, [spender, 'true']), ctx)).toMatchObject({
      ok: false,
      errors: { approvalConfirmed: expect.any(String) },
      warnings: { approval: expect.stringContaining('Approval for all') },
    })
    expect(resolveAction(call(sig, [spender, 'true'], true), ctx)).toMatchObject({ ok: true })
    const revoke = resolveAction(call(sig, [spender, 'false']), ctx)
    expect(revoke).toMatchObject({ ok: true })
    if (revoke.ok) expect(revoke.warnings.approval).toBeUndefined()
  })

  it('an unlimited EIP-2612 permit inside a contract call needs the tick too', () => {
    const sig =
      'function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s)'
    const args = [owner, spender, max, '1', '27', `0x${'11'.repeat(32)}`, `0x${'22'.repeat(32)}`]
    expect(resolveAction(call(sig, args), ctx)).toMatchObject({
      ok: false,
      errors: { approvalConfirmed: expect.any(String) },
    })
  })

  it('a limited approve within the balance passes without a warning', () => {
    const r = resolveAction(call('function approve(address spender, uint256 amount)', [spender, '5']), ctx)
    expect(r).toMatchObject({ ok: true })
    if (!r.ok) return
    const [check] = approvalChecks({
      actions: [call('function approve(address spender, uint256 amount)', [spender, '5'])],
      approvals: [decodeApproval(r.call)],
      balances: new Map([[dusd.address.toLowerCase(), 10n]]),
      spenderHasCode: new Map([[spender.toLowerCase(), true]]),
      tokens: ctx.tokens,
    })
    expect(check).toEqual({ errors: {}, warnings: {} })
  })

  it('an approve above the balance gets the warning and needs the tick; a failed balance read concludes nothing', () => {
    const action = call('function approve(address spender, uint256 amount)', [
      spender,
      parseUnits('20', 6).toString(),
    ])
    const r = resolveAction(action, ctx)
    if (!r.ok) throw new Error('expected the call to resolve')
    const check = (balance: bigint | undefined, a: BatchAction = action) =>
      approvalChecks({
        actions: [a],
        approvals: [decodeApproval(r.call)],
        balances: new Map([[dusd.address.toLowerCase(), balance]]),
        spenderHasCode: undefined,
        tokens: ctx.tokens,
      })[0]
    expect(check(parseUnits('10', 6))).toEqual({
      errors: { approvalConfirmed: expect.stringContaining('Tick the box') },
      warnings: { approval: expect.stringContaining('more than your balance of 10 DUSD') },
    })
    expect(check(parseUnits('10', 6), { ...action, approvalConfirmed: true })?.errors).toEqual({})
    expect(check(undefined)).toEqual({ errors: {}, warnings: {} })
  })

  it('a spender with no code gets a warning on the approval action and in a contract call; an unread one nothing', () => {
    const approvalAction: BatchAction = {
      id: 'a',
      kind: 'token-approval',
      token: dusd.address,
      spender,
      amount: '1',
      unlimited: false,
      unlimitedConfirmed: false,
    }
    const contract = call('function approve(address spender, uint256 amount)', [spender, '1'])
    const approval = { fn: 'approve' as const, token: dusd.address, spender, amount: 1n }
    const run = (code: boolean | undefined) =>
      approvalChecks({
        actions: [approvalAction, contract],
        approvals: [approval, approval],
        balances: new Map(),
        spenderHasCode: new Map([[spender.toLowerCase(), code]]),
        tokens: ctx.tokens,
      })
    const [onAction, onCall] = run(false)
    expect(onAction?.warnings).toEqual({ spender: noCodeSpenderWarning })
    expect(onCall?.warnings).toEqual({ approval: noCodeSpenderWarning })
    expect(run(undefined).every((c) => Object.keys(c.warnings).length === 0)).toBe(true)
    expect(run(true).every((c) => Object.keys(c.warnings).length === 0)).toBe(true)
  })

  it('the review of an unlimited approval action says the same warning', () => {
    const action: BatchAction = {
      id: 'a',
      kind: 'token-approval',
      token: dusd.address,
      spender,
      amount: '',
      unlimited: true,
      unlimitedConfirmed: true,
    }
    const r = resolveAction(action, ctx)
    if (!r.ok) throw new Error('expected ok')
    expect(reviewCall(action, r.call, r.token, 'ETH').warning).toBe(unlimitedApprovalWarning)
  })
})
