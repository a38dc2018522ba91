import { type Address, decodeFunctionData, formatUnits, maxUint256, parseAbi } from 'viem'
import type { BatchAction } from './actions'
import type { BatchCall, BatchToken, FieldMessages } from './validate'

/** The approval functions a contract call may hide: ERC-20 approve / increaseAllowance, EIP-2612 permit, ERC-721/1155 setApprovalForAll. */
const approvalAbi = parseAbi([
  'function approve(address spender, uint256 amount)',
  'function increaseAllowance(address spender, uint256 addedValue)',
  'function setApprovalForAll(address operator, bool approved)',
  'function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s)',
])

export type DecodedApproval =
  | { fn: 'approve' | 'increaseAllowance' | 'permit'; token: Address; spender: Address; amount: bigint }
  | { fn: 'setApprovalForAll'; token: Address; spender: Address; approved: boolean }

/** The approval inside a call's data, decoded by its selector; undefined when the call is not one. */
export function decodeApproval(call: BatchCall): DecodedApproval | undefined {
  if (!call.data || call.data.length < 10) return undefined
  let decoded: ReturnType<typeof decodeFunctionData<typeof approvalAbi>>
  try {
    decoded = decodeFunctionData({ abi: approvalAbi, data: call.data })
  } catch {
    return undefined
  }
  switch (decoded.functionName) {
    case 'approve':
    case 'increaseAllowance':
      return { fn: decoded.functionName, token: call.to, spender: decoded.args[0], amount: decoded.args[1] }
    case 'permit':
      return { fn: 'permit', token: call.to, spender: decoded.args[1], amount: decoded.args[2] }
    case 'setApprovalForAll':
      return { fn: 'setApprovalForAll', token: call.to, spender: decoded.args[0], approved: decoded.args[1] }
  }
}

/** At or above 2^255 an allowance is unlimited in practice (wallets and explorers show it so). */
export function isUnlimitedAmount(amount: bigint): boolean {
  return amount === maxUint256 || amount >= 1n << 255n
}

export const unlimitedApprovalWarning =
  'Unlimited approval: the spender can take all of this token from your account, now and later, until you revoke it.'

/** Needs the same explicit tick as an unlimited approval action, whatever the balance. */
export function needsTickWithoutBalance(approval: DecodedApproval): boolean {
  return approval.fn === 'setApprovalForAll' ? approval.approved : isUnlimitedAmount(approval.amount)
}

export function approvalWarning(approval: DecodedApproval): string | undefined {
  if (approval.fn === 'setApprovalForAll')
    return approval.approved
      ? 'Approval for all: the operator can take every token of this collection from your account, now and later, until you revoke it.'
      : undefined
  return isUnlimitedAmount(approval.amount) ? unlimitedApprovalWarning : undefined
}

/** An amount above what the account holds: in effect unlimited today, so it gets the same warning and tick. */
export function aboveBalanceWarning(
  approval: DecodedApproval,
  balance: bigint | undefined,
  token: { symbol: string; decimals: number } | undefined,
): string | undefined {
  if (approval.fn === 'setApprovalForAll' || balance === undefined || isUnlimitedAmount(approval.amount))
    return undefined
  if (approval.amount <= balance) return undefined
  const held = token ? `${formatUnits(balance, token.decimals)} ${token.symbol}` : `${balance} base units`
  return `This approval is more than your balance of ${held}: the spender can take all of it, and whatever you receive later, until you revoke it.`
}

export const noCodeSpenderWarning =
  'The spender has no contract code: it is an ordinary account (or nothing at all). Approving it lets whoever holds its key take these tokens. Check the address.'

export type ApprovalCheck = { errors: FieldMessages; warnings: FieldMessages }

/**
 * What the chain adds to the approval rules of each action: an amount above the account's balance of that token
 * needs the same tick as an unlimited one (contract calls), and a spender with no code gets a warning (every
 * approval). A read that failed (undefined) adds nothing: it proves neither.
 */
export function approvalChecks(params: {
  actions: readonly BatchAction[]
  approvals: readonly (DecodedApproval | undefined)[]
  balances: ReadonlyMap<string, bigint | undefined>
  spenderHasCode: ReadonlyMap<string, boolean | undefined> | undefined
  tokens: readonly BatchToken[]
}): ApprovalCheck[] {
  const { actions, approvals, balances, spenderHasCode, tokens } = params
  return actions.map((action, i) => {
    const approval = approvals[i]
    const check: ApprovalCheck = { errors: {}, warnings: {} }
    if (!approval) return check
    const spenderField = action.kind === 'token-approval' ? 'spender' : 'approval'
    if (spenderHasCode?.get(approval.spender.toLowerCase()) === false)
      check.warnings[spenderField] = noCodeSpenderWarning
    if (action.kind === 'contract-call') {
      const token = tokens.find((t) => t.address.toLowerCase() === approval.token.toLowerCase())
      const above = aboveBalanceWarning(approval, balances.get(approval.token.toLowerCase()), token)
      if (above) {
        check.warnings.approval = above
        if (!action.approvalConfirmed)
          check.errors.approvalConfirmed =
            'Tick the box to confirm this approval, or approve a smaller amount instead.'
      }
    }
    return check
  })
}
