import {
  type Address,
  getAddress,
  type Hex,
  hexToBigInt,
  isAddressEqual,
  sliceHex,
  toEventSelector,
} from 'viem'

/**
 * What a transaction did to balances, read from its logs: ERC-20 `Transfer` and `Approval` events, and the
 * native-currency transfers `eth_simulateV1` reports (with `traceTransfers`) as `Transfer` logs from the
 * pseudo-address 0xEeee…EEeE. A receipt has no logs for native transfers; the outcome check reads those
 * from balances instead (check.ts).
 */
export const nativeLogAddress: Address = '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE'
export const transferTopic = toEventSelector('Transfer(address,address,uint256)')
export const approvalTopic = toEventSelector('Approval(address,address,uint256)')

/** `native` or a checksummed token address. */
export type AssetKey = 'native' | Address
export type LogLike = { address: Address; topics: readonly Hex[]; data: Hex }

export type Flows = {
  /** The account's net change per asset (for native: without the transaction fee). */
  sender: Map<AssetKey, bigint>
  /** Net change per asset of every address the account sent something to directly. */
  receives: Map<Address, Map<AssetKey, bigint>>
  /** The last allowance the account set per token and spender, in log order. */
  approvals: Map<string, { token: Address; spender: Address; amount: bigint }>
}

const topicAddress = (topic: Hex) => getAddress(sliceHex(topic, 12))

function add<K>(map: Map<K, bigint>, key: K, delta: bigint) {
  map.set(key, (map.get(key) ?? 0n) + delta)
}

/** Decodes one ERC-20-shaped Transfer/Approval log (3 topics, a 32-byte amount); anything else is skipped. */
export function decodeAssetLog(
  log: LogLike,
): { kind: 'transfer' | 'approval'; asset: AssetKey; a: Address; b: Address; amount: bigint } | undefined {
  const [topic, t1, t2] = log.topics
  if (log.topics.length !== 3 || !t1 || !t2 || log.data.length !== 66) return undefined
  const kind = topic === transferTopic ? 'transfer' : topic === approvalTopic ? 'approval' : undefined
  if (!kind) return undefined
  const native = isAddressEqual(log.address, nativeLogAddress)
  if (native && kind === 'approval') return undefined
  return {
    kind,
    asset: native ? 'native' : getAddress(log.address),
    a: topicAddress(t1),
    b: topicAddress(t2),
    amount: hexToBigInt(log.data),
  }
}

export function flowsFromLogs(account: Address, logs: readonly LogLike[]): Flows {
  const decoded = logs.map(decodeAssetLog).filter((d) => d !== undefined)
  const sender = new Map<AssetKey, bigint>()
  const counterparties = new Set<Address>()
  const approvals: Flows['approvals'] = new Map()
  for (const d of decoded) {
    if (d.kind === 'approval') {
      if (isAddressEqual(d.a, account))
        approvals.set(`${d.asset} ${d.b}`, { token: d.asset as Address, spender: d.b, amount: d.amount })
      continue
    }
    if (isAddressEqual(d.a, account)) {
      add(sender, d.asset, -d.amount)
      if (!isAddressEqual(d.b, account)) counterparties.add(d.b)
    }
    if (isAddressEqual(d.b, account)) add(sender, d.asset, d.amount)
  }
  const receives: Flows['receives'] = new Map()
  for (const who of counterparties) {
    const net = new Map<AssetKey, bigint>()
    for (const d of decoded) {
      if (d.kind !== 'transfer') continue
      if (isAddressEqual(d.b, who)) add(net, d.asset, d.amount)
      if (isAddressEqual(d.a, who)) add(net, d.asset, -d.amount)
    }
    const kept = dropZeros(net)
    if (kept.size > 0) receives.set(who, kept)
  }
  return { sender: dropZeros(sender), receives, approvals }
}

function dropZeros<K>(map: Map<K, bigint>): Map<K, bigint> {
  return new Map([...map].filter(([, v]) => v !== 0n))
}
