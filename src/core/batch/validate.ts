import {
  type Address,
  encodeFunctionData,
  erc20Abi,
  getAddress,
  type Hex,
  maxUint256,
  parseUnits,
} from 'viem'
import { findLookalike } from '../validation/poisoning'
import { addressProblem, isOwnAddress, type RecipientRules, selfSendWarning } from '../validation/recipient'
import { parseAbiArgument, parseFunctionFragment } from './abiArgs'
import type { BatchAction } from './actions'
import { approvalWarning, decodeApproval, needsTickWithoutBalance } from './approvals'

export type BatchToken = { address: Address; symbol: string; decimals: number }
export type BatchCall = { to: Address; value: bigint; data?: Hex }
/** Messages keyed by field name ("to", "amount", "arg.0", …) so the page can show each at its field. */
export type FieldMessages = Record<string, string>

export type ValidationContext = {
  tokens: readonly BatchToken[]
  nativeSymbol: string
  account?: Address
  /** Addresses the user already knows (own account, earlier recipients): the poisoning guard compares to these. */
  knownAddresses?: readonly Address[]
}

export type ResolvedAction =
  | { ok: true; call: BatchCall; warnings: FieldMessages; token?: BatchToken }
  /** `call`: encoded, but held back by a missing tick (its approval can still be checked against the chain). */
  | { ok: false; errors: FieldMessages; warnings: FieldMessages; call?: BatchCall }

type AddressCheck = { ok: true; address: Address; warning?: string } | { ok: false; error: string }

/** The Send form's address rules (src/core/validation), applied to every address in a batch. */
export function checkAddress(raw: string, ctx: ValidationContext, rules: RecipientRules = {}): AddressCheck {
  const value = raw.trim()
  if (!value) return { ok: false, error: 'Enter an address.' }
  const problem = addressProblem(value, rules)
  if (problem) return { ok: false, error: problem }
  const address = getAddress(value)
  const lookalike = findLookalike(address, ctx.knownAddresses ?? [])
  const warning = lookalike
    ? `Looks like ${lookalike} but is a different address: address-poisoning scams use such look-alikes. Check every character.`
    : undefined
  return { ok: true, address, warning }
}

type AmountCheck = { ok: true; value: bigint } | { ok: false; error: string }

export function checkAmount(raw: string, decimals: number, symbol: string, allowZero = false): AmountCheck {
  const value = raw.trim()
  if (!value) return { ok: false, error: 'Enter an amount.' }
  if (!/^\d+(\.\d+)?$/.test(value))
    return { ok: false, error: 'Enter a number like 1.5 (digits and one dot).' }
  const fraction = value.split('.')[1] ?? ''
  if (fraction.length > decimals)
    return {
      ok: false,
      error: `${symbol} has ${decimals} decimals: use at most ${decimals} digits after the dot.`,
    }
  const parsed = parseUnits(value, decimals)
  if (parsed === 0n && !allowZero) return { ok: false, error: 'The amount must be more than zero.' }
  if (parsed > maxUint256) return { ok: false, error: 'The amount is too large.' }
  return { ok: true, value: parsed }
}

export function findToken(raw: string, ctx: Pick<ValidationContext, 'tokens'>): BatchToken | undefined {
  const value = raw.trim().toLowerCase()
  return ctx.tokens.find((t) => t.address.toLowerCase() === value)
}

/** Validates one action with the Send form's rules and encodes it as a call. */
// Over 80 lines: one case per action kind (four), each applying the Send form's rules to that kind.
export function resolveAction(action: BatchAction, ctx: ValidationContext): ResolvedAction {
  const errors: FieldMessages = {}
  const warnings: FieldMessages = {}
  const address = (field: string, raw: string, rules: RecipientRules = {}): Address | undefined => {
    const check = checkAddress(raw, ctx, rules)
    if (!check.ok) {
      errors[field] = check.error
      return undefined
    }
    if (check.warning) warnings[field] = check.warning
    return check.address
  }
  const amount = (field: string, raw: string, decimals: number, symbol: string, allowZero = false) => {
    const check = checkAmount(raw, decimals, symbol, allowZero)
    if (!check.ok) errors[field] = check.error
    return check.ok ? check.value : undefined
  }
  const token = (field: string, raw: string) => {
    const found = findToken(raw, ctx)
    if (!found) errors[field] = 'Choose a token from the list.'
    return found
  }
  const done = (call: BatchCall | undefined, t?: BatchToken): ResolvedAction =>
    call && Object.keys(errors).length === 0
      ? { ok: true, call, warnings, token: t }
      : { ok: false, errors, warnings, ...(call ? { call } : {}) }

  switch (action.kind) {
    case 'eth-transfer': {
      const to = address('to', action.to)
      if (to && isOwnAddress(to, ctx.account)) warnings.selfSend = selfSendWarning
      const value = amount('amount', action.amount, 18, ctx.nativeSymbol)
      return done(to && value !== undefined ? { to, value } : undefined)
    }
    case 'token-transfer': {
      const t = token('token', action.token)
      const to = address('to', action.to)
      if (to && isOwnAddress(to, ctx.account)) warnings.selfSend = selfSendWarning
      if (t && to === t.address)
        errors.to = `This is the ${t.symbol} contract itself: tokens sent to it are lost.`
      const value = t ? amount('amount', action.amount, t.decimals, t.symbol) : undefined
      if (!t || !to || value === undefined) return done(undefined)
      return done(
        {
          to: t.address,
          value: 0n,
          data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, value] }),
        },
        t,
      )
    }
    case 'token-approval': {
      const t = token('token', action.token)
      const spender = address('spender', action.spender)
      let value: bigint | undefined
      if (action.unlimited) {
        if (!action.unlimitedConfirmed)
          errors.unlimitedConfirmed =
            'Tick the box to confirm an unlimited approval, or enter an amount instead.'
        value = maxUint256
      } else if (t) value = amount('amount', action.amount, t.decimals, t.symbol, true)
      if (!t || !spender || value === undefined) return done(undefined)
      return done(
        {
          to: t.address,
          value: 0n,
          data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [spender, value] }),
        },
        t,
      )
    }
    case 'contract-call': {
      const to = address('to', action.to)
      const value = action.value.trim() ? amount('value', action.value, 18, ctx.nativeSymbol, true) : 0n
      const parsed = parseFunctionFragment(action.signature)
      if (!parsed.ok) {
        errors.signature = parsed.error
        return done(undefined)
      }
      const fn = parsed.fn
      if (value && value > 0n && fn.stateMutability !== 'payable')
        errors.value = `${fn.name} is not payable: it cannot receive ${ctx.nativeSymbol}.`
      const args: unknown[] = []
      fn.inputs.forEach((input, i) => {
        const arg = parseAbiArgument(input.type, action.args[i] ?? '')
        if (arg.ok) args.push(arg.value)
        else errors[`arg.${i}`] = arg.error
      })
      if (!to || value === undefined || Object.keys(errors).length > 0) return done(undefined)
      const call = { to, value, data: encodeFunctionData({ abi: [fn], functionName: fn.name, args }) }
      const approval = decodeApproval(call)
      if (approval) {
        const warning = approvalWarning(approval)
        if (warning) warnings.approval = warning
        if (needsTickWithoutBalance(approval) && !action.approvalConfirmed)
          errors.approvalConfirmed =
            'Tick the box to confirm this approval, or approve a smaller amount instead.'
      }
      return done(call)
    }
  }
}
