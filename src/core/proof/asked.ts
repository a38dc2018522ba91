import { type Address, decodeFunctionData, erc20Abi, getAddress, type Hex, isAddressEqual } from 'viem'
import type { AssetKey, Flows } from './flows'
import type { Effects } from './outcome'

export type PlainCall = { to: Address; value: bigint; data?: Hex | undefined }

/** What the calls themselves say, decoded from their value and ERC-20 calldata; nothing is executed. */
export type Asked = {
  /** Per recipient and asset: what the calls ask to deliver. */
  receives: Map<Address, Map<AssetKey, bigint>>
  /** The sender's change per asset as the calls encode it (native: the values sent, without the fee). */
  sender: Map<AssetKey, bigint>
  approvals: Flows['approvals']
  /** Calls whose effect the calldata cannot tell (any other contract call). */
  opaque: number
}

function add<K>(map: Map<K, bigint>, key: K, delta: bigint) {
  map.set(key, (map.get(key) ?? 0n) + delta)
}

export function askedBy(account: Address, calls: readonly PlainCall[]): Asked {
  const receives: Asked['receives'] = new Map()
  const sender = new Map<AssetKey, bigint>()
  const approvals: Flows['approvals'] = new Map()
  let opaque = 0
  const deliver = (to: Address, asset: AssetKey, amount: bigint) => {
    const key = getAddress(to)
    if (isAddressEqual(key, account)) return
    const net = receives.get(key) ?? new Map<AssetKey, bigint>()
    add(net, asset, amount)
    receives.set(key, net)
  }
  for (const call of calls) {
    if (call.value > 0n) {
      add(sender, 'native', -call.value)
      deliver(call.to, 'native', call.value)
    }
    if (!call.data || call.data === '0x') continue
    const decoded = decodeErc20(call.data)
    const token = getAddress(call.to)
    if (decoded?.functionName === 'transfer') {
      const [to, amount] = decoded.args
      add(sender, token, -amount)
      deliver(to, token, amount)
    } else if (decoded?.functionName === 'transferFrom') {
      const [from, to, amount] = decoded.args
      if (isAddressEqual(from, account)) add(sender, token, -amount)
      deliver(to, token, amount)
    } else if (decoded?.functionName === 'approve') {
      const [spender, amount] = decoded.args
      approvals.set(`${token} ${getAddress(spender)}`, { token, spender: getAddress(spender), amount })
    } else opaque++
  }
  return { receives, sender: new Map([...sender].filter(([, v]) => v !== 0n)), approvals, opaque }
}

function decodeErc20(data: Hex) {
  try {
    const decoded = decodeFunctionData({ abi: erc20Abi, data })
    return decoded.functionName === 'transfer' ||
      decoded.functionName === 'transferFrom' ||
      decoded.functionName === 'approve'
      ? decoded
      : undefined
  } catch {
    return undefined
  }
}

/** Recipients whose figure differs from what the calls ask to deliver (a token that keeps a fee, …). */
export function gapsBetween(
  asked: Asked['receives'],
  receives: ReadonlyMap<Address, ReadonlyMap<AssetKey, bigint>>,
): Effects['gaps'] {
  const gaps: Effects['gaps'] = []
  for (const [to, assets] of asked) {
    for (const [asset, amount] of assets) {
      const got = receives.get(to)?.get(asset) ?? 0n
      if (got !== amount) gaps.push({ to, asset, asked: amount.toString(), receives: got.toString() })
    }
  }
  return gaps
}
