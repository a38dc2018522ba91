import type { Address, PublicClient, Transaction } from 'viem'
import type { TxRecord } from '../records/records'

/** What finding a transaction by its sender and nonce reads. */
export type IntentReader = Pick<PublicClient, 'getTransactionCount' | 'getBlockNumber' | 'getBlock'>

/**
 * The transaction from `from` with `nonce`, searched in blocks `fromBlock`..head: a binary search on the
 * account's transaction count finds the block that used the nonce, then that block is read in full.
 */
export async function findTransactionByNonce(
  reader: IntentReader,
  from: Address,
  nonce: number,
  fromBlock: bigint,
): Promise<Transaction | undefined> {
  let lo = fromBlock
  let hi = await reader.getBlockNumber({ cacheTime: 0 })
  if (lo > hi) lo = hi
  const usedBy = async (block: bigint) =>
    (await reader.getTransactionCount({ address: from, blockNumber: block })) > nonce
  if (!(await usedBy(hi))) return undefined
  while (lo < hi) {
    const mid = lo + (hi - lo) / 2n
    if (await usedBy(mid)) hi = mid
    else lo = mid + 1n
  }
  const block = await reader.getBlock({ blockNumber: lo, includeTransactions: true })
  return block.transactions.find(
    (tx) => typeof tx !== 'string' && tx.from.toLowerCase() === from.toLowerCase() && tx.nonce === nonce,
  ) as Transaction | undefined
}

/**
 * Whether the transaction found is the one the intent asked for. An atomic batch's transaction is the wallet's
 * own encoding (EIP-7702 execute, ERC-7579 and others), so it matches when its input carries every call:
 * each target, value and data, in order, whatever the wrapping.
 */
export function matchesIntent(record: TxRecord, tx: Pick<Transaction, 'to' | 'value' | 'input'>): boolean {
  if (record.kind === 'batch') return carriesCalls(tx.input ?? '0x', record.steps ?? [])
  const call = record.call
  if (!call) return false
  return (
    (tx.to ?? '').toLowerCase() === call.to.toLowerCase() &&
    tx.value === BigInt(call.value) &&
    (tx.input ?? '0x').toLowerCase() === (call.data ?? '0x').toLowerCase()
  )
}

function carriesCalls(
  input: string,
  steps: readonly { to?: string | undefined; value?: string | undefined; data?: string | undefined }[],
): boolean {
  const hex = input.toLowerCase()
  let at = 0
  for (const step of steps) {
    if (!step.to) return false
    const parts = [step.to.slice(2).toLowerCase()]
    if (step.value && step.value !== '0') parts.push(BigInt(step.value).toString(16).padStart(64, '0'))
    if (step.data && step.data.length > 2) parts.push(step.data.slice(2).toLowerCase())
    for (const part of parts) {
      const found = hex.indexOf(part, at)
      if (found < 0) return false
      at = found + part.length
    }
  }
  return steps.length > 0
}
