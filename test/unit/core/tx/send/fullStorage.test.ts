import { beforeEach, describe, expect, it } from 'vitest'
import { RecordStore } from '../../../../../src/core/tx/records/records'
import { sendThroughPipeline } from '../../../../../src/core/tx/send/pipeline'
import { memoryStorage } from '../../../../support/builders/memoryStorage'
import {
  ScriptedReader,
  ScriptedWallet,
  sender,
  tab,
  transferIntent,
} from '../../../../support/builders/pipeline'

let wallet: ScriptedWallet
let reader: ScriptedReader
beforeEach(() => {
  wallet = new ScriptedWallet()
  reader = new ScriptedReader()
})

const oldRecord = (i: number) => ({
  id: `old-${i}`,
  kind: 'transfer',
  chainId: 31337,
  from: sender,
  hash: `0x${i.toString(16).padStart(64, '0')}`,
  nonce: i,
  createdAt: 1_000 + i,
  protected: true,
  status: 'INCLUDED',
  privacy: 'private',
})

describe('full storage stops the send (issue 21)', () => {
  it('with no room even after trimming: refused at the Send button, nothing goes to the wallet, nothing half-kept', async () => {
    const storage = memoryStorage({ quota: 4_000 })
    ;(globalThis as { localStorage?: unknown }).localStorage = storage
    storage.setItem('another.app', 'x'.repeat(3_900))
    const deps = tab(wallet, reader)
    const result = await sendThroughPipeline(deps, transferIntent())
    expect(result.kind).toBe('refused')
    expect(result.kind === 'refused' && result.message).toMatch(/^Nothing was sent: Hush could not store/)
    expect(wallet.sends()).toEqual([])
    expect(deps.store.list()).toEqual([])
  })

  it('makes room by trimming its own oldest final records, then stores the intent before asking the wallet', async () => {
    const storage = memoryStorage({ quota: 6_000 })
    ;(globalThis as { localStorage?: unknown }).localStorage = storage
    const old = Array.from({ length: 40 }, (_, i) => oldRecord(i))
    let fit = old.length
    while (JSON.stringify(old.slice(0, fit)).length + 'test.activity'.length > 5_900) fit--
    storage.setItem('test.activity', JSON.stringify(old.slice(0, fit)))
    wallet.onSend = () => {
      // Asked only once the intent is in storage: a reload (a new store) finds it.
      expect(new RecordStore('test.activity').list().some((r) => r.status === 'AWAITING_WALLET')).toBe(true)
    }
    const deps = tab(wallet, reader)
    reader.pending = fit
    const result = await sendThroughPipeline(deps, transferIntent())
    expect(result.kind).toBe('sent')
    const reloaded = new RecordStore('test.activity').list()
    expect(reloaded[0]).toMatchObject({ status: 'PENDING', nonce: fit })
    expect(reloaded.some((r) => r.id === 'old-0')).toBe(false)
    expect(reloaded.some((r) => r.id === `old-${fit - 1}`)).toBe(true)
  })
})
