import type { Client } from 'viem'
import { describe, expect, it } from 'vitest'
import { classifyError } from '../../../../../src/core/errors/classify'
import type { EndpointSession } from '../../../../../src/core/rpc/session'
import {
  BadEvidence,
  type ChainReads,
  confirmReceipt,
  observeChain,
  readView,
} from '../../../../../src/core/tx/track/evidence'

const ours = `0x${'aa'.repeat(32)}` as const
const from = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const
const blockHash = `0x${'bb'.repeat(32)}`
const receipt = {
  transactionHash: ours,
  blockNumber: '0x9',
  blockHash,
  status: '0x1',
  gasUsed: '0x5208',
  effectiveGasPrice: '0x3b9aca00',
}

function session(
  id: string,
  answers: Record<string, unknown>,
  head = 10n,
): EndpointSession & { asked: string[] } {
  const asked: string[] = []
  return {
    endpointId: id,
    endpointName: `${id}.example`,
    asked,
    client: {} as Client,
    checkBlock: () => undefined,
    checkChain: () => undefined,
    head: async () => {
      asked.push('eth_blockNumber')
      return head
    },
    request: async ({ method }) => {
      asked.push(method)
      if (!(method in answers)) throw new Error(`unexpected ${method}`)
      return answers[method]
    },
  }
}

const record = { hash: ours, from, nonce: 4 }

describe('one endpoint, one block', () => {
  it('not mined: the count is read at the same head', async () => {
    const s = session('a', { eth_getTransactionByHash: null, eth_getTransactionCount: '0x5' })
    const v = await readView(s, record)
    expect(v).toEqual({ endpointId: 'a', endpointName: 'a.example', head: 10, tx: 'unknown', minedCount: 5 })
    expect(s.asked).toEqual(['eth_blockNumber', 'eth_getTransactionByHash', 'eth_getTransactionCount'])
  })

  it('pending in a public pool is reported (the watch costs no extra request)', async () => {
    const s = session('a', {
      eth_getTransactionByHash: { hash: ours, blockNumber: null },
      eth_getTransactionCount: '0x4',
    })
    expect((await readView(s, record)).tx).toBe('pending')
  })

  it('mined: the receipt, which must carry our hash', async () => {
    const s = session('a', {
      eth_getTransactionByHash: { hash: ours, blockNumber: '0x9' },
      eth_getTransactionReceipt: receipt,
    })
    const v = await readView(s, record)
    expect(v.receipt).toEqual({
      blockNumber: '9',
      blockHash,
      gasUsed: '21000',
      effectiveGasPrice: '1000000000',
      fee: '21000000000000',
      success: true,
    })
    const other = session('a', {
      eth_getTransactionByHash: { hash: ours, blockNumber: '0x9' },
      eth_getTransactionReceipt: { ...receipt, transactionHash: `0x${'cc'.repeat(32)}` },
    })
    const error = await readView(other, record).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BadEvidence)
    expect(classifyError(error).category).toBe('network')
    expect(classifyError(error).message).toMatch(/gave an unusable answer: the receipt is for 0xcccccccc…/)
  })

  it('mined but no receipt yet is inconclusive', async () => {
    const s = session('a', {
      eth_getTransactionByHash: { hash: ours, blockNumber: '0x9' },
      eth_getTransactionReceipt: null,
    })
    expect((await readView(s, record)).inconclusive).toBe('indexing')
  })

  it('refuses impossible answers: another transaction, a huge count, a count below a known included nonce', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [
        { eth_getTransactionByHash: { hash: `0x${'cc'.repeat(32)}`, blockNumber: null } },
        /another transaction/,
      ],
      [{ eth_getTransactionByHash: 'garbage' }, /unexpected shape/],
      [{ eth_getTransactionByHash: null, eth_getTransactionCount: '0x3b9aca01' }, /not a real count/],
      [{ eth_getTransactionByHash: null, eth_getTransactionCount: 'lots' }, /unexpected shape/],
      [{ eth_getTransactionByHash: null, eth_getTransactionCount: '0x3' }, /nonce 3 was included at block 8/],
    ]
    for (const [answers, message] of cases) {
      const error = await readView(session('a', answers), record, { known: [{ nonce: 3, block: 8 }] }).catch(
        (e: unknown) => e,
      )
      expect(error, String(message)).toBeInstanceOf(BadEvidence)
      expect((error as Error).message).toMatch(message)
    }
    // A known inclusion after this endpoint's head is no contradiction (it is simply behind).
    const behind = session('a', { eth_getTransactionByHash: null, eth_getTransactionCount: '0x3' })
    expect((await readView(behind, record, { known: [{ nonce: 3, block: 11 }] })).minedCount).toBe(3)
  })

  it('the head unchanged since the last complete look: only the head is read', async () => {
    const s = session('a', {})
    expect(await readView(s, record, { lastHead: 10 })).toMatchObject({ inconclusive: 'same-head' })
    expect(s.asked).toEqual(['eth_blockNumber'])
  })
})

function reads(
  sessions: Record<string, EndpointSession>,
  healthy = Object.keys(sessions),
): ChainReads & {
  reported: string[]
} {
  const reported: string[] = []
  return {
    reported,
    healthyEndpoints: () => healthy.map((id) => ({ id, name: `${id}.example` })),
    reportBadAnswer: (id) => void reported.push(id),
    withEndpoint: async (fn, options) => {
      const id = Object.keys(sessions).find(
        (k) => !options?.exclude?.includes(k) && (!options?.healthyOnly || healthy.includes(k)),
      )
      if (!id) throw new Error('fetch failed')
      const s = sessions[id] as EndpointSession
      return { value: await fn(s), endpointId: id, endpointName: s.endpointName }
    },
  }
}

describe('observeChain and the second opinion', () => {
  const minedAnswers = {
    eth_getTransactionByHash: { hash: ours, blockNumber: '0x9' },
    eth_getTransactionReceipt: receipt,
  }

  it('an endpoint with an impossible answer is left out, reported, and the next one asked', async () => {
    const r = reads({
      a: session('a', { eth_getTransactionByHash: { hash: `0x${'cc'.repeat(32)}`, blockNumber: null } }),
      b: session('b', minedAnswers),
    })
    const result = await observeChain(r, record)
    expect(result.ok && result.view.endpointId).toBe('b')
    expect(result.refused).toEqual([{ endpoint: 'a', message: expect.stringMatching(/unusable answer/) }])
    expect(r.reported).toEqual(['a'])
  })

  it('every endpoint failing is not ok: nothing to conclude', async () => {
    const result = await observeChain(reads({}), record)
    expect(result.ok).toBe(false)
  })

  it('confirms on a different healthy endpoint; one healthy endpoint is "single"', async () => {
    const first = await readView(session('a', minedAnswers), record)
    expect(
      await confirmReceipt(
        reads({ a: session('a', minedAnswers), b: session('b', minedAnswers) }),
        record,
        first,
      ),
    ).toEqual({
      kind: 'confirmed',
      endpoint: 'b.example',
    })
    expect(await confirmReceipt(reads({ a: session('a', minedAnswers) }), record, first)).toEqual({
      kind: 'single',
    })
    const elsewhere = session('b', {
      ...minedAnswers,
      eth_getTransactionReceipt: { ...receipt, blockHash: `0x${'dd'.repeat(32)}` },
    })
    expect(
      await confirmReceipt(reads({ a: session('a', minedAnswers), b: elsewhere }), record, first),
    ).toMatchObject({
      kind: 'disagrees',
    })
    const notYet = session('b', { eth_getTransactionByHash: null })
    expect(await confirmReceipt(reads({ a: session('a', minedAnswers), b: notYet }), record, first)).toEqual({
      kind: 'not-yet',
      endpoint: 'b.example',
    })
  })
})
