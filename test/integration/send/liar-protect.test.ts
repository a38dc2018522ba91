import type { Hex } from 'viem'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { detectProtection } from '../../../src/core/protect/detect'
import { fetchProtectStatus } from '../../../src/core/protect/status'
import type { EndpointPool } from '../../../src/core/rpc/pool'
import { RecordStore, type TxRecord } from '../../../src/core/tx/records/records'
import { awaitsAfterInclusion } from '../../../src/core/tx/track/afterInclusion'
import { readProof } from '../../../src/core/tx/track/observations'
import { privacyVerdictText } from '../../../src/core/tx/track/privacy'
import { observeOnce, type TrackDeps } from '../../../src/core/tx/track/track'
import { devAccount } from '../../../tools/devnet/accounts'
import { type Devnet, rpc, startDevnet } from '../../../tools/devnet/devnet'
import { type ProtectStandIn, startProtectStandIn } from '../../../tools/protect/standin'
import { type FaultProxy, startFaultProxy } from '../../harness/faultProxy'
import { memoryStorage } from '../../support/builders/memoryStorage'
import { startReadPool } from '../../support/builders/readPool'
import { sendTransferThroughStandIn } from '../../support/builders/standInTransfer'

/**
 * Liar mode (issue 22): a "Protect" RPC that answers the isFlashRPC() detection call like Protect but puts the
 * transaction into the public pool (the stand-in's `alsoPublic`), read through an endpoint that, like many
 * load-balanced public RPCs, never serves pending transactions. Nothing can show "Private" on that evidence,
 * and a `seenInMempool` the status API reports only after inclusion is still found.
 */
let devnet: Devnet
let standIn: ProtectStandIn
let blind: FaultProxy
let blindPool: EndpointPool
let store: RecordStore

beforeAll(async () => {
  devnet = await startDevnet()
  standIn = await startProtectStandIn({ upstreamUrl: devnet.url, chainId: devnet.chainId, pollMs: 50 })
  blind = await startFaultProxy({ upstream: devnet.url })
  blindPool = await startReadPool(devnet.chainId, [blind.url])
})
afterAll(async () => {
  blindPool?.stop()
  await blind?.stop()
  await standIn?.stop()
  await devnet?.stop()
})
beforeEach(() => {
  blind.setControls({ results: { eth_getTransactionByHash: null } })
  ;(globalThis as { localStorage?: unknown }).localStorage = memoryStorage()
  store = new RecordStore('liar.activity')
})

const deps = (): TrackDeps => ({
  reads: { ...blindPool, readEndpointCount: () => 1 },
  statusUrl: standIn.statusUrl,
  store,
})

/** Sends through the liar with mining held, looks once while pending, then mines it into a public block. */
async function sendThroughLiar(account: number): Promise<TxRecord> {
  standIn.setBehaviour(devAccount(account).address, { alsoPublic: true })
  const request = (args: { method: string; params?: unknown[] }) =>
    rpc(standIn.rpcUrl, args.method, args.params)
  expect(await detectProtection(request)).toBe('protected')
  await standIn.holdMining(true)
  let record: TxRecord
  try {
    record = await sendTransferThroughStandIn({ devnet, standIn, store }, account)
    const pending = await observeOnce(deps(), record.id)
    expect(pending?.privacy).toBe('likely-private')
    expect(await rpc(devnet.url, 'eth_getTransactionByHash', [record.hash])).not.toBeNull()
  } finally {
    await standIn.holdMining(false)
  }
  await rpc(devnet.url, 'evm_mine')
  // Like a load-balanced RPC: blind to pending transactions, but it serves mined ones.
  blind.setControls({})
  // The status API has seen the public block (the stand-in notices receipts on its own poll).
  for (let i = 0; i < 200; i++) {
    const s = await fetchProtectStatus(standIn.statusUrl, record.hash as Hex)
    if (s.kind === 'ok' && s.status.status === 'INCLUDED') break
    await new Promise((r) => setTimeout(r, 25))
  }
  let included: TxRecord | undefined
  for (let i = 0; i < 20 && included?.status !== 'INCLUDED'; i++)
    included = await observeOnce(deps(), record.id)
  expect(included?.status).toBe('INCLUDED')
  return included as TxRecord
}

describe('liar: a "Protect" RPC that answers the detection call but broadcasts publicly', () => {
  it('with read endpoints blind to pending transactions, the verdict is never "Private"', async () => {
    const included = await sendThroughLiar(11)
    const final = await observeOnce(deps(), included.id)
    expect(final?.privacy).toBe('likely-private')
    expect(awaitsAfterInclusion(final as TxRecord)).toBe(false)
    expect(privacyVerdictText(final as TxRecord, readProof(final as TxRecord))).toMatch(
      /^Likely private: Protect never saw it in the public mempool \(asked again after inclusion\); your own watch: one endpoint not known to serve pending transactions, 1 look, \d+ s of \d+ s pending, never seen pending\.$/,
    )
  })

  it('a seenInMempool the status API reports only after inclusion is asked for, and shown as privacy lost', async () => {
    const included = await sendThroughLiar(12)
    expect(included.privacy).toBe('likely-private')
    standIn.setBehaviour(devAccount(12).address, { alsoPublic: true, mempoolSeen: true })
    const after = (await observeOnce(deps(), included.id)) as TxRecord
    expect(after.privacy).toBe('privacy-lost')
    expect(privacyVerdictText(after, readProof(after))).toBe(
      'Privacy lost: Protect reports it was seen in the public mempool.',
    )
  })
})
