import { createPublicClient, type Hex, http, parseGwei } from 'viem'
import { beforeEach, describe, expect, it } from 'vitest'
import { RecordStore } from '../../../src/core/tx/records/records'
import { sendThroughPipeline } from '../../../src/core/tx/send/pipeline'
import { canSendAgain } from '../../../src/core/tx/send/replace'
import { resolveIntent } from '../../../src/core/tx/track/intents'
import { devAccount } from '../../../tools/devnet/accounts'
import { devChain } from '../../../tools/devnet/deploy'
import { rpc } from '../../../tools/devnet/devnet'
import { RpcError, TestWallet } from '../../harness/wallet/testWallet'
import { memoryStorage } from '../../support/builders/memoryStorage'
import { ownDevnetAndStandIn } from '../../support/builders/ownStack'
import { pageDeps } from '../../support/builders/pipeline'

/**
 * Issue 21: the wallet's RPC (the Protect stand-in) accepts the signed transaction, then the wallet answers
 * the page with an error (a relay that timed out after accepting it). The stand-in holds it a few blocks, as
 * Protect's builders may, so its nonce is still unused at the head when the pipeline looks.
 */
const own = ownDevnetAndStandIn()
beforeEach(() => {
  ;(globalThis as { localStorage?: unknown }).localStorage = memoryStorage()
})

describe('a wallet error after the relay accepted the transaction', () => {
  it('stays open ("not known yet"), offers no Send again, and is matched by nonce once included', async () => {
    const account = devAccount(5).address
    own.standIn.setBehaviour(account, { inclusionDelayBlocks: 3 })
    const wallet = new TestWallet({
      accounts: [5],
      chains: { [own.devnet.chainId]: own.standIn.rpcUrl },
      chainId: own.devnet.chainId,
    })
    wallet.connected = true
    let broadcast: Hex | undefined
    const reader = createPublicClient({
      chain: devChain(own.devnet.url, own.devnet.chainId),
      transport: http(own.devnet.url),
    })
    const store = new RecordStore('wallet-error.test')
    const deps = pageDeps(
      async ({ method, params }) => {
        const answer = await wallet.handle(method, params ?? [])
        if (method !== 'eth_sendTransaction') return answer
        broadcast = answer as Hex
        throw new RpcError(-32603, 'Internal JSON-RPC error.')
      },
      reader,
      store,
    )
    const result = await sendThroughPipeline(deps, {
      kind: 'transfer',
      chainId: own.devnet.chainId,
      from: account,
      call: { to: devAccount(2).address, value: 777n },
      gas: 21_000n,
      fees: { maxFeePerGas: parseGwei('50'), maxPriorityFeePerGas: parseGwei('1') },
      consentToPublic: true,
      consentFor: 'not-protected',
    })
    expect(broadcast).toBeDefined()
    expect(await reader.getTransactionCount({ address: account, blockTag: 'latest' })).toBe(0)
    expect(result.kind === 'failed' && result.message).not.toMatch(/Nothing was sent/)
    const record = store.list()[0]
    expect(record).toMatchObject({ status: 'AWAITING_WALLET', nonce: 0, sentUnknown: true })
    expect(canSendAgain(store.list()[0] ?? record!, store.list())).toBe(false)
    const resolve = { reader, store, accountBusy: async () => false }
    expect(await resolveIntent(resolve, record!.id)).toMatchObject({ status: 'AWAITING_WALLET' })
    // Blocks go by; the stand-in includes it after its delay, then the resolver finds it by nonce.
    for (let i = 0; i < 3; i++) await rpc(own.devnet.url, 'evm_mine')
    await until(async () => (await reader.getTransactionCount({ address: account, blockTag: 'latest' })) > 0)
    const found = await resolveIntent(resolve, record!.id)
    expect(found).toMatchObject({ status: 'PENDING', hash: broadcast })
  })
})

async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 20))
}
