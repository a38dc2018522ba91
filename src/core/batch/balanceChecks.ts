import { formatUnits, isAddressEqual } from 'viem'
import type { BalancesSnapshot } from '../balances/readBalances'
import { formatAmount } from '../format/amount'
import { assetUnit } from '../proof/describe'
import type { Preview } from '../proof/outcome'
import { maxAmountText } from '../validation/amount'
import type { BatchAction } from './actions'
import type { Outflow } from './totals'
import { checkAmount, type FieldMessages, findToken, type ValidationContext } from './validate'

/** Balances by asset: `native`, or a token address in lower case; undefined while unknown or unreadable. */
export type BalanceMap = ReadonlyMap<string, bigint | undefined>

type ActionOutflow = {
  field: 'amount' | 'value'
  key: string
  symbol: string
  decimals: number
  amount: bigint
}

const nativeDecimals = 18

/** The balance map of a balance snapshot; a token whose read failed is unknown, never zero. */
export function balanceMapOf(
  snapshot: Pick<BalancesSnapshot, 'native' | 'tokens'> | undefined,
): Map<string, bigint | undefined> {
  const balances = new Map<string, bigint | undefined>([['native', snapshot?.native]])
  for (const [token, read] of Object.entries(snapshot?.tokens ?? {}))
    balances.set(token.toLowerCase(), read.status === 'ok' ? read.value : undefined)
  return balances
}

/** What one action takes from the account, read from its own fields (whatever else in it is still wrong). */
export function actionOutflow(action: BatchAction, ctx: ValidationContext): ActionOutflow | undefined {
  const parse = (raw: string, decimals: number, symbol: string) => {
    const check = checkAmount(raw, decimals, symbol, true)
    return check.ok ? check.value : undefined
  }
  switch (action.kind) {
    case 'eth-transfer': {
      const amount = parse(action.amount, nativeDecimals, ctx.nativeSymbol)
      return amount === undefined
        ? undefined
        : { field: 'amount', key: 'native', symbol: ctx.nativeSymbol, decimals: nativeDecimals, amount }
    }
    case 'token-transfer': {
      const token = findToken(action.token, ctx)
      const amount = token && parse(action.amount, token.decimals, token.symbol)
      return token && amount !== undefined
        ? { field: 'amount', key: token.address.toLowerCase(), ...token, amount }
        : undefined
    }
    case 'contract-call': {
      const amount = action.value.trim() ? parse(action.value, nativeDecimals, ctx.nativeSymbol) : undefined
      return amount
        ? { field: 'value', key: 'native', symbol: ctx.nativeSymbol, decimals: nativeDecimals, amount }
        : undefined
    }
    case 'token-approval':
      return undefined
  }
}

const show = (value: bigint, o: { decimals: number; symbol: string }) =>
  `${formatAmount(value, o.decimals).display} ${o.symbol}`

/**
 * An error at each amount the balance cannot cover, counting what the earlier actions of the batch already
 * take of the same asset (they run first). An unknown balance gives no error here: the review's totals say it
 * could not be checked, and sending waits for it. Gas is checked in the totals, not per field.
 */
export function overBalanceErrors(
  actions: readonly BatchAction[],
  ctx: ValidationContext,
  balances: BalanceMap,
): FieldMessages[] {
  const spent = new Map<string, bigint>()
  return actions.map((action) => {
    const out = actionOutflow(action, ctx)
    if (!out) return {}
    const earlier = spent.get(out.key) ?? 0n
    spent.set(out.key, earlier + out.amount)
    const balance = balances.get(out.key)
    if (balance === undefined || earlier + out.amount <= balance) return {}
    const message =
      earlier > 0n
        ? `With ${show(earlier, out)} in the earlier actions, this is more than your balance of ${show(balance, out)}.`
        : `More than your balance of ${show(balance, out)}.`
    return { [out.field]: message }
  })
}

/** What every action but the one at `index` takes of the asset `key` (`native` or a token address). */
function othersTake(
  actions: readonly BatchAction[],
  index: number,
  ctx: ValidationContext,
  key: string,
): bigint {
  return actions.reduce((sum, other, j) => {
    const out = j === index ? undefined : actionOutflow(other, ctx)
    return out?.key === key ? sum + out.amount : sum
  }, 0n)
}

/**
 * The "Max" of a token amount: the balance minus what every other action of the batch takes of that token, so
 * the whole batch still fits; undefined while the balance is unknown.
 */
export function maxTokenAmountText(
  actions: readonly BatchAction[],
  index: number,
  ctx: ValidationContext,
  balances: BalanceMap,
): string | undefined {
  const action = actions[index]
  if (action?.kind !== 'token-transfer') return undefined
  const token = findToken(action.token, ctx)
  const balance = token && balances.get(token.address.toLowerCase())
  if (!token || balance === undefined) return undefined
  const others = othersTake(actions, index, ctx, token.address.toLowerCase())
  return formatUnits(balance > others ? balance - others : 0n, token.decimals)
}

/**
 * The "Max" of an ETH transfer, as Send's Max (maxAmountText): the balance minus the ETH every other action
 * sends, minus `gasReserve` (what the whole batch's gas can cost); undefined while either is unknown.
 */
export function maxEthAmountText(
  actions: readonly BatchAction[],
  index: number,
  ctx: ValidationContext,
  balances: BalanceMap,
  gasReserve: bigint | undefined,
): string | undefined {
  const balance = balances.get('native')
  if (actions[index]?.kind !== 'eth-transfer' || balance === undefined || gasReserve === undefined)
    return undefined
  return maxAmountText(balance, nativeDecimals, othersTake(actions, index, ctx, 'native') + gasReserve)
}

/**
 * The totals with the token movements the outcome preview reveals: a raw contract call can move tokens its
 * fields do not show (a transfer written by hand, a contract pulling an allowance). Where the preview shows the
 * account losing more of a token than the actions name, the larger figure counts, marked `fromPreview`.
 */
export function withPreviewOutflows(outflows: readonly Outflow[], preview: Preview | undefined): Outflow[] {
  if (!preview?.ok) return [...outflows]
  const out = [...outflows]
  for (const entry of preview.sender) {
    if (entry.asset === 'native') continue // ETH leaves only as call values, already counted with gas
    const moved = -BigInt(entry.amount)
    if (moved <= 0n) continue
    const asset = entry.asset
    const at = out.findIndex((o) => o.asset !== 'native' && isAddressEqual(o.asset, asset))
    const current = out[at]
    if (current) {
      if (moved > current.amount) out[at] = { ...current, amount: moved, fromPreview: true }
      continue
    }
    const unit = assetUnit(preview, asset, { symbol: '', decimals: 0 })
    out.push({ asset, symbol: unit.symbol, decimals: unit.decimals, amount: moved, fromPreview: true })
  }
  return out
}
