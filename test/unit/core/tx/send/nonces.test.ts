import { beforeEach, describe, expect, it } from 'vitest'
import type { TxRecord } from '../../../../../src/core/tx/records/records'
import { nextNonce } from '../../../../../src/core/tx/send/nonces'
import { sendThroughPipeline } from '../../../../../src/core/tx/send/pipeline'
import { memoryStorage } from '../../../../support/builders/memoryStorage'
import {
  ScriptedReader,
  ScriptedWallet,
  sender,
  tab,
  transferIntent,
} from '../../../../support/builders/pipeline'

beforeEach(() => {
  ;(globalThis as { localStorage?: unknown }).localStorage = memoryStorage()
})

const held = (id: string, nonce: number) => ({
  id,
  kind: 'transfer',
  chainId: 31337,
  from: sender,
  nonce,
  createdAt: 1,
  protected: true,
  status: 'PENDING',
  privacy: 'checking',
})

describe('nonces are bounded (issue 21)', () => {
  it('a stored record with an absurd nonce (another app on the origin) is not read, so it cannot push the next nonce', async () => {
    localStorage.setItem('test.activity', JSON.stringify([held('bad', 2 ** 40)]))
    const wallet = new ScriptedWallet()
    const deps = tab(wallet, new ScriptedReader())
    expect(deps.store.list()).toEqual([])
    expect((await sendThroughPipeline(deps, transferIntent())).kind).toBe('sent')
    expect(wallet.sends().map((s) => s.nonce)).toEqual([0])
  })

  it('a held nonce far above the chain’s count is not followed out of reach', () => {
    const records = [held('a', 3), held('far', 5_000_000)] as TxRecord[]
    expect(nextNonce(2, records, 31337, sender)).toBe(4)
  })
})
