import type { Address } from 'viem'
import { decodeFunctionData, erc20Abi } from 'viem'
import { fiatFor, type Prices } from '../prices/feeds'
import type { BatchCall, BatchToken } from './validate'

export type Outflow = {
  asset: 'native' | Address
  symbol: string
  decimals: number
  amount: bigint
  /** Part of `amount` kept back for gas (native only). */
  gasReserve?: bigint
  /** `gasReserve` is an estimate, not a bound: the wallet sets the gas (an atomic batch). */
  gasEstimate?: boolean
  /** The outcome preview shows the account losing this much, more than the actions' own fields name. */
  fromPreview?: boolean
}

/** What the batch takes from the account: ETH sent by every call plus tokens moved by transfers. */
export function batchOutflows(
  items: readonly { call: BatchCall; token?: BatchToken }[],
  native: { symbol: string; decimals: number },
): Outflow[] {
  const totals = new Map<string, Outflow>()
  const add = (asset: 'native' | Address, symbol: string, decimals: number, amount: bigint) => {
    const key = asset === 'native' ? asset : asset.toLowerCase()
    const current = totals.get(key)
    totals.set(key, { asset, symbol, decimals, amount: (current?.amount ?? 0n) + amount })
  }
  for (const { call, token } of items) {
    if (call.value > 0n) add('native', native.symbol, native.decimals, call.value)
    if (token && call.data) {
      const decoded = decodeFunctionData({ abi: erc20Abi, data: call.data })
      if (decoded.functionName === 'transfer')
        add(token.address, token.symbol, token.decimals, decoded.args[1])
    }
  }
  return [...totals.values()]
}

export type Shortfall = Outflow & { balance: bigint | undefined }

/** Outflows larger than the balance; an unreadable balance (undefined) is reported too, never read as zero. */
export function findShortfalls(
  outflows: readonly Outflow[],
  balances: ReadonlyMap<string, bigint | undefined>,
): Shortfall[] {
  return outflows
    .map((o) => ({ ...o, balance: balances.get(o.asset === 'native' ? 'native' : o.asset.toLowerCase()) }))
    .filter((o) => o.balance === undefined || o.amount > o.balance)
}

/** Adds the most the batch can cost in gas to the native outflow, as the Send form keeps it back from the balance. */
export function withGasReserve(
  outflows: readonly Outflow[],
  reserve: bigint | undefined,
  native: { symbol: string; decimals: number },
  estimate = false,
): Outflow[] {
  if (!reserve) return [...outflows]
  const hasNative = outflows.some((o) => o.asset === 'native')
  const base = hasNative ? outflows : [{ asset: 'native' as const, ...native, amount: 0n }, ...outflows]
  return base.map((o) =>
    o.asset === 'native'
      ? { ...o, amount: o.amount + reserve, gasReserve: reserve, ...(estimate ? { gasEstimate: true } : {}) }
      : o,
  )
}

/**
 * The fiat value of everything a batch sends (gas included), or undefined when any asset has no usable price: a
 * total that left an asset out would read as the whole.
 */
export function fiatTotal(
  outflows: readonly Outflow[],
  prices: Prices | undefined,
): { value: bigint; decimals: number; currency: string } | undefined {
  if (!prices || outflows.length === 0) return undefined
  const parts = outflows.map((o) => fiatFor(prices, o.asset, o.amount, o.decimals))
  if (parts.some((p) => !p)) return undefined
  const decimals = Math.max(...parts.map((p) => p?.decimals ?? 0))
  const value = parts.reduce((sum, p) => sum + (p ? p.value * 10n ** BigInt(decimals - p.decimals) : 0n), 0n)
  return { value, decimals, currency: prices.currency }
}
