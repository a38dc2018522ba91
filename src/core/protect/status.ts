import type { Hex } from 'viem'
import { z } from 'zod'
import { isTimeout } from '../errors/predicates'

export const protectStatuses = ['PENDING', 'INCLUDED', 'FAILED', 'CANCELLED', 'UNKNOWN'] as const
export type ProtectStatusName = (typeof protectStatuses)[number]

const text = z
  .string()
  .nullish()
  .transform((v) => v ?? '')

/** `GET <status base>/<hash>`; fields the API sometimes omits get neutral defaults. */
export const protectStatusSchema = z.object({
  status: z.enum(protectStatuses),
  hash: z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'not a transaction hash'),
  maxBlockNumber: z.number().int().nonnegative().nullish(),
  /** Filled only once INCLUDED; empty strings before. */
  transaction: z
    .object({
      from: text,
      to: text,
      gasLimit: text,
      maxFeePerGas: text,
      maxPriorityFeePerGas: text,
      nonce: text,
      value: text,
    })
    .partial()
    .nullish(),
  fastMode: z.boolean().nullish(),
  seenInMempool: z.boolean().default(false),
  simError: text,
  revertReason: text,
  isRevert: z.boolean().default(false),
})

export type ProtectStatus = z.output<typeof protectStatusSchema>
export type ProtectStatusResult =
  | { kind: 'ok'; status: ProtectStatus }
  | { kind: 'unavailable'; reason: string }

type FetchLike = (
  input: string,
  init?: { signal?: AbortSignal; headers?: Record<string, string> },
) => Promise<{
  ok: boolean
  status: number
  text: () => Promise<string>
}>

export function protectStatusUrl(statusBaseUrl: string, hash: Hex): string {
  return `${statusBaseUrl.replace(/\/+$/, '')}/${hash}`
}

/**
 * The status API's view of one transaction. Any failure to get a valid answer (network, CORS, HTTP error,
 * non-JSON, unexpected shape) is `unavailable`: it says nothing about the transaction itself.
 */
export async function fetchProtectStatus(
  statusBaseUrl: string,
  hash: Hex,
  fetchFn: FetchLike = fetch,
  timeoutMs = 8000,
): Promise<ProtectStatusResult> {
  const host = safeHost(statusBaseUrl)
  let body: string
  try {
    const res = await fetchFn(protectStatusUrl(statusBaseUrl, hash), {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json' },
    })
    if (!res.ok)
      return {
        kind: 'unavailable',
        reason: res.status === 429 ? `${host} is rate limiting` : `${host} answered HTTP ${res.status}`,
      }
    body = await res.text()
  } catch (error) {
    const timedOut = isTimeout(error)
    return {
      kind: 'unavailable',
      reason: timedOut ? `${host} did not answer in time` : `${host} could not be reached (network or CORS)`,
    }
  }
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return { kind: 'unavailable', reason: `${host} did not answer with JSON` }
  }
  const parsed = protectStatusSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return {
      kind: 'unavailable',
      reason: `${host} answered in an unexpected shape (${issue ? `${issue.path.join('.') || 'root'}: ${issue.message}` : 'unknown'})`,
    }
  }
  if (parsed.data.hash.toLowerCase() !== hash.toLowerCase())
    return { kind: 'unavailable', reason: `${host} answered about a different transaction` }
  return { kind: 'ok', status: parsed.data }
}

/** Protect's simulation errors, with or without the older `SimError` prefix, in words. */
export function simErrorMessage(simError: string): string | undefined {
  const name = simError.replace(/^SimError/, '')
  if (!name) return undefined
  const known: Record<string, string> = {
    MaxFeePerGasTooLow: 'the maximum fee per gas is below the current base fee',
    InsufficientFunds: 'the sender cannot pay for value plus gas',
    NonceTooLow: 'the nonce was already used',
    NonceTooHigh: 'an earlier nonce is still missing',
    InvalidChainId: 'the transaction is signed for another chain',
    ExecutionReverted: 'the transaction reverts in simulation',
    OutOfGas: 'the gas limit is too low',
  }
  return known[name] ?? `simulation failed (${shortName(name)})`
}

/** An unknown name is quoted back bounded and without control/bidi characters: it ends up in a stored record. */
function shortName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const clean = name.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '')
  return clean.length > 80 ? `${clean.slice(0, 80)}…` : clean
}

function safeHost(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return 'the status service'
  }
}
