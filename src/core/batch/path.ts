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
