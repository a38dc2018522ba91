import { describe, expect, it } from 'vitest'
import { storageNotices } from '../../../../../src/core/storage/stored'
import { RecordStore } from '../../../../../src/core/tx/records/records'
import { sendThroughPipeline } from '../../../../../src/core/tx/send/pipeline'
import { type ResolveDeps, resolveIntent } from '../../../../../src/core/tx/track/intents'
import { recipient, sender, tab, tabPerTest, transferIntent } from '../../../../support/builders/pipeline'

const t = tabPerTest()

/** A record another app on the origin writes into Hush's list: Hush's shape, for our account, at `nonce`. */
function storeOtherAppsRecord(nonce: number, status = 'AWAITING_WALLET') {
  const record = {
    id: `foreign-${nonce}`,
    kind: 'transfer',
    chainId: 31337,
    from: sender,
    nonce,
    call: { to: recipient, value: '1000' },
    createdAt: Date.now(),
    protected: true,
    status,
    privacy: 'checking',
    intentBlock: 0,
  }
  localStorage.setItem('test.activity', JSON.stringify([record]))
  return record.id
}

const storedItems = () =>
  JSON.parse(localStorage.getItem('test.activity') ?? '[]') as Record<string, unknown>[]

/** Another app's record at `nonce`, and one look at it by tracking (the chain's count is the reader's). */
async function lookOnce(nonce: number) {
  const id = storeOtherAppsRecord(nonce)
  const deps = tab(t.wallet, t.reader)
  expect(deps.store.get(id)).toMatchObject({ status: 'AWAITING_WALLET' })
  const resolve: ResolveDeps = {
    reader: t.reader as never,
    store: deps.store,
    accountBusy: async () => false,
  }
  return { id, deps, after: await resolveIntent(resolve, id) }
}

describe('a record Hush could never have asked for (issue 21, "Nonces are bounded")', () => {
  it('is left out of Activity once the chain shows its nonce out of reach, kept in storage, and said so', async () => {
    const { id, deps } = await lookOnce(1000)
    expect(deps.store.list().map((r) => r.id)).not.toContain(id)
    // A reload (another tab, the next visit) does not show it either, and does not follow it.
    expect(new RecordStore('test.activity').list()).toEqual([])
    // Not Hush's to delete: it stays in storage, closed, with the reason.
    expect(storedItems()).toEqual([
      expect.objectContaining({
        id,
        status: 'NOT_SENT',
        notHush: expect.stringMatching(/Nonce 1000 is out of reach/),
      }),
    ])
    expect(storageNotices().some((n) => /not written by Hush/.test(n.reason))).toBe(true)
    // The next send takes the account's own next nonce.
    t.reader.pending = 2
    t.reader.mined = 2
    const sent = await sendThroughPipeline(deps, transferIntent())
    expect(sent.kind).toBe('sent')
    expect(t.wallet.sends().map((s) => s.nonce)).toEqual([2])
  })

  it('a nonce within reach (a busy tab may hold that many) stays open: only the chain can settle it', async () => {
    const { id, deps, after } = await lookOnce(300)
    expect(after).toMatchObject({ status: 'AWAITING_WALLET' })
    expect(deps.store.list().map((r) => r.id)).toEqual([id])
  })

  it('a failed count read concludes nothing: the record stays as it is', async () => {
    t.reader.fail = true
    const { id, deps, after } = await lookOnce(1000)
    expect(after).toMatchObject({ status: 'AWAITING_WALLET' })
    expect(deps.store.list().map((r) => r.id)).toEqual([id])
  })

  it('is never sent again: the wallet is not asked for a nonce out of reach', async () => {
    const id = storeOtherAppsRecord(1000, 'NOT_SENT')
    const deps = tab(t.wallet, t.reader)
    const result = await sendThroughPipeline(
      deps,
      transferIntent({ reuse: { recordId: id, mode: 'resend' } }),
    )
    expect(result).toMatchObject({ kind: 'refused', message: expect.stringMatching(/out of reach/) })
    expect(t.wallet.sends()).toEqual([])
  })
})
