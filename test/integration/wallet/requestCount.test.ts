import { createPublicClient, http } from 'viem'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { readBalancesChecked } from '../../../src/core/balances/queryOptions'
import { readBalances } from '../../../src/core/balances/readBalances'
import { parseRuntimeConfig } from '../../../src/core/config/load'
import { createRpcManager } from '../../../src/core/rpc/manager'
import { devAccount } from '../../../tools/devnet/accounts'
import { devnetAppConfig } from '../../../tools/devnet/appConfig'
import { type FaultProxy, startFaultProxy } from '../../harness/faultProxy'
import { deployTokens, manyTokenSpecs } from '../../support/builders/tokens'

const devnet = inject('devnet')
let proxy: FaultProxy
let tokens: `0x${string}`[] = []

beforeAll(async () => {
  proxy = await startFaultProxy({ upstream: devnet.url })
  tokens = await deployTokens(devnet.url, manyTokenSpecs(50, [devAccount(12).address]))
})
afterAll(async () => {
  await proxy?.stop()
})

/** The 50-token balances read of dev account 12 through the manager's pool transport. */
const balancesThrough = (manager: ReturnType<typeof createRpcManager>) => {
  const client = createPublicClient({ transport: manager.transport(devnet.chainId) })
  return () =>
    readBalancesChecked(client, {
      chainId: devnet.chainId,
      owner: devAccount(12).address,
      tokens,
      multicall3: devnet.contracts.multicall3,
    })
}

describe('one request per refresh', () => {
  it('a refresh of ETH + 50 tokens is one HTTP request carrying one JSON-RPC call (Multicall3)', async () => {
    const client = createPublicClient({ transport: http(proxy.url, { batch: true }) })
    proxy.resetStats()
    const snapshot = await readBalances(client, {
      chainId: devnet.chainId,
      owner: devAccount(12).address,
      tokens,
      multicall3: devnet.contracts.multicall3,
    })
    expect(proxy.stats.httpRequests).toBe(1)
    expect(proxy.stats.rpcCalls).toBe(1)
    expect(proxy.stats.byMethod).toEqual({ eth_call: 1 })
    expect(Object.values(snapshot.tokens).filter((r) => r.status === 'ok')).toHaveLength(50)
  })

  it("through the app's own endpoint-pool transport, the 50-token refresh is still one HTTP request", async () => {
    const runtime = parseRuntimeConfig(
      devnetAppConfig({ chainId: devnet.chainId, rpcUrls: [proxy.url], contracts: devnet.contracts }),
    )
    const manager = createRpcManager(runtime)
    try {
      const refresh = balancesThrough(manager)
      await refresh() // the pool verifies the endpoint's chain id on first use
      proxy.resetStats()
      const snapshot = await refresh()
      expect(proxy.stats.httpRequests).toBe(1)
      // The multicall carries the block number itself: the session checks it against the best head (a read
      // more than one block behind is refused), so no separate eth_blockNumber rides along.
      expect(proxy.stats.byMethod).toEqual({ eth_call: 1 })
      expect(snapshot.blockNumber).toBe(BigInt(Number.parseInt(await rpcHead(), 16)))
    } finally {
      manager.dispose()
    }
  })

  it('the per-block multicall proves the chain id: no eth_chainId re-check rides along while it reads every block', async () => {
    // Was an eth_chainId beside every third read on a 12 s chain (0.33 calls a block in the bench's jitter row).
    let skewMs = 0
    const runtime = parseRuntimeConfig(
      devnetAppConfig({ chainId: devnet.chainId, rpcUrls: [proxy.url], contracts: devnet.contracts }),
    )
    const manager = createRpcManager(runtime, { pool: { now: () => Date.now() + skewMs } })
    try {
      const refresh = balancesThrough(manager)
      await refresh() // verified on first use (eth_chainId)
      skewMs += 20_000
      await refresh()
      // 40 s after the first check, 20 s after the last read's own proof: nothing to re-check.
      skewMs += 20_000
      proxy.resetStats()
      await refresh()
      expect(proxy.stats.byMethod).toEqual({ eth_call: 1 })
      // With no read for longer than the re-check interval, eth_chainId rides along again.
      skewMs += 31_000
      proxy.resetStats()
      await refresh()
      expect(proxy.stats.byMethod).toEqual({ eth_call: 1, eth_chainId: 1 })
    } finally {
      manager.dispose()
    }
  })

  it('a hung endpoint in use costs the balances read once: the read moves on, and later reads never wait for it', async () => {
    const hung = await startFaultProxy({ upstream: devnet.url })
    const runtime = parseRuntimeConfig(
      devnetAppConfig({
        chainId: devnet.chainId,
        rpcUrls: [hung.url, proxy.url],
        contracts: devnet.contracts,
      }),
    )
    const manager = createRpcManager(runtime)
    try {
      const refresh = balancesThrough(manager)
      await refresh()
      expect(hung.stats.byMethod.eth_call).toBe(1) // the first endpoint served it
      await hung.setMode('hang', { hangMs: 10_000 })
      hung.resetStats()
      proxy.resetStats()
      const snapshot = await refresh()
      expect(snapshot.blockNumber).toBe(BigInt(Number.parseInt(await rpcHead(), 16)))
      expect(hung.stats.byMethod).toEqual({ eth_call: 1 })
      expect(proxy.stats.byMethod.eth_call).toBe(1)
      // The time that one read waited (the pool's 1.5 s attempt timeout) is measured by `npm run bench -- requests`.
      for (let i = 0; i < 3; i++) await refresh()
      expect(hung.stats.byMethod).toEqual({ eth_call: 1 })
      expect(proxy.stats.byMethod.eth_call).toBe(4)
    } finally {
      manager.dispose()
      await hung.stop()
    }
  })

  it('without Multicall3, the deployless multicall still reads block, ETH and 50 tokens in one eth_call', async () => {
    const client = createPublicClient({ transport: http(proxy.url, { batch: true }) })
    proxy.resetStats()
    const owner = devAccount(12).address
    const snapshot = await readBalances(client, { chainId: devnet.chainId, owner, tokens })
    expect(proxy.stats.httpRequests).toBe(1)
    expect(proxy.stats.byMethod).toEqual({ eth_call: 1 })
    // The same figures as with the deployed Multicall3, block and timestamp included.
    const deployed = await readBalances(client, {
      chainId: devnet.chainId,
      owner,
      tokens,
      multicall3: devnet.contracts.multicall3,
    })
    expect(snapshot).toEqual(deployed)
    expect(snapshot.blockNumber).toBe(BigInt(Number.parseInt(await rpcHead(), 16)))
    expect(Object.values(snapshot.tokens).filter((r) => r.status === 'ok')).toHaveLength(50)
  })
})

const rpcHead = async () => {
  const response = await fetch(devnet.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] }),
  })
  return ((await response.json()) as { result: string }).result
}
