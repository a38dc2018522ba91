import { createRequire } from 'node:module'
import type { Hex } from 'viem'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { EndpointPool } from '../../../src/core/rpc/pool'
import type { SocketFactory } from '../../../src/core/rpc/reconnectingSocket'
import { newRecordId, RecordStore, type TxRecord } from '../../../src/core/tx/records/records'
import { readProof } from '../../../src/core/tx/track/observations'
import { createPendingWatch } from '../../../src/core/tx/track/pendingWatch'
import { privacyVerdictText } from '../../../src/core/tx/track/privacy'
import { observeOnce, type TrackDeps, trackUntilFinal } from '../../../src/core/tx/track/track'
import { devAccount } from '../../../tools/devnet/accounts'
import { type Devnet, mineInBackground, startDevnet } from '../../../tools/devnet/devnet'
import { type ProtectStandIn, startProtectStandIn } from '../../../tools/protect/standin'
import { type FaultProxy, startFaultProxy } from '../../harness/faultProxy'
import { memoryStorage } from '../../support/builders/memoryStorage'
import { startReadPool } from '../../support/builders/readPool'
import { sendTransferThroughStandIn } from '../../support/builders/standInTransfer'

/**
 * The WebSocket half of the own public-mempool watch (issue 13 part 1) against real Anvil, which serves
 * `newPendingTransactions` on its HTTP port. The local Protect stand-in (not Flashbots Protect) includes
 * privately without touching Anvil's pool; its `alsoPublic` mode also puts the transaction into that pool.
 */
const nodeSocket = createRequire(import.meta.url)('ws').WebSocket as new (
  url: string,
) => ReturnType<SocketFactory>
const socket: SocketFactory = (url) => new nodeSocket(url)

let devnet: Devnet
let standIn: ProtectStandIn
let blind: FaultProxy
let pool: EndpointPool
let blindPool: EndpointPool
let store: RecordStore

beforeAll(async () => {
  devnet = await startDevnet()
  standIn = await startProtectStandIn({ upstreamUrl: devnet.url, chainId: devnet.chainId, pollMs: 50 })
  // A read endpoint that never finds the transaction by hash: only the stream can see it.
  blind = await startFaultProxy({ upstream: devnet.url })
  blind.setControls({ results: { eth_getTransactionByHash: null } })
  pool = await startReadPool(devnet.chainId, [devnet.url])
  blindPool = await startReadPool(devnet.chainId, [blind.url])
})
afterAll(async () => {
  pool?.stop()
  blindPool?.stop()
  await blind?.stop()
  await standIn?.stop()
  await devnet?.stop()
})
beforeEach(() => {
  ;(globalThis as { localStorage?: unknown }).localStorage = memoryStorage()
  store = new RecordStore('stream.activity')
})

async function liveWatch() {
  const watch = createPendingWatch({ urls: [devnet.wsUrl], socket })
  watch.setActive(true)
  for (let i = 0; i < 200 && watch.states()[0]?.state !== 'live'; i++)
    await new Promise((r) => setTimeout(r, 25))
  expect(watch.states()).toEqual([{ name: new URL(devnet.wsUrl).host, state: 'live' }])
  return watch
}

const sendThroughStandIn = (
  account: number,
  fees?: { maxFeePerGas?: bigint; maxPriorityFeePerGas?: bigint },
) => sendTransferThroughStandIn({ devnet, standIn, store }, account, fees)

describe('the newPendingTransactions watch on WebSocket endpoints', () => {
  it('a relay that also puts it into the public pool: the stream shows it, so "went public", whatever the API says', async () => {
    const watch = await liveWatch()
    standIn.setBehaviour(devAccount(7).address, { alsoPublic: true })
    await standIn.holdMining(true)
    try {
      const record = await sendThroughStandIn(7)
      for (let i = 0; i < 100 && !watch.sighting(record.hash as Hex); i++)
        await new Promise((r) => setTimeout(r, 20))
      const deps: TrackDeps = { reads: blindPool, statusUrl: standIn.statusUrl, store }
      // Without the stream, the blind endpoint and the API both say nothing of the public copy.
      const twin = store.add({ ...record, id: newRecordId() })
      expect((await observeOnce(deps, twin.id))?.privacy).toBe('likely-private')

      const seen = (await observeOnce({ ...deps, pendingStreams: watch }, record.id)) as TxRecord
      expect(seen.privacy).toBe('went-public')
      const proof = readProof(seen)
      expect(proof.api?.last).toMatchObject({ status: 'PENDING', seenInMempool: false })
      expect(proof.watch?.seenPending).toMatchObject({
        endpoint: new URL(devnet.wsUrl).host,
        via: 'websocket',
      })
      expect(privacyVerdictText(seen, proof)).toBe(
        `Went public: the pending-transaction stream of ${new URL(devnet.wsUrl).host} (WebSocket) announced it before inclusion, whatever Protect's status API says.`,
      )
      expect(proof.log?.find((e) => e.source === 'websocket')).toMatchObject({
        text: 'announced as pending on its newPendingTransactions stream',
        endpoint: new URL(devnet.wsUrl).host,
      })
    } finally {
      await standIn.holdMining(false)
      watch.dispose()
    }
  })

  it('included privately: the stream that watched from before the send to inclusion is named in the verdict', async () => {
    const watch = await liveWatch()
    try {
      standIn.setBehaviour(devAccount(8).address, { inclusionDelayBlocks: 1 })
      const record = await sendThroughStandIn(8)
      const final = await trackUntilFinal(
        {
          reads: { ...pool, readEndpointCount: () => 1 },
          statusUrl: standIn.statusUrl,
          store,
          pendingStreams: watch,
        },
        record.id,
        { intervalMs: 50, maxPolls: 200, onUpdate: () => mineInBackground(devnet.url) },
      )
      expect(final).toMatchObject({ status: 'INCLUDED', privacy: 'private' })
      expect(watch.sighting(record.hash as Hex)).toBeUndefined()
      expect(privacyVerdictText(final as TxRecord, readProof(final as TxRecord))).toMatch(
        new RegExp(
          `^Private: Protect never saw it in the public mempool \\(asked again after inclusion\\), (your read endpoint did not see it pending, )?and the pending-transaction stream of ${new URL(devnet.wsUrl).host.replace('.', '\\.')} never showed it\\.$`,
        ),
      )
    } finally {
      watch.dispose()
    }
  })

  it('a stream that went live only after the send is not counted as having watched it', async () => {
    standIn.setBehaviour(devAccount(9).address, { inclusionDelayBlocks: 1 })
    const record = await sendThroughStandIn(9)
    const watch = await liveWatch()
    try {
      const seen = (await observeOnce(
        { reads: pool, statusUrl: standIn.statusUrl, store, pendingStreams: watch },
        record.id,
      )) as TxRecord
      expect(readProof(seen).watch?.streams).toBeUndefined()
    } finally {
      watch.dispose()
    }
  })
})
