import { decodeFunctionData, erc20Abi, maxUint256 } from 'viem'
import { formatAmount } from '../format/amount'
import { parseFunctionFragment } from './abiArgs'
import type { BatchAction } from './actions'
import { unlimitedApprovalWarning } from './approvals'
import type { BatchCall, BatchToken } from './validate'

export type ActionReview = { sentence: string; warning?: string }

/** Every digit of an amount about to be signed, grouped as everywhere else (250,000 rather than 250000). */
const precise = (value: bigint, decimals: number) =>
  formatAmount(value, decimals, { maxSignificant: 80, maxFraction: decimals }).display

/** Describes a call in words from its encoded data (decoded back), so the review shows what will be signed. */
export function reviewCall(
  action: BatchAction,
  call: BatchCall,
  token: BatchToken | undefined,
  nativeSymbol: string,
): ActionReview {
  const eth = `${precise(call.value, 18)} ${nativeSymbol}`
  if (!call.data || call.data === '0x') return { sentence: `Send ${eth} to ${call.to}` }
  if (token && (action.kind === 'token-transfer' || action.kind === 'token-approval')) {
    const decoded = decodeFunctionData({ abi: erc20Abi, data: call.data })
    if (decoded.functionName === 'transfer') {
      const [to, value] = decoded.args
      return { sentence: `Transfer ${precise(value, token.decimals)} ${token.symbol} to ${to}` }
    }
    if (decoded.functionName === 'approve') {
      const [spender, value] = decoded.args
      if (value === maxUint256)
        return {
          sentence: `Allow ${spender} to spend an UNLIMITED amount of your ${token.symbol}`,
          warning: unlimitedApprovalWarning,
        }
      return {
        sentence: `Allow ${spender} to spend up to ${precise(value, token.decimals)} ${token.symbol}`,
      }
    }
  }
  if (action.kind === 'contract-call') {
    const parsed = parseFunctionFragment(action.signature)
    if (parsed.ok) {
      const decoded = decodeFunctionData({ abi: [parsed.fn], data: call.data })
      const args = (decoded.args ?? []).map((value, i) => {
        const name = parsed.fn.inputs[i]?.name || `arg${i + 1}`
        return `${name} = ${formatValue(value)}`
      })
      const withValue = call.value > 0n ? `, sending ${eth}` : ''
      return { sentence: `Call ${decoded.functionName}(${args.join(', ')}) on ${call.to}${withValue}` }
    }
  }
  return { sentence: `Call ${call.to} with data ${call.data.slice(0, 10)}…` }
}

function formatValue(value: unknown): string {
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`
  if (typeof value === 'string') return JSON.stringify(value)
  return String(value)
}
