import { createPublicClient, http } from 'viem'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { readBalances } from '../../../src/core/balances/readBalances'
import { parseRuntimeConfig } from '../../../src/core/config/load'
import { createRpcManager } from '../../../src/core/rpc/manager'
import { deployTokens, manyTokenSpecs } from '../../support/builders/tokens'
import { devAccount } from '../../support/devnet/accounts'
import { devnetAppConfig } from '../../support/devnet/app-config'
import { type FaultProxy, startFaultProxy } from '../../support/fault-proxy'

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
      const client = createPublicClient({ transport: manager.transport(devnet.chainId) })
      const refresh = () =>
        readBalances(client, {
          chainId: devnet.chainId,
          owner: devAccount(12).address,
          tokens,
          multicall3: devnet.contracts.multicall3,
        })
      await refresh() // the pool verifies the endpoint's chain id on first use
      proxy.resetStats()
      await refresh()
      expect(proxy.stats.httpRequests).toBe(1)
      // The pool carries the endpoint's head in the same HTTP request, so a read more than one block behind is refused.
      expect(proxy.stats.byMethod).toEqual({ eth_call: 1, eth_blockNumber: 1 })
    } finally {
      manager.dispose()
    }
  })

  it('without Multicall3, on an endpoint that allows batching, the single calls still share one HTTP request', async () => {
    const client = createPublicClient({ transport: http(proxy.url, { batch: { batchSize: 1_000 } }) })
    proxy.resetStats()
    await readBalances(client, { chainId: devnet.chainId, owner: devAccount(12).address, tokens })
    expect(proxy.stats.httpRequests).toBe(1)
    expect(proxy.stats.rpcCalls).toBe(52)
  })
})
