import { type AnvilNode, startAnvil } from './anvil'
import { type DevnetContracts, deployDevnet } from './deploy'

export type Devnet = AnvilNode & { contracts: DevnetContracts }

/** Anvil + demo contracts. Deploys on automine (fast), then switches to interval mining if asked. */
export async function startDevnet(options: { port?: number; blockTime?: number } = {}): Promise<Devnet> {
  const node = await startAnvil({ port: options.port })
  try {
    const contracts = await deployDevnet(node.url, node.chainId)
    if (options.blockTime && options.blockTime > 0)
      await rpc(node.url, 'evm_setIntervalMining', [options.blockTime])
    return { ...node, contracts }
  } catch (error) {
    await node.stop()
    throw error
  }
}

export async function rpc<T = unknown>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  })
  const body = (await res.json()) as { result?: T; error?: { message: string } }
  if (body.error) throw new Error(`${method}: ${body.error.message}`)
  return body.result as T
}

/**
 * Mines a block without waiting (from a tracking loop's onUpdate). A request still in flight when the node stops
 * at the end of the run is dropped: it would otherwise surface as an unhandled rejection after the test passed.
 */
export function mineInBackground(url: string): void {
  rpc(url, 'evm_mine').catch(() => undefined)
}
