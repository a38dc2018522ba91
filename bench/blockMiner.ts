import { rpc } from '../tools/devnet/devnet'
import { NodeWebSocket } from './wsCounter'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Mines a block every `blockTimeS` seconds, on a whole second, with that second as its timestamp: a real chain's
 * timestamp is its slot's start. Anvil's own interval miner runs at whatever fraction of a second it was switched
 * on, so its blocks appear up to 1 s after their timestamp, and no client can show them sooner.
 */
export function startAlignedMiner(url: string, blockTimeS: number) {
  let stopped = false
  const done = (async () => {
    const latest = await rpc<{ timestamp: string }>(url, 'eth_getBlockByNumber', ['latest', false])
    let next = Math.max(Math.ceil(Date.now() / 1000) + 1, Number(latest.timestamp) + 1)
    while (!stopped) {
      await sleep(Math.max(0, next * 1000 - Date.now()))
      if (stopped) break
      await rpc(url, 'evm_mine', [next]).catch(() => undefined)
      next += blockTimeS
    }
  })()
  return {
    async stop() {
      stopped = true
      await done.catch(() => undefined)
    },
  }
}

/** When the node announced each new block (its own newHeads subscription, not counted): block number → ms. */
export async function watchAnnouncements(wsUrl: string) {
  const announced = new Map<number, number>()
  const socket = new NodeWebSocket(wsUrl)
  await new Promise<void>((resolve, reject) => {
    socket.on('open', () => resolve())
    socket.on('error', (e) => reject(e))
  })
  socket.on('message', (data) => {
    const at = Date.now()
    const message = JSON.parse(String(data)) as { params?: { result?: { number?: string } } }
    const n = message.params?.result?.number
    if (n !== undefined && !announced.has(Number(n))) announced.set(Number(n), at)
  })
  socket.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_subscribe', params: ['newHeads'] }))
  return { announced, stop: () => socket.close() }
}
