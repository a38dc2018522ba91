import type { Address } from 'viem'
import type { BatchAction } from '../../core/batch/actions'
import type { BalanceMap } from '../../core/batch/balanceChecks'
import { type BatchToken, checkAddress, findToken } from '../../core/batch/validate'
import type { Prices } from '../../core/prices/feeds'
import type { TxRecord } from '../../core/tx/records/records'
import { BalanceLine } from '../../shared/ui/BalanceLine'

/** The balance line under a transfer's amount, as on Send: the asset it spends, from the batch's one balance read. */
export function ActionBalance(props: {
  action: BatchAction
  tokens: readonly BatchToken[]
  native: { symbol: string; decimals: number }
  checks: { balances: BalanceMap; balancesLoading: boolean }
  prices: Prices | undefined
}) {
  const { action, checks } = props
  const asset =
    action.kind === 'eth-transfer'
      ? { ...props.native, key: 'native' }
      : action.kind === 'token-transfer'
        ? (() => {
            const t = findToken(action.token, { tokens: props.tokens })
            return t && { ...t, key: t.address.toLowerCase() }
          })()
        : undefined
  if (!asset) return null
  const value = checks.balances.get(asset.key)
  return (
    <BalanceLine
      asset={asset}
      balance={value ?? (checks.balancesLoading ? undefined : 'error')}
      prices={props.prices}
      testId="batch-balance"
    />
  )
}

/**
 * What the poisoning guard compares each address with: the account, the listed tokens, earlier recipients and the
 * batch's other addresses.
 */
export function knownAddresses(
  actions: BatchAction[],
  records: TxRecord[],
  account: Address | undefined,
  tokens: readonly BatchToken[],
  nativeSymbol: string,
): Address[] {
  const typed = actions
    .flatMap((a) => ('to' in a ? [a.to] : []))
    .concat(actions.flatMap((a) => ('spender' in a ? [a.spender] : [])))
  const previous = records.filter((r) => r.from === account && r.to).map((r) => r.to as Address)
  const known = [account, ...tokens.map((t) => t.address), ...previous].filter((a): a is Address =>
    Boolean(a),
  )
  for (const raw of typed) {
    const check = checkAddress(raw, { tokens, nativeSymbol })
    if (check.ok && !known.includes(check.address)) known.push(check.address)
  }
  return known
}
