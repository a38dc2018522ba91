import { type Address, type Hex, isAddressEqual } from 'viem'
import type { ProtectStatusResult } from '../../protect/status'
import type { TxRecord } from '../records/records'
import { recordCall } from './replace'

type ChainTx = { from: Address; to: Address | null; value: bigint; input: Hex }

export type RecordCheckDeps = {
  /** undefined: the chain does not know the hash; throws when the read failed. */
  getTransaction: (hash: Hex) => Promise<ChainTx | undefined>
  /** Protect's status API for the record's chain; absent on chains without Protect. */
  fetchStatus?: (hash: Hex) => Promise<ProtectStatusResult>
}

export type RecordCheck = { ok: true; by: 'chain' | 'protect' } | { ok: false; reason: string }

/**
 * A stored record is data anyone with access to the browser's storage can write. Before "Send again" or
 * "Speed up" acts on it, its hash must be known outside storage: on chain as a transaction from the connected
 * account with the record's call, or (a private transaction never reaches public nodes) to Protect's status
 * API. A record neither knows is not acted on.
 */
export async function checkRecordOutsideStorage(
  deps: RecordCheckDeps,
  record: TxRecord,
  account: Address,
): Promise<RecordCheck> {
  if (!isAddressEqual(record.from as Address, account))
    return { ok: false, reason: 'This record is not from the connected account.' }
  if (!record.hash) return { ok: false, reason: 'This record has no transaction hash to check.' }
  const hash = record.hash as Hex
  const call = recordCall(record)
  let onChain: ChainTx | undefined
  try {
    onChain = await deps.getTransaction(hash)
  } catch (error) {
    // A failed read says nothing about the record: it is neither confirmed nor refused.
    return {
      ok: false,
      reason: `This record could not be checked on chain (${messageOf(error)}). Try again later.`,
    }
  }
  if (onChain) {
    const same =
      isAddressEqual(onChain.from, account) &&
      call !== undefined &&
      onChain.to !== null &&
      isAddressEqual(onChain.to, call.to) &&
      onChain.value === call.value &&
      onChain.input.toLowerCase() === (call.data ?? '0x').toLowerCase()
    return same
      ? { ok: true, by: 'chain' }
      : { ok: false, reason: 'The chain has this hash as a different transaction than the record says.' }
  }
  const status = record.protected && deps.fetchStatus ? await deps.fetchStatus(hash) : undefined
  if (status?.kind === 'ok' && status.status.status !== 'UNKNOWN') return { ok: true, by: 'protect' }
  if (status?.kind === 'unavailable')
    return { ok: false, reason: `This record could not be checked: ${status.reason}. Try again later.` }
  return {
    ok: false,
    reason: 'Neither the chain nor Protect knows this transaction: the record may not be one Hush sent.',
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0] : String(error))
