import {
  createPublicClient,
  createWalletClient,
  type Hex,
  http,
  keccak256,
  TransactionNotFoundError,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { fetchProtectStatus } from '../../../src/core/protect/status'
import { newRecordId, RecordStore, type TxRecord } from '../../../src/core/tx/records/records'
import { checkRecordOutsideStorage, type RecordCheckDeps } from '../../../src/core/tx/send/recordCheck'
import { devAccount, devPrivateKey } from '../../../tools/devnet/accounts'
import { devChain } from '../../../tools/devnet/deploy'
import { type Devnet, startDevnet } from '../../../tools/devnet/devnet'
import { type ProtectStandIn, startProtectStandIn } from '../../../tools/protect/standin'
import { memoryStorage } from '../../support/builders/memoryStorage'
import { sendTransferThroughStandIn } from '../../support/builders/standInTransfer'

/**
 * Stored records are checked outside storage before "Send again" or "Speed up" acts on them (issue 22):
 * a forged Failed record with an attacker's call is refused, against real Anvil and the Protect stand-in.
 */
let devnet: Devnet
let standIn: ProtectStandIn
let store: RecordStore

beforeAll(async () => {
  devnet = await startDevnet()
  standIn = await startProtectStandIn({ upstreamUrl: devnet.url, chainId: devnet.chainId, pollMs: 50 })
})
afterAll(async () => {
  await standIn?.stop()
  await devnet?.stop()
})
beforeEach(() => {
  ;(globalThis as { localStorage?: unknown }).localStorage = memoryStorage()
  store = new RecordStore('check.activity')
})

const deps = (): RecordCheckDeps => {
  const reader = createPublicClient({ transport: http(devnet.url, { retryCount: 0 }) })
  return {
    getTransaction: (hash) =>
      reader.getTransaction({ hash }).then(
        (tx) => ({ from: tx.from, to: tx.to, value: tx.value, input: tx.input }),
        (error: unknown) => {
          if (error instanceof TransactionNotFoundError) return undefined
          throw error
        },
      ),
    fetchStatus: (hash) => fetchProtectStatus(standIn.statusUrl, hash),
  }
}

const attacker = devAccount(9).address
const failedRecord = (
  account: number,
  hash: Hex,
  to = attacker,
  value = '1000000000000000000',
): TxRecord => ({
  id: newRecordId(),
  kind: 'call',
  chainId: devnet.chainId,
  from: devAccount(account).address,
  hash,
  nonce: 0,
  call: { to, value },
  createdAt: Date.now(),
  protected: true,
  status: 'FAILED',
  privacy: 'private',
})

describe('a stored record is known outside storage before an action is offered on it', () => {
  it("a forged Failed record (a hash nobody knows, an attacker's call) is refused", async () => {
    const forged = failedRecord(13, keccak256('0x1234'))
    expect(await checkRecordOutsideStorage(deps(), forged, devAccount(13).address)).toEqual({
      ok: false,
      reason: 'Neither the chain nor Protect knows this transaction: the record may not be one Hush sent.',
    })
    // Nor from another account than the connected one.
    expect((await checkRecordOutsideStorage(deps(), forged, devAccount(14).address)).ok).toBe(false)
  })

  it("a real hash with a call rewritten in storage is refused; with the chain's call it is accepted", async () => {
    const signer = privateKeyToAccount(devPrivateKey(13))
    const wallet = createWalletClient({
      chain: devChain(devnet.url, devnet.chainId),
      account: signer,
      transport: http(devnet.url),
    })
    const to = devAccount(2).address
    const hash = await wallet.sendTransaction({ to, value: 77n })
    await createPublicClient({ transport: http(devnet.url) }).waitForTransactionReceipt({
      hash,
      pollingInterval: 50,
    })
    const rewritten = failedRecord(13, hash)
    expect(await checkRecordOutsideStorage(deps(), rewritten, signer.address)).toEqual({
      ok: false,
      reason: 'The chain has this hash as a different transaction than the record says.',
    })
    const honest = failedRecord(13, hash, to, '77')
    expect(await checkRecordOutsideStorage(deps(), honest, signer.address)).toEqual({ ok: true, by: 'chain' })
  })

  it('a private transaction public nodes do not know is accepted once Protect knows its hash', async () => {
    await standIn.holdMining(true)
    try {
      const record = await sendTransferThroughStandIn({ devnet, standIn, store }, 15)
      expect(await checkRecordOutsideStorage(deps(), record, devAccount(15).address)).toEqual({
        ok: true,
        by: 'protect',
      })
    } finally {
      await standIn.holdMining(false)
    }
  })
})
