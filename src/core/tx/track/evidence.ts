import type { Hex } from 'viem'
import { z } from 'zod'
import { type ClassifiedError, classifyError } from '../../errors/classify'
import { MalformedResponseError } from '../../errors/errors'
import type { EndpointSession, SessionOptions, SessionResult } from '../../rpc/session'
import type { ReceiptSummary, TxRecord } from '../records/records'

/**
 * What tracking needs of a chain's read side. The endpoint pool (`src/core/rpc/pool.ts`) is one: several reads
 * on ONE endpoint pinned to its head, and a second healthy endpoint to confirm on.
 */
export type ChainReads = {
  withEndpoint: <T>(
    fn: (session: EndpointSession) => Promise<T>,
    options?: SessionOptions,
  ) => Promise<SessionResult<T>>
  healthyEndpoints: () => Array<{ id: string; name: string }>
  /** Enabled read endpoints of the chain (for verdicts such as "none of your 3 read endpoints…"). */
  readEndpointCount?: () => number
  /** An answer refused as impossible; the pool may log it where endpoints are shown. */
  reportBadAnswer?: (endpointId: string, error: ClassifiedError) => void
}

/** One endpoint's view of our transaction, every read answered at `head`. */
export type ChainView = {
  endpointId: string
  endpointName: string
  head: number
  /** eth_getTransactionByHash: unknown to the node, waiting in its pool, or in a block. */
  tx: 'unknown' | 'pending' | 'mined'
  receipt?: ReceiptSummary & { blockHash: Hex }
  /** The account's transactions mined by `head` (only read while ours is not mined and its nonce is known). */
  minedCount?: number
  /**
   * Nothing to conclude from this view: the head did not move since the last complete observation (nothing
   * else was read), or the node has the transaction in a block but no receipt for it yet (still indexing).
   */
  inconclusive?: 'same-head' | 'indexing'
  /** The transaction's own nonce, as the node answered it (an atomic batch's wallet picks it, not Hush). */
  txNonce?: number
}

export type KnownInclusion = { nonce: number; block: number }

const quantity = z.string().regex(/^0x[0-9a-fA-F]{1,16}$/, 'not a quantity')
const hash = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'not a hash')
const txSchema = z.object({ hash, blockNumber: quantity.nullish(), nonce: quantity.optional() }).loose()
const receiptSchema = z
  .object({
    transactionHash: hash,
    blockNumber: quantity,
    blockHash: hash,
    status: z.enum(['0x1', '0x0']),
    gasUsed: quantity,
    effectiveGasPrice: quantity,
  })
  .loose()

/** An impossible answer: refused with a classified error, never used as data. */
export class BadEvidence extends MalformedResponseError {
  constructor(
    message: string,
    readonly endpointId: string,
  ) {
    super(message)
  }
}

const num = (q: string) => Number.parseInt(q, 16)

/**
 * Our transaction as ONE endpoint sees it at ONE block: the head, the transaction by hash (which doubles as
 * the public-mempool watch: a public node holding it unmined), its receipt once mined, and otherwise the
 * account's mined count at that same head. Throws BadEvidence for an answer that cannot be true.
 */
export async function readView(
  session: EndpointSession,
  record: Pick<TxRecord, 'hash' | 'from' | 'nonce'>,
  options: { known?: readonly KnownInclusion[]; lastHead?: number } = {},
): Promise<ChainView> {
  const ours = (record.hash ?? '').toLowerCase()
  const head = Number(await session.head())
  const base: Pick<ChainView, 'endpointId' | 'endpointName' | 'head' | 'txNonce'> = {
    endpointId: session.endpointId,
    endpointName: session.endpointName,
    head,
  }
  if (options.lastHead !== undefined && head <= options.lastHead)
    return { ...base, tx: 'unknown', inconclusive: 'same-head' }
  const bad = (message: string) => new BadEvidence(message, session.endpointId)

  const rawTx = await session.request({ method: 'eth_getTransactionByHash', params: [record.hash] })
  let tx: ChainView['tx'] = 'unknown'
  if (rawTx !== null && rawTx !== undefined) {
    const parsed = txSchema.safeParse(rawTx)
    if (!parsed.success) throw bad('eth_getTransactionByHash answered in an unexpected shape')
    if (parsed.data.hash.toLowerCase() !== ours)
      throw bad('eth_getTransactionByHash answered another transaction')
    tx = parsed.data.blockNumber ? 'mined' : 'pending'
    if (parsed.data.nonce !== undefined) base.txNonce = Number(parsed.data.nonce)
  }
  if (tx === 'mined') {
    const rawReceipt = await session.request({ method: 'eth_getTransactionReceipt', params: [record.hash] })
    // Mined but no receipt yet: the node is still indexing; this view says nothing about inclusion.
    if (rawReceipt === null || rawReceipt === undefined) return { ...base, tx, inconclusive: 'indexing' }
    const parsed = receiptSchema.safeParse(rawReceipt)
    if (!parsed.success) throw bad('eth_getTransactionReceipt answered in an unexpected shape')
    const r = parsed.data
    if (r.transactionHash.toLowerCase() !== ours)
      throw bad(`the receipt is for ${r.transactionHash.slice(0, 10)}…, not for ${ours.slice(0, 10)}…`)
    const gasUsed = BigInt(r.gasUsed)
    const price = BigInt(r.effectiveGasPrice)
    return {
      ...base,
      tx,
      receipt: {
        blockNumber: BigInt(r.blockNumber).toString(),
        blockHash: r.blockHash as Hex,
        gasUsed: gasUsed.toString(),
        effectiveGasPrice: price.toString(),
        fee: (gasUsed * price).toString(),
        success: r.status === '0x1',
      },
    }
  }
  if (record.nonce === undefined) return { ...base, tx }
  const rawCount = await session.request({
    method: 'eth_getTransactionCount',
    params: [record.from, `0x${head.toString(16)}`],
  })
  const count = quantity.safeParse(rawCount)
  if (!count.success) throw bad('eth_getTransactionCount answered in an unexpected shape')
  const minedCount = num(count.data)
  if (minedCount > 1e9) throw bad(`eth_getTransactionCount answered ${minedCount}, not a real count`)
  const contradicted = (options.known ?? []).find((k) => k.block <= head && minedCount <= k.nonce)
  if (contradicted)
    throw bad(
      `it counts ${minedCount} transactions at block ${head}, but nonce ${contradicted.nonce} was included at block ${contradicted.block}`,
    )
  return { ...base, tx, minedCount }
}

export type ViewResult =
  | { ok: true; view: ChainView; refused: Refusal[] }
  | { ok: false; reason: string; refused: Refusal[] }
export type Refusal = { endpoint: string; message: string }

/**
 * readView on the best endpoint; an endpoint whose answer is refused is left out and the next one asked. A
 * failure of every endpoint is `ok: false`: nothing is concluded from it.
 */
export async function observeChain(
  reads: ChainReads,
  record: Pick<TxRecord, 'hash' | 'from' | 'nonce'>,
  options: { known?: readonly KnownInclusion[]; lastHead?: number; prefer?: readonly string[] } = {},
): Promise<ViewResult> {
  const refused: Refusal[] = []
  const exclude: string[] = []
  // Preferred endpoints first (the watch's rotation); the others only if none of them can answer.
  const others = options.prefer
    ? reads
        .healthyEndpoints()
        .filter((e) => !options.prefer?.includes(e.id))
        .map((e) => e.id)
    : []
  for (let i = 0; i < 4; i++) {
    try {
      const { value } = await reads.withEndpoint((s) => readView(s, record, options), {
        exclude: [...exclude, ...others],
      })
      return { ok: true, view: value, refused }
    } catch (error) {
      if (!(error instanceof BadEvidence) && others.length > 0) {
        others.length = 0
        continue
      }
      if (!(error instanceof BadEvidence)) return { ok: false, reason: classifyError(error).message, refused }
      refused.push(refuse(reads, error))
      exclude.push(error.endpointId)
    }
  }
  return { ok: false, reason: 'every endpoint asked gave an impossible answer', refused }
}

function refuse(reads: ChainReads, error: BadEvidence): Refusal {
  const classified = classifyError(error)
  reads.reportBadAnswer?.(error.endpointId, classified)
  return { endpoint: error.endpointId, message: classified.message }
}

export type Confirmation =
  | { kind: 'confirmed'; endpoint: string }
  /** One read endpoint configured: no second opinion can exist. */
  | { kind: 'single' }
  | { kind: 'not-yet'; endpoint: string }
  | { kind: 'disagrees'; endpoint: string; message: string }
  | { kind: 'unavailable'; reason: string }

/**
 * A final inclusion asks a second endpoint for the same receipt (same block hash, same outcome). Only with one
 * endpoint configured is one receipt enough: with more, one that stands alone (the others down, or one claiming
 * the lead to take reads over) never makes a status final. Any other endpoint is asked, in read order: its own
 * head, read in the session, refuses it when behind or alone in the lead, so a standby endpoint's older head
 * sample does not keep it from confirming.
 */
export async function confirmReceipt(
  reads: ChainReads,
  record: Pick<TxRecord, 'hash' | 'from' | 'nonce'>,
  first: ChainView,
): Promise<Confirmation> {
  const configured = reads.readEndpointCount?.() ?? reads.healthyEndpoints().length
  if (configured < 2) return { kind: 'single' }
  const receipt = first.receipt
  if (!receipt) return { kind: 'unavailable', reason: 'no receipt to confirm' }
  try {
    const { value, endpointName } = await reads.withEndpoint(
      (s) => readView(s, { ...record, nonce: undefined }),
      { exclude: [first.endpointId] },
    )
    if (!value.receipt) return { kind: 'not-yet', endpoint: endpointName }
    if (value.receipt.blockHash !== receipt.blockHash || value.receipt.success !== receipt.success)
      return {
        kind: 'disagrees',
        endpoint: endpointName,
        message: `${endpointName} has it in block ${value.receipt.blockNumber} (${value.receipt.success ? 'success' : 'reverted'}), ${first.endpointName} in block ${receipt.blockNumber} (${receipt.success ? 'success' : 'reverted'})`,
      }
    return { kind: 'confirmed', endpoint: endpointName }
  } catch (error) {
    if (error instanceof BadEvidence) refuse(reads, error)
    return { kind: 'unavailable', reason: classifyError(error).message }
  }
}
