import { type Address, getAddress, type Hex, type PublicClient } from 'viem'
import { bumpedFees, type Fees } from '../../fees/presets'
import type { Eip1193Request } from '../../protect/detect'
import type { TxRecord } from '../records/records'
import { nextSend } from './nextSend'
import type { TxIntent } from './pipeline'
import { type Call, transferCall } from './prepare'

/** The original transaction as cancel / speed-up / send again rebuild it. */
export type Original = {
  call: Call
  nonce: number
  gas: bigint
  fees: Fees | undefined
  /** Where the fields came from: the chain or the wallet's RPC (eth_getTransactionByHash), or the record. */
  source: 'chain' | 'wallet' | 'record'
}

type ChainTx = {
  from?: string
  to?: string | null
  value?: bigint | string
  input?: string
  nonce?: number | string
  gas?: bigint | string
  maxFeePerGas?: bigint | string
  maxPriorityFeePerGas?: bigint | string
}

const big = (v: bigint | string | undefined): bigint | undefined =>
  v === undefined ? undefined : typeof v === 'bigint' ? v : BigInt(v)

export function recordCall(record: TxRecord): Call | undefined {
  if (record.call)
    return {
      to: record.call.to,
      value: BigInt(record.call.value),
      ...(record.call.data ? { data: record.call.data as Hex } : {}),
    }
  // Records written before the pipeline stored the call: a transfer can be rebuilt from its asset and amount.
  if (record.kind !== 'transfer' || !record.to || record.amount === undefined || !record.asset)
    return undefined
  return transferCall(record.asset, getAddress(record.to) as Address, BigInt(record.amount))
}

function recordFees(record: TxRecord): Fees | undefined {
  if (!record.fees) return undefined
  return {
    maxFeePerGas: BigInt(record.fees.maxFeePerGas),
    maxPriorityFeePerGas: BigInt(record.fees.maxPriorityFeePerGas),
  }
}

/** The original from what the chain (or the wallet's RPC) says about its hash, checked against the record. */
export function originalFrom(
  record: TxRecord,
  tx: ChainTx | undefined,
  source: 'chain' | 'wallet',
): Original | string {
  const fromRecord = recordCall(record)
  if (!tx) return 'not found'
  const call: Call = {
    to: getAddress(tx.to ?? record.from),
    value: big(tx.value) ?? 0n,
    ...(tx.input && tx.input !== '0x' ? { data: tx.input as Hex } : {}),
  }
  const nonce = Number(tx.nonce)
  const differs =
    (tx.from !== undefined && tx.from.toLowerCase() !== record.from.toLowerCase()) ||
    (record.nonce !== undefined && nonce !== record.nonce) ||
    (fromRecord !== undefined &&
      (fromRecord.to.toLowerCase() !== call.to.toLowerCase() ||
        fromRecord.value !== call.value ||
        (fromRecord.data ?? '0x').toLowerCase() !== (call.data ?? '0x').toLowerCase()))
  if (differs)
    return `The transaction the ${source === 'chain' ? 'chain' : "wallet's RPC"} has for this hash differs from the record, so Hush will not rebuild it. Nothing was sent.`
  const maxFeePerGas = big(tx.maxFeePerGas)
  const maxPriorityFeePerGas = big(tx.maxPriorityFeePerGas)
  return {
    call,
    nonce,
    gas: big(tx.gas) ?? BigInt(record.fees?.gas ?? 100_000),
    fees:
      maxFeePerGas !== undefined && maxPriorityFeePerGas !== undefined
        ? { maxFeePerGas, maxPriorityFeePerGas }
        : recordFees(record),
    source,
  }
}

export type RebuildSources = {
  reader: Pick<PublicClient, 'getTransaction'>
  /** The wallet's provider: its RPC (Protect) may know a private transaction public nodes do not. */
  wallet?: Eip1193Request
}

/**
 * Rebuilds the original from `eth_getTransactionByHash` on the read endpoints, then through the wallet's RPC.
 * A private transaction still pending is known to neither: then the record's own fields are used (the
 * pipeline still checks its nonce against the chain). A mismatch between chain and record stops everything.
 */
export async function rebuildOriginal(sources: RebuildSources, record: TxRecord): Promise<Original | string> {
  if (record.hash) {
    const fromChain = await sources.reader.getTransaction({ hash: record.hash }).catch(() => undefined)
    if (fromChain) return originalFrom(record, fromChain as ChainTx, 'chain')
    if (sources.wallet) {
      const raw = (await sources
        .wallet({ method: 'eth_getTransactionByHash', params: [record.hash] })
        .catch(() => undefined)) as
        | (ChainTx & { value?: string; gas?: string; nonce?: string })
        | null
        | undefined
      if (raw && typeof raw === 'object') return originalFrom(record, raw, 'wallet')
    }
  }
  const call = recordCall(record)
  if (!call || record.nonce === undefined || !record.fees)
    return 'This transaction cannot be rebuilt: neither the chain nor its record has its fields.'
  return {
    call,
    nonce: record.nonce,
    gas: BigInt(record.fees.gas),
    fees: recordFees(record),
    source: 'record',
  }
}

/** Whether a pending record can be cancelled / sped up (same nonce, so we must know it). */
export function canReplace(record: TxRecord): boolean {
  return (
    record.status === 'PENDING' &&
    record.nonce !== undefined &&
    record.hash !== undefined &&
    record.replacedBy === undefined &&
    record.kind !== 'batch' &&
    // A tracked transaction came from another app: Hush did not send it, so it does not replace it.
    record.kind !== 'tracked'
  )
}

/** Whether "Send again" is offered: `nextSend` (the one rule) says the record may be sent again. */
export function canSendAgain(record: TxRecord, all: readonly TxRecord[]): boolean {
  return nextSend(record, all).kind === 'again'
}

type Base = Pick<TxIntent, 'consentToPublic' | 'consentFor' | 'acceptedDelegate'>

/** Protect's cancellation: a zero-value, empty-data self-transfer with the same nonce, priced above the original. */
export function cancelIntent(record: TxRecord, original: Original, current: Fees, base: Base): TxIntent {
  const from = getAddress(record.from)
  return {
    kind: 'cancel',
    chainId: record.chainId,
    from,
    call: { to: from, value: 0n },
    gas: 21_000n,
    fees: bumpedFees(original.fees ?? current, current),
    recipient: from,
    reuse: { recordId: record.id, mode: 'replace' },
    ...base,
  }
}

/** The same transaction again (same call, nonce and gas), with higher fees. */
export function speedUpIntent(record: TxRecord, original: Original, current: Fees, base: Base): TxIntent {
  return {
    ...described(record),
    kind: 'speed-up',
    chainId: record.chainId,
    from: getAddress(record.from),
    call: original.call,
    gas: original.gas,
    fees: bumpedFees(original.fees ?? current, current),
    reuse: { recordId: record.id, mode: 'replace' },
    ...batchStep(record),
    ...base,
  }
}

/**
 * The same transaction sent again and, where it is still free, at the same nonce. Once an attempt was signed
 * (it has a hash), the same call, nonce and fees would be the same signed transaction, the same hash, which
 * Protect already reports FAILED: at least 20% over that attempt's fees, or the current ones if higher.
 */
export function sendAgainIntent(record: TxRecord, original: Original, current: Fees, base: Base): TxIntent {
  return {
    ...described(record),
    kind: record.kind === 'speed-up' ? 'transfer' : (record.kind as TxIntent['kind']),
    chainId: record.chainId,
    from: getAddress(record.from),
    call: original.call,
    gas: original.gas,
    fees: record.hash && original.fees ? bumpedFees(original.fees, current) : current,
    reuse: { recordId: record.id, mode: 'resend' },
    ...batchStep(record),
    ...base,
  }
}

function described(record: TxRecord): Pick<TxIntent, 'asset' | 'amount' | 'recipient' | 'label'> {
  return {
    ...(record.asset ? { asset: record.asset } : {}),
    ...(record.amount !== undefined ? { amount: BigInt(record.amount) } : {}),
    ...(record.to ? { recipient: getAddress(record.to) } : {}),
    ...(record.label ? { label: record.label } : {}),
  }
}

/** A replacement or resend of a batch step is that step's newest attempt. */
function batchStep(record: TxRecord): Pick<TxIntent, 'batch'> {
  return record.batchId !== undefined && record.stepIndex !== undefined
    ? { batch: { id: record.batchId, index: record.stepIndex } }
    : {}
}
