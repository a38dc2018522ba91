import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { EndpointPool } from '../../../src/core/rpc/pool'
import { RecordStore, type TxRecord } from '../../../src/core/tx/records/records'
import { readProof } from '../../../src/core/tx/track/observations'
import { privacyVerdictText } from '../../../src/core/tx/track/privacy'
import { isTracked, observeOnce, type TrackDeps, trackUntilFinal } from '../../../src/core/tx/track/track'
import { devAccount } from '../../../tools/devnet/accounts'
import { type Devnet, mineInBackground, rpc, startDevnet } from '../../../tools/devnet/devnet'
import { type ProtectStandIn, startProtectStandIn } from '../../../tools/protect/standin'
import { memoryStorage } from '../../support/builders/memoryStorage'
import { startReadPool } from '../../support/builders/readPool'
import { sendTransferThroughStandIn } from '../../support/builders/standInTransfer'

/**
 * Tracking against the stand-in's real-world modes (issue 13 part 1, issue 14 part 4): a relay that leaks the
 * transaction to the public pool, a status API without CORS, and a FAILED transaction included later.
 * Its own devnet, so mining can be held and blocks mined at will.
 */
let devnet: Devnet
let standIn: ProtectStandIn
let pool: EndpointPool
let store: RecordStore

beforeAll(async () => {
  devnet = await startDevnet()
  standIn = await startProtectStandIn({ upstreamUrl: devnet.url, chainId: devnet.chainId, pollMs: 50 })
  pool = await startReadPool(devnet.chainId, [devnet.url, devnet.url])
})
afterAll(async () => {
  pool?.stop()
  await standIn?.stop()
  await devnet?.stop()
})
beforeEach(() => {
  ;(globalThis as { localStorage?: unknown }).localStorage = memoryStorage()
  store = new RecordStore('watch.activity')
})

const deps = (): TrackDeps => ({
  reads: { ...pool, readEndpointCount: () => 2 },
  statusUrl: standIn.statusUrl,
  store,
})
const mine = async (n = 1) => {
  for (let i = 0; i < n; i++) await rpc(devnet.url, 'evm_mine')
}

const sendThroughStandIn = (
  account: number,
  fees?: { maxFeePerGas?: bigint; maxPriorityFeePerGas?: bigint },
) => sendTransferThroughStandIn({ devnet, standIn, store }, account, fees)

describe('the own public-mempool watch', () => {
  it('a relay that also puts it into the public pool: "went public" from the watch, whatever the API says', async () => {
    standIn.setBehaviour(devAccount(3).address, { alsoPublic: true })
    await standIn.holdMining(true)
    try {
      const record = await sendThroughStandIn(3)
      const seen = await observeOnce(deps(), record.id)
      expect(seen?.privacy).toBe('went-public')
      const proof = readProof(seen as TxRecord)
      expect(proof.api?.last).toMatchObject({ status: 'PENDING', seenInMempool: false })
      expect(privacyVerdictText(seen as TxRecord, proof)).toMatch(
        /^Went public: a saw it pending in the public mempool at block \d+, whatever Protect's status API says\.$/,
      )
      expect(proof.log?.find((e) => e.source === 'watch')).toMatchObject({
        text: 'pending in its public pool',
      })
    } finally {
      await standIn.holdMining(false)
    }
  })

  it('a status API without CORS headers (unreachable from a page): the watch alone makes it only likely private', async () => {
    standIn.setBehaviour(devAccount(4).address, { statusWithoutCors: true, inclusionDelayBlocks: 1 })
    const record = await sendThroughStandIn(4)
    // Node's fetch ignores CORS; the browser does not. A fetch that fails like the browser's stands in for it.
    const noCors: TrackDeps['fetchStatus'] = async (url, hash) => {
      const res = await fetch(`${url}${hash}`)
      return res.headers.get('access-control-allow-origin')
        ? { kind: 'unavailable', reason: 'unexpected: CORS headers present' }
        : { kind: 'unavailable', reason: '127.0.0.1 could not be reached (network or CORS)' }
    }
    await observeOnce({ ...deps(), fetchStatus: noCors }, record.id)
    await mine()
    const final = await trackUntilFinal({ ...deps(), fetchStatus: noCors }, record.id, {
      intervalMs: 50,
      maxPolls: 100,
    })
    expect(final).toMatchObject({ status: 'INCLUDED', privacy: 'likely-private' })
    expect(privacyVerdictText(final as TxRecord, readProof(final as TxRecord))).toMatch(
      /^Likely private: Protect's status API could not be reached; your own watch: 2 endpoints not known to serve pending transactions, \d+ looks, \d+ s of \d+ s pending, never seen pending\.$/,
    )
  })
})

describe('late inclusion is corrected', () => {
  it('FAILED, then a receipt within the watch window: Included, with the correction on the record', async () => {
    standIn.setBehaviour(devAccount(5).address, { blockWindow: 2, includeAfterFailedBlocks: 2 })
    const record = await sendThroughStandIn(5)
    await observeOnce(deps(), record.id)
    await mine(3)
    const failed = await trackUntilFinal(deps(), record.id, { intervalMs: 50, maxPolls: 100 })
    expect(failed?.status).toBe('FAILED')
    expect(isTracked(failed as TxRecord, Date.now())).toBe(true)
    await mine(3)
    const corrected = await trackUntilFinal(deps(), record.id, {
      intervalMs: 50,
      maxPolls: 200,
      lightWatch: true,
      onUpdate: (r) => {
        if (r.status === 'FAILED') mineInBackground(devnet.url)
      },
    })
    expect(corrected?.status).toBe('INCLUDED')
    expect(corrected?.detail).toMatch(
      // Either read endpoint may be the one that shows it: each block's look goes to the next endpoint in turn.
      /^Corrected at .*: A receipt in block \d+ \((a|b)\) shows it was included after it was shown as Failed/,
    )
    expect(readProof(corrected as TxRecord).corrections).toEqual([
      expect.objectContaining({ from: 'FAILED', to: 'INCLUDED' }),
    ])
    expect(isTracked(corrected as TxRecord, Date.now())).toBe(false)
  })

  it('the light watch ends after Protect’s block window', async () => {
    standIn.setBehaviour(devAccount(6).address, { blockWindow: 1 })
    const record = await sendThroughStandIn(6, { maxFeePerGas: 1n, maxPriorityFeePerGas: 1n })
    await mine(2)
    const failed = await trackUntilFinal(deps(), record.id, { intervalMs: 50, maxPolls: 100 })
    expect(failed?.status).toBe('FAILED')
    let polls = 0
    const done = await trackUntilFinal(deps(), record.id, {
      intervalMs: 20,
      maxPolls: 400,
      lightWatch: true,
      onUpdate: () => {
        polls++
        mineInBackground(devnet.url)
      },
    })
    expect(done?.status).toBe('FAILED')
    expect(polls).toBeLessThan(400)
    expect(isTracked(done as TxRecord, Date.now())).toBe(false)
  })
})
