import { parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devAccount } from '../../../tools/devnet/accounts'
import { type AnvilNode, startAnvil } from '../../../tools/devnet/anvil'
import { startMempoolWatcher } from '../../../tools/protect/mempoolWatcher'
import { type ProtectStandIn, startProtectStandIn } from '../../../tools/protect/standin'
import { nodeClient, rpcAt, signTransfer, statusOf } from './helpers'

// Its own Anvil with interval mining (as in e2e and npm start), so the accounts here are free to use.
const blockTime = 2
let node: AnvilNode
let standIn: ProtectStandIn

beforeAll(async () => {
  node = await startAnvil({ blockTime })
  standIn = await startProtectStandIn({
    upstreamUrl: node.url,
    chainId: node.chainId,
    upstreamBlockTime: blockTime,
  })
})
afterAll(async () => {
  await standIn?.stop()
  await node?.stop()
})

describe('the Protect stand-in on an interval-mining node', () => {
  it('a public transaction is seen pending three ways; a private one never, by any of them', async () => {
    const client = nodeClient(node.url)
    const watcher = await startMempoolWatcher(node)
    try {
      // Control, deterministic: mining paused, so the public transaction must sit in the pool.
      await rpcAt(node.url, 'evm_setIntervalMining', [0])
      const control = await signTransfer(node.url, 15, { to: devAccount(2).address, value: 1n })
      watcher.track(control.hash)
      await rpcAt(node.url, 'eth_sendRawTransaction', [control.raw])
      await expect
        .poll(() => watcher.sightings(control.hash))
        .toEqual({ subscription: true, txpool: true, pendingByHash: true })
      await rpcAt(node.url, 'evm_setIntervalMining', [blockTime])
      await client.waitForTransactionReceipt({ hash: control.hash, pollingInterval: 100 })

      // A public transaction racing the private one must not be lost by the private inclusion.
      const racing = await signTransfer(node.url, 16, { to: devAccount(2).address, value: 3n })
      const priv = await signTransfer(node.url, 14, { to: devAccount(3).address, value: parseEther('1') })
      watcher.track(priv.hash)
      const before = await client.getBalance({ address: devAccount(3).address })
      await rpcAt(node.url, 'eth_sendRawTransaction', [racing.raw])
      expect((await rpcAt(standIn.rpcUrl, 'eth_sendRawTransaction', [priv.raw])).result).toBe(priv.hash)
      await client.waitForTransactionReceipt({ hash: priv.hash, pollingInterval: 100 })
      expect(await client.getBalance({ address: devAccount(3).address })).toBe(before + parseEther('1'))
      expect(
        (await client.waitForTransactionReceipt({ hash: racing.hash, pollingInterval: 100 })).status,
      ).toBe('success')
      const pollsAfter = watcher.polls()
      await expect.poll(() => watcher.polls()).toBeGreaterThan(pollsAfter + 5)
      expect(watcher.sightings(priv.hash)).toEqual({
        subscription: false,
        txpool: false,
        pendingByHash: false,
      })
      await expect.poll(async () => (await statusOf(standIn.statusUrl, priv.hash)).status).toBe('INCLUDED')

      // Interval mining is back after the private inclusion.
      const head = await client.getBlockNumber()
      await expect
        .poll(() => client.getBlockNumber(), { timeout: 4 * blockTime * 1000 })
        .toBeGreaterThan(head)
      expect(await rpcAt(node.url, 'anvil_getAutomine')).toMatchObject({ result: false })
    } finally {
      await watcher.stop()
    }
  })
})
