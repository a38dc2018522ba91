import type { Hex } from 'viem'

export type JsonRpcError = { code: number; message: string; data?: unknown }
export type JsonRpcResponse = { jsonrpc: '2.0'; id: unknown; result?: unknown; error?: JsonRpcError }

/** A JSON-RPC client for the upstream node with a bounded timeout. */
export function upstreamClient(url: string, timeoutMs = 10_000) {
  async function raw(body: unknown): Promise<JsonRpcResponse> {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    })
    return (await res.json()) as JsonRpcResponse
  }
  async function call<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
    const response = await raw({ jsonrpc: '2.0', id: 1, method, params })
    if (response.error) throw Object.assign(new Error(`${method}: ${response.error.message}`), response.error)
    return response.result as T
  }
  return { raw, call }
}

export type Upstream = ReturnType<typeof upstreamClient>

type MiningMode = { kind: 'auto' } | { kind: 'interval'; seconds: number } | { kind: 'manual' }

/**
 * Puts signed transactions into a new block on Anvil without them ever entering its transaction pool.
 *
 * Anvil adds every eth_sendRawTransaction to its pool and tells `newPendingTransactions` subscribers, even on
 * automine. `anvil_reorg(depth, [[rawTx, offset]])` instead executes the given raw transactions straight into
 * replacement blocks: no pool, no pending notification. It drops the replaced block's own transactions and
 * silently skips invalid ones, so: mining is paused (no block can appear in between), a fresh block is mined,
 * and that block is replaced by one holding its own transactions again plus ours. Then mining resumes in the
 * mode it was in.
 */
export async function includePrivately(
  upstream: Upstream,
  rawTransactions: Hex[],
  mode: MiningMode,
): Promise<void> {
  await upstream.call('evm_setAutomine', [false])
  await upstream.call('evm_setIntervalMining', [0])
  try {
    await upstream.call('evm_mine')
    const block = await upstream.call<{ transactions: Hex[] }>('eth_getBlockByNumber', ['latest', false])
    const own: Hex[] = []
    for (const hash of block.transactions) {
      const raw = await upstream.call<Hex | null>('eth_getRawTransactionByHash', [hash])
      if (!raw) throw new Error(`cannot re-include ${hash}: no raw transaction`)
      own.push(raw)
    }
    await upstream.call('anvil_reorg', [1, [...own, ...rawTransactions].map((raw) => [raw, 0])])
  } finally {
    if (mode.kind === 'auto') await upstream.call('evm_setAutomine', [true])
    if (mode.kind === 'interval') await upstream.call('evm_setIntervalMining', [mode.seconds])
  }
}

export async function currentMiningMode(
  upstream: Upstream,
  blockTime: number | undefined,
): Promise<MiningMode> {
  if (await upstream.call<boolean>('anvil_getAutomine')) return { kind: 'auto' }
  return blockTime && blockTime > 0 ? { kind: 'interval', seconds: blockTime } : { kind: 'manual' }
}
