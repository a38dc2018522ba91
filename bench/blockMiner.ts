import { rpc } from '../tools/devnet/devnet'
import { delayOf, seeded } from '../tools/devnet/slotDelays'
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

/**
 * Mines a block in each `slotS`-second slot with the slot's start as its timestamp, like `startAlignedMiner`, but
 * each one a varying time after its slot starts, as on mainnet: there a block typically appears 0.3–3 s into
 * its 12 s slot. First-seen times over a week of mainnet slots (Xatu monitoring data, 2026) come in three waves:
 * about 2/3 of proposers publish when ready (peak near 1.4 s), about 22% wait for builder bids (near 2.4 s) and
 * about 11% play the full timing game (near 3 s). `delayOf` draws from that mix, kept within 0.3–3 s; `seed`
 * makes runs comparable (the same delays, block by block).
 */
export function startJitteredMiner(url: string, slotS: number, seed = 1) {
  const random = seeded(seed)
  let stopped = false
  const delays: number[] = []
  const done = (async () => {
    const latest = await rpc<{ timestamp: string }>(url, 'eth_getBlockByNumber', ['latest', false])
    let slot = Math.max(Math.ceil(Date.now() / 1000) + 1, Number(latest.timestamp) + 1)
    while (!stopped) {
      const delay = delayOf(random)
      await sleep(Math.max(0, slot * 1000 + delay - Date.now()))
      if (stopped) break
      await rpc(url, 'evm_mine', [slot]).catch(() => undefined)
      delays.push(delay)
      slot += slotS
    }
  })()
  return {
    /** The delays used so far (ms after each slot's start). */
    delays,
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
