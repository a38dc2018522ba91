import { type Client, getAddress, type Hex, type Transaction } from 'viem'
import { getTransaction } from 'viem/actions'
import { causeChain } from '../errors/causes'
import type { EndpointPool } from '../rpc/pool'
import type { TxRecord } from '../tx/records/records'

export type ParsedHash = { ok: true; hash: Hex } | { ok: false; message: string }

/**
 * A pasted transaction hash, checked where it was typed. Accepts it with or without `0x`, and an explorer link
 * (`…/tx/0x…`), since that is what people copy.
 */
export function parseTxHash(input: string): ParsedHash {
  const text = input.trim()
  if (!text)
    return { ok: false, message: 'Paste a transaction hash (0x followed by 64 hexadecimal characters).' }
  const fromLink = /\/tx\/(0x[0-9a-fA-F]{64})(?:[/?#]|$)/.exec(text)?.[1]
  const raw = fromLink ?? (/^[0-9a-fA-F]{64}$/.test(text) ? `0x${text}` : text)
  if (/^0x[0-9a-fA-F]{64}$/.test(raw)) return { ok: true, hash: raw.toLowerCase() as Hex }
  if (/^0x[0-9a-fA-F]{40}$/.test(raw))
    return {
      ok: false,
      message: 'This is an address, not a transaction hash: a hash has 64 characters after 0x.',
    }
  const body = raw.startsWith('0x') ? raw.slice(2) : raw
  if (/[^0-9a-fA-F]/.test(body))
    return { ok: false, message: 'A transaction hash has only the characters 0–9 and a–f after 0x.' }
  return {
    ok: false,
    message: `A transaction hash has 64 characters after 0x; this has ${body.length}.`,
  }
}

const notFound = (error: unknown) =>
  causeChain(error).some((node) => node.name === 'TransactionNotFoundError')

export type LookUp = { found: true; tx: Transaction; endpointName: string } | { found: false; asked: number }

/**
 * The transaction as the chain has it (sender, nonce, call), asked of each enabled read endpoint in turn until
 * one knows it: a node may not have a transaction another one holds pending. A read failure throws (it says
 * nothing about the hash); "not found" is an answer only when every endpoint that answered said so.
 */
export async function lookUpTransaction(
  pool: Pick<EndpointPool, 'endpoints' | 'withEndpoint'>,
  hash: Hex,
): Promise<LookUp> {
  const asked: string[] = []
  const enabled = pool.endpoints().filter((e) => e.enabled).length
  while (asked.length < enabled) {
    let answer: { value: Transaction | undefined; endpointId: string; endpointName: string }
    try {
      answer = await pool.withEndpoint(
        (session) =>
          getTransaction(session.client as Client, { hash }).catch((error: unknown) => {
            if (notFound(error)) return undefined
            throw error
          }),
        { exclude: asked },
      )
    } catch (error) {
      // Every remaining endpoint failed: the ones that answered "not found" are all we know.
      if (asked.length > 0) return { found: false, asked: asked.length }
      throw error
    }
    if (answer.value) return { found: true, tx: answer.value, endpointName: answer.endpointName }
    asked.push(answer.endpointId)
  }
  return { found: false, asked: asked.length }
}

/** Calldata larger than this is not kept on a pasted record (the check only decodes ERC-20 calls). */
const maxKeptData = 4_096

/**
 * The activity record for a pasted hash: everything about it comes from the chain (sender, nonce, call); the
 * shell's tracking then gives it a status and a privacy verdict like any sent transaction. On a chain with
 * Protect it is checked with Protect's status API and the public-mempool watch; Protect never having seen it
 * is "went public".
 */
export function trackedRecord(params: {
  id: string
  chainId: number
  tx: Transaction
  chainHasProtect: boolean
  now: number
}): TxRecord {
  const { tx } = params
  const data = tx.input && tx.input !== '0x' && tx.input.length <= 2 + maxKeptData * 2 ? tx.input : undefined
  return {
    id: params.id,
    kind: 'tracked',
    chainId: params.chainId,
    from: getAddress(tx.from),
    hash: tx.hash,
    nonce: tx.nonce,
    ...(tx.to
      ? {
          to: getAddress(tx.to),
          call: { to: getAddress(tx.to), value: tx.value.toString(), ...(data ? { data } : {}) },
        }
      : {}),
    createdAt: params.now,
    protected: params.chainHasProtect,
    status: 'PENDING',
    privacy: params.chainHasProtect ? 'checking' : 'unprotected',
    detail: 'Pasted into Activity: sent from another app or wallet.',
  }
}
