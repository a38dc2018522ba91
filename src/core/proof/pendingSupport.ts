import type { Client } from 'viem'
import { type PendingStreamState, startPendingStream } from '../rpc/pendingStream'
import type { SocketFactory } from '../rpc/reconnectingSocket'
import { meansUnsupported } from './simulationSupport'

/**
 * Whether an endpoint lists pending transactions: it keeps a pending-transaction filter and answers it. Many
 * load-balanced public RPCs do not (no mempool, or each request lands on another node), and a privacy look
 * through such an endpoint ("not pending there") proves little. The verdict names which kind it relied on.
 */
export type PendingSupport = 'serves' | 'none'

/** Per session, by chain and endpoint id, with the endpoint's name (the privacy watch records names). */
export function createPendingSupportMemory() {
  const known = new Map<string, { name: string; support: PendingSupport }>()
  const key = (chainId: number, endpointId: string) => `${chainId} ${endpointId}`
  return {
    get: (chainId: number, endpointId: string) => known.get(key(chainId, endpointId))?.support,
    set(chainId: number, endpoint: { id: string; name: string }, support: PendingSupport) {
      known.set(key(chainId, endpoint.id), { name: endpoint.name, support })
    },
    /** Whether the endpoint of this name was found to list pending transactions (undefined: not checked). */
    servesByName(chainId: number, name: string): boolean | undefined {
      const prefix = `${chainId} `
      for (const [k, v] of known) if (k.startsWith(prefix) && v.name === name) return v.support === 'serves'
      return undefined
    },
    clear: () => known.clear(),
  }
}

export type PendingSupportMemory = ReturnType<typeof createPendingSupportMemory>

/** The app's one memory (per page load). */
export const pendingSupport = createPendingSupportMemory()

type ProbePool = {
  chainId: number
  endpoints: () => ReadonlyArray<{ id: string; name: string; enabled: boolean }>
  withEndpoint: <T>(
    fn: (session: { client: unknown }) => Promise<T>,
    options: { exclude: string[] },
  ) => Promise<{ value: T }>
}

/** One endpoint: a pending filter installed, then read back on the same endpoint, then removed. */
async function askPending(client: Client): Promise<PendingSupport> {
  const request = client.request as (args: { method: string; params?: unknown[] }) => Promise<unknown>
  let id: unknown
  try {
    id = await request({ method: 'eth_newPendingTransactionFilter' })
  } catch (error) {
    if (meansUnsupported(error)) return 'none'
    throw error
  }
  try {
    const changes = await request({ method: 'eth_getFilterChanges', params: [id] })
    return Array.isArray(changes) ? 'serves' : 'none'
  } catch (error) {
    // "filter not found": the next request reached another node of a load-balanced endpoint.
    if (meansUnsupported(error) || /filter not found|not found/i.test(String(error))) return 'none'
    throw error
  } finally {
    await request({ method: 'eth_uninstallFilter', params: [id] }).catch(() => undefined)
  }
}

/**
 * Asks each enabled endpoint not yet known (once per endpoint and session) whether it lists pending
 * transactions, for the Network page and the privacy verdict. A failed read leaves it "not checked".
 */
export async function probePendingSupport(
  pool: ProbePool,
  memory: PendingSupportMemory,
): Promise<Record<string, PendingSupport | 'unknown'>> {
  const endpoints = pool.endpoints().filter((e) => e.enabled)
  const answers: Record<string, PendingSupport | 'unknown'> = {}
  for (const endpoint of endpoints) {
    if (!memory.get(pool.chainId, endpoint.id)) {
      const others = endpoints.filter((e) => e.id !== endpoint.id).map((e) => e.id)
      const answer = await pool
        .withEndpoint((s) => askPending(s.client as Client), { exclude: others })
        .catch(() => undefined)
      if (answer) memory.set(pool.chainId, endpoint, answer.value)
    }
    answers[endpoint.id] = memory.get(pool.chainId, endpoint.id) ?? 'unknown'
  }
  return answers
}

/**
 * Whether a WebSocket endpoint streams pending transactions: a `newPendingTransactions` subscription opened
 * and closed again. Resolves with the first settled state (live, refused, or down after its retries).
 */
export function probeWebSocket(
  url: string,
  socket?: SocketFactory,
): Promise<Exclude<PendingStreamState, 'connecting'>> {
  return new Promise((resolve) => {
    let settled: Exclude<PendingStreamState, 'connecting'> | undefined
    const stream = startPendingStream({
      url,
      ...(socket ? { socket } : {}),
      maxAttempts: 2,
      onHash: () => undefined,
      onState: (state) => {
        if (state === 'connecting' || settled) return
        settled = state
        queueMicrotask(() => stream.stop())
        resolve(state)
      },
    })
  })
}
