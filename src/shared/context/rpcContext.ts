import { createContext, useContext, useEffect, useState } from 'react'
import type { RpcManager } from '../../core/rpc/manager'
import type { EndpointPool } from '../../core/rpc/pool'
import type { PoolSnapshot } from '../../core/rpc/snapshot'

export const RpcManagerContext = createContext<RpcManager | null>(null)

export function useRpcManager(): RpcManager {
  const rpc = useContext(RpcManagerContext)
  if (!rpc) throw new Error('useRpcManager outside RpcManagerContext')
  return rpc
}

/** The pool's snapshot, re-rendering at most every 250 ms on activity and once a second otherwise. */
export function usePoolSnapshot(chainId: number): PoolSnapshot | undefined {
  const rpc = useRpcManager()
  const pool = safePool(rpc, chainId)
  const [snapshot, setSnapshot] = useState(() => pool?.getSnapshot())
  useEffect(() => {
    if (!pool) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const update = () => setSnapshot(pool.getSnapshot())
    const off = pool.subscribe(() => {
      timer ??= setTimeout(() => {
        timer = undefined
        update()
      }, 250)
    })
    const tick = setInterval(update, 1_000)
    update()
    return () => {
      off()
      clearInterval(tick)
      if (timer) clearTimeout(timer)
    }
  }, [pool])
  return pool ? snapshot : undefined
}

/**
 * Since when every enabled read endpoint of the chain has been failing (or answering another chain), or
 * undefined while one can serve. Re-renders only when that changes.
 */
export function useUnreadableSince(chainId: number): number | undefined {
  const rpc = useRpcManager()
  const pool = safePool(rpc, chainId)
  const [since, setSince] = useState<number | undefined>(undefined)
  useEffect(() => {
    if (!pool) return
    const update = () => {
      const serving = pool
        .getSnapshot()
        .endpoints.some(
          (e) => e.enabled && (e.status === 'healthy' || e.status === 'degraded' || e.status === 'checking'),
        )
      setSince((s) => (serving ? undefined : (s ?? Date.now())))
    }
    const off = pool.subscribe(update)
    update()
    return off
  }, [pool])
  return since
}

function safePool(rpc: RpcManager, chainId: number): EndpointPool | undefined {
  try {
    return rpc.pool(chainId)
  } catch {
    return undefined
  }
}
