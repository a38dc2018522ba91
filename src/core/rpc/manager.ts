import type { Transport } from 'viem'
import { getBlock } from 'viem/actions'
import { findChain } from '../config/chains'
import type { RuntimeConfig } from '../config/schema'
import { readConfirmed, writeConfirmed } from '../storage/confirmed'
import { storageKeys } from '../storage/stored'
import { type BlockClock, createBlockClock } from './blockClock'
import {
  type ChainEndpointSettings,
  type EndpointSettings,
  emptyChainEndpointSettings,
  endpointSettingsSchema,
  resolveEndpoints,
} from './endpoints'
import { type HeadWatcherOptions, startHeadWatcher } from './headWatcher'
import { createEndpointPool, type EndpointPool, type PoolOptions } from './pool'
import { poolTransport } from './transport'

export type RpcManagerOptions = {
  pool?: Omit<PoolOptions, 'chainId' | 'endpoints'>
  socket?: HeadWatcherOptions['socket']
}

/** The head with its timestamp, read on one endpoint and checked against the others (see `withEndpoint`). */
async function latestBlock(pool: EndpointPool) {
  const { value } = await pool.withEndpoint(async (session) => {
    const block = await getBlock(session.client, { blockTag: 'latest' })
    if (block.number === null) throw new Error('the latest block has no number')
    session.checkBlock(block.number, block.timestamp)
    return { number: Number(block.number), timestamp: Number(block.timestamp) }
  })
  return value
}

function clockFor(pool: EndpointPool): BlockClock {
  const clock = createBlockClock({
    poll: () => latestBlock(pool),
    timestampOf: async (n) => {
      const block = (await pool.request({
        method: 'eth_getBlockByNumber',
        params: [`0x${n.toString(16)}`, false],
      })) as { timestamp?: string } | null
      return block?.timestamp ? Number.parseInt(block.timestamp, 16) : undefined
    },
    onRhythm: (ms) => pool.setBlockTime(ms),
  })
  pool.onHead((head) => clock.observe(head, 'probe'))
  return clock
}

/**
 * One endpoint pool per configured chain, the user's endpoint settings, and which chain's background work
 * (probe loop, WebSocket heads) runs: only the active chain's, and none while paused.
 */
// Over 80 lines: a factory: its methods are closures over the per-chain pools, clocks and sockets it owns.
export function createRpcManager(runtime: RuntimeConfig, options: RpcManagerOptions = {}) {
  // Endpoint changes stored outside Hush's own save are not used until the user confirms them.
  const stored = readConfirmed(storageKeys.endpoints, endpointSettingsSchema, {})
  let settings: EndpointSettings = stored.value
  let unconfirmed = stored.unconfirmed
  const pools = new Map<number, EndpointPool>()
  const clocks = new Map<number, BlockClock>()
  for (const chain of runtime.chains) {
    const pool = createEndpointPool({
      ...options.pool,
      chainId: chain.id,
      endpoints: resolveEndpoints(chain, settings[String(chain.id)]),
    })
    pools.set(chain.id, pool)
    clocks.set(chain.id, clockFor(pool))
  }
  let active: number | undefined
  let paused = false
  let watcher: { stop: () => void } | undefined
  const headListeners = new Set<(chainId: number, head: number) => void>()
  const catchUpListeners = new Set<(chainId: number) => void>()
  const settingsListeners = new Set<() => void>()

  const stopBackground = () => {
    for (const pool of pools.values()) pool.stop()
    for (const clock of clocks.values()) clock.stop()
    watcher?.stop()
    watcher = undefined
  }

  const startBackground = () => {
    stopBackground()
    if (paused || active === undefined) return
    const pool = pools.get(active)
    const clock = clocks.get(active)
    const chain = findChain(runtime, active)
    if (!pool || !clock || !chain) return
    void pool.start()
    const wsUrl = chain.ws?.[0]
    clock.setLive(false)
    clock.start()
    if (!wsUrl) {
      pool.setLiveState('polling')
      return
    }
    const chainId = active
    pool.setLiveState('reconnecting')
    const stream = startHeadWatcher({
      url: wsUrl,
      chainId,
      socket: options.socket,
      onState: (state) => {
        pool.setLiveState(state)
        clock.setLive(state === 'live')
      },
      onHead: (head, timestamp) => {
        // Another endpoint's word on the head: reads behind it are refused, and per-block reads run at once;
        // a head the pool does not count (backwards, absurd, alone in the lead) does neither.
        if (!pool.noteExternalHead(head, timestamp)) return
        clock.observe({ number: head, timestamp }, 'socket')
        for (const l of headListeners) l(chainId, head)
      },
      onCatchUp: () => {
        clock.refresh()
        for (const l of catchUpListeners) l(chainId)
      },
    })
    // A stopped stream is a dropped one: its last head is no witness while the pool's reads go on.
    watcher = {
      stop: () => {
        stream.stop()
        pool.setLiveState('polling')
      },
    }
  }

  const pool = (chainId: number): EndpointPool => {
    const found = pools.get(chainId)
    if (!found) throw new Error(`chain ${chainId} is not configured`)
    return found
  }

  const manager = {
    pool,
    transport: (chainId: number): Transport => poolTransport(pool(chainId)),
    /** When to read per-block data on this chain (see `createBlockClock`). */
    clock(chainId: number): BlockClock {
      const found = clocks.get(chainId)
      if (!found) throw new Error(`chain ${chainId} is not configured`)
      return found
    },
    /** Runs background work for this chain only; other chains' loops and sockets stop. */
    setActiveChain(chainId: number | undefined): void {
      if (chainId === active && (watcher || pools.get(chainId ?? -1)?.isRunning())) return
      active = chainId !== undefined && pools.has(chainId) ? chainId : undefined
      startBackground()
    },
    activeChain: () => active,
    /** Page hidden for long: stop every timer and socket until resume(). */
    pause(): void {
      paused = true
      stopBackground()
    },
    resume(): void {
      if (!paused) return
      paused = false
      startBackground()
    },
    chainSettings: (chainId: number): ChainEndpointSettings =>
      settings[String(chainId)] ?? emptyChainEndpointSettings,
    updateChainSettings(chainId: number, next: ChainEndpointSettings): void {
      const chain = findChain(runtime, chainId)
      if (!chain) return
      settings = { ...settings, [String(chainId)]: next }
      writeConfirmed(storageKeys.endpoints, settings)
      // setEndpoints stops the pool's loop and restarts it if it was running.
      pool(chainId).setEndpoints(resolveEndpoints(chain, next))
      for (const l of settingsListeners) l()
    },
    /** Stored endpoint settings waiting for the user's confirmation (not in use), if any. */
    unconfirmedSettings: (): EndpointSettings | undefined => unconfirmed,
    /** The user confirmed them (true) or refused them (false: the settings in use are stored instead). */
    settleStoredSettings(confirm: boolean): void {
      const pending = unconfirmed
      unconfirmed = undefined
      if (!confirm || !pending) {
        writeConfirmed(storageKeys.endpoints, settings)
        for (const l of settingsListeners) l()
        return
      }
      for (const [id, next] of Object.entries(pending)) manager.updateChainSettings(Number(id), next)
    },
    subscribeSettings(listener: () => void): () => void {
      settingsListeners.add(listener)
      return () => settingsListeners.delete(listener)
    },
    getSettings: (): EndpointSettings => settings,
    onHead(listener: (chainId: number, head: number) => void): () => void {
      headListeners.add(listener)
      return () => headListeners.delete(listener)
    },
    onCatchUp(listener: (chainId: number) => void): () => void {
      catchUpListeners.add(listener)
      return () => catchUpListeners.delete(listener)
    },
    dispose(): void {
      paused = true
      stopBackground()
      headListeners.clear()
      catchUpListeners.clear()
      settingsListeners.clear()
    },
  }
  return manager
}

export type RpcManager = ReturnType<typeof createRpcManager>
