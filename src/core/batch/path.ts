export type BatchPath =
  | { kind: 'atomic'; status: 'supported' | 'ready' }
  | { kind: 'sequential'; reason: string }

export const sequentialLabel = 'not atomic: each step can succeed or fail on its own'

/**
 * Chooses how a batch is sent from the wallet's EIP-5792 capabilities for the chain (v2 shape
 * `{ atomic: { status } }`), or from the error the wallet answered wallet_getCapabilities with.
 */
export function chooseBatchPath(capabilities: unknown, error?: unknown): BatchPath {
  if (error !== undefined && error !== null)
    return {
      kind: 'sequential',
      reason:
        "Your wallet does not support atomic batches (EIP-5792): it didn't answer wallet_getCapabilities.",
    }
  const atomic = readObject(readObject(capabilities)?.atomic)
  const status = atomic?.status
  if (status === 'supported' || status === 'ready') return { kind: 'atomic', status }
  if (status === 'unsupported')
    return { kind: 'sequential', reason: 'Your wallet says atomic batches are unsupported on this chain.' }
  return { kind: 'sequential', reason: 'Your wallet does not report atomic batch support for this chain.' }
}

function readObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}

/** A wallet that has not answered wallet_getCapabilities by then is taken as one without atomic batches. */
export const capabilityTimeoutMs = 2_000

/**
 * Asks the wallet (its own provider) for its EIP-5792 capabilities on `chainId`, decided within
 * `capabilityTimeoutMs`: 4200, -32601, 4100, any other error or no answer in time → the labelled
 * one-by-one path. No retries: a wallet without the method answers the same every time.
 */
export async function askBatchPath(
  wallet: (args: { method: string; params?: unknown[] }) => Promise<unknown>,
  account: string,
  chainId: number,
  timeoutMs = capabilityTimeoutMs,
): Promise<BatchPath> {
  const chainHex = `0x${chainId.toString(16)}`
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs)
  })
  try {
    const answer = await Promise.race([
      wallet({ method: 'wallet_getCapabilities', params: [account, [chainHex]] }).then(
        (value) => ({ value }),
        (error: unknown) => ({ error: error ?? new Error('wallet_getCapabilities failed') }),
      ),
      timeout,
    ])
    if (answer === 'timeout')
      return {
        kind: 'sequential',
        reason: `Your wallet did not answer wallet_getCapabilities within ${timeoutMs / 1000} s, so Hush does not count on atomic batches.`,
      }
    if ('error' in answer) return chooseBatchPath(undefined, answer.error)
    const byChain = readObject(answer.value)
    return chooseBatchPath(byChain?.[chainHex] ?? byChain?.[String(chainId)])
  } finally {
    if (timer) clearTimeout(timer)
  }
}
