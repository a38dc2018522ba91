import {
  type Address,
  type Client,
  getAddress,
  type Hex,
  isAddressEqual,
  type Transaction,
  type TransactionReceipt,
} from 'viem'
import { getBalance, getBlock, getTransactionReceipt } from 'viem/actions'
import { askedBy, gapsBetween, type PlainCall } from './asked'
import { compareOutcome } from './compare'
import { type AssetKey, flowsFromLogs } from './flows'
import { allEffectsOf, boundEffects, type OutcomeCheck, type Preview, type TokenInfo } from './outcome'
import { readTokenInfo } from './tokenInfo'

export type CheckInput = {
  account: Address
  /** Every transaction of this send or batch (one-by-one: each step's), all included. */
  hashes: readonly Hex[]
  /** The calls as asked (to find the native recipients and what each recipient was asked to get). */
  calls: readonly PlainCall[]
  preview?: Preview | undefined
  knownTokens: readonly TokenInfo[]
}

const feeOf = (r: TransactionReceipt) => r.gasUsed * r.effectiveGasPrice

/**
 * What the transaction(s) actually did, read from the chain once included: ERC-20 `Transfer`/`Approval` logs
 * of the receipts, and for the native currency the balances at each inclusion block versus the block before,
 * with the fee added back. Other transactions of the sender in the same block (their value and fee) and plain
 * payments to the sender by others are taken out and named in `notes`. Give it one endpoint's client (a pool
 * session), so every read comes from one node.
 */
// Over 80 lines: one session's reads and their comparison with the preview, kept together so every read comes from one node.
export async function checkOutcome(
  client: Client,
  input: CheckInput,
  now: () => number = Date.now,
): Promise<OutcomeCheck> {
  const { account } = input
  const receipts = await Promise.all(input.hashes.map((hash) => getTransactionReceipt(client, { hash })))
  const ours = new Set(input.hashes.map((h) => h.toLowerCase()))
  const flows = flowsFromLogs(
    account,
    receipts.flatMap((r) => r.logs),
  )
  const asked = askedBy(account, input.calls)
  const nativeRecipients = new Set<Address>()
  for (const [to, net] of asked.receives) if (net.has('native')) nativeRecipients.add(to)
  for (const r of input.preview?.receives ?? []) if (r.asset === 'native') nativeRecipients.add(r.to)
  nativeRecipients.delete(getAddress(account))

  const notes: string[] = []
  let senderNative = 0n
  const recipientNative = new Map<Address, { amount: bigint; shared: boolean }>()
  const blocks = [...new Set(receipts.map((r) => r.blockNumber))].sort((a, b) => (a < b ? -1 : 1))
  let blockTime = 0
  let blockHash: Hex | undefined
  for (const number of blocks) {
    const block = await getBlock(client, { blockNumber: number, includeTransactions: true })
    blockTime = Number(block.timestamp)
    blockHash = block.hash ?? undefined
    // The receipts and the block must be the same block: a reorg between the reads makes the figures mixed.
    if (receipts.some((r) => r.blockNumber === number && r.blockHash !== block.hash))
      throw new Error(`Block ${number} changed while the outcome was checked; check again.`)
    const txs = block.transactions as Transaction[]
    const others = txs.filter((tx) => !ours.has(tx.hash.toLowerCase()))
    const [before, after] = await Promise.all([
      getBalance(client, { address: account, blockNumber: number - 1n }),
      getBalance(client, { address: account, blockNumber: number }),
    ])
    let delta = after - before
    for (const r of receipts) if (r.blockNumber === number) delta += feeOf(r)
    const mine = others.filter((tx) => isAddressEqual(tx.from, account))
    for (const tx of mine) {
      const receipt = await getTransactionReceipt(client, { hash: tx.hash })
      delta += feeOf(receipt) + (receipt.status === 'success' ? tx.value : 0n)
    }
    if (mine.length > 0)
      notes.push(
        `Block ${number}: ${mine.length} other transaction(s) of yours; their value and fee were taken out of your balance change.`,
      )
    const paid = others.filter(
      (tx) => !isAddressEqual(tx.from, account) && tx.to && isAddressEqual(tx.to, account) && tx.value > 0n,
    )
    for (const tx of paid) delta -= tx.value
    if (paid.length > 0)
      notes.push(
        `Block ${number}: ${paid.length} payment(s) to you by others; taken out of your balance change.`,
      )
    senderNative += delta

    for (const who of nativeRecipients) {
      const [b, a] = await Promise.all([
        getBalance(client, { address: who, blockNumber: number - 1n }),
        getBalance(client, { address: who, blockNumber: number }),
      ])
      const touched = others.some(
        (tx) => isAddressEqual(tx.from, who) || (tx.to !== null && isAddressEqual(tx.to, who)),
      )
      const prev = recipientNative.get(who) ?? { amount: 0n, shared: false }
      recipientNative.set(who, { amount: prev.amount + a - b, shared: prev.shared || touched })
    }
  }

  if (senderNative !== 0n) flows.sender.set('native', senderNative)
  else flows.sender.delete('native')
  const shared = new Set<Address>()
  for (const [who, { amount, shared: s }] of recipientNative) {
    const net = flows.receives.get(who) ?? new Map<AssetKey, bigint>()
    if (amount !== 0n) net.set('native', amount)
    if (net.size > 0) flows.receives.set(who, net)
    if (s) shared.add(who)
  }
  const last = blocks[blocks.length - 1] as bigint
  const tokens = await readTokenInfo(client, flows, asked, input.knownTokens, last)
  const effects = allEffectsOf(flows, gapsBetween(asked.receives, flows.receives), tokens)
  effects.receives = effects.receives.map((r) =>
    r.asset === 'native' && shared.has(r.to) ? { ...r, shared: true } : r,
  )
  const fee = receipts.reduce((sum, r) => sum + feeOf(r), 0n)
  const success = receipts.every((r) => r.status === 'success')
  // Compared in full; only what is stored is bounded.
  const compared = compareOutcome(input.preview, { ...effects, success, fee })
  return {
    version: 1,
    at: now(),
    block: last.toString(),
    blockTime,
    ...(blockHash ? { blockHash } : {}),
    hashes: receipts.map((r) => r.transactionHash),
    success,
    fee: fee.toString(),
    ...boundEffects(effects),
    ...compared,
    notes: notes.slice(0, 8),
  }
}
