import { getAddress, maxUint256 } from 'viem'
import { describe, expect, it } from 'vitest'
import { proofDocument, proofFileName, proofText } from '../../../../src/core/proof/export'
import type { OutcomeCheck, Preview } from '../../../../src/core/proof/outcome'
import type { TxRecord } from '../../../../src/core/tx/records/records'

const me = getAddress('0x1000000000000000000000000000000000000001')
const bob = getAddress('0x2000000000000000000000000000000000000002')
const fee = getAddress('0x4000000000000000000000000000000000000004')
const hash = `0x${'ab'.repeat(32)}` as const
const chain = {
  id: 31337,
  name: 'Hush Devnet',
  nativeCurrency: { symbol: 'ETH', decimals: 18 },
  explorer: 'https://explorer.example/',
}
const tokens = [{ address: fee, symbol: 'FEE', decimals: 18, listed: true }]
const preview: Preview = {
  version: 1,
  method: 'simulated',
  at: Date.UTC(2026, 0, 2, 3, 4, 5),
  block: '41',
  endpoint: 'Local node 1',
  calls: 2,
  ok: true,
  maxGasFee: '420000000000000',
  sender: [{ asset: fee, amount: '-100000000000000000000' }],
  receives: [{ to: bob, asset: fee, amount: '99000000000000000000' }],
  approvals: [{ token: fee, spender: bob, amount: maxUint256.toString() }],
  gaps: [{ to: bob, asset: fee, asked: '100000000000000000000', receives: '99000000000000000000' }],
  tokens,
}
const outcome: OutcomeCheck = {
  sender: preview.sender,
  approvals: preview.approvals,
  gaps: preview.gaps,
  tokens,
  version: 1,
  at: Date.UTC(2026, 0, 2, 3, 4, 9),
  block: '42',
  blockTime: Date.UTC(2026, 0, 2, 3, 4, 8) / 1000,
  hashes: [hash],
  success: true,
  fee: '21000000000000',
  verdict: 'differs',
  receives: [{ to: bob, asset: fee, amount: '98000000000000000000' }],
  differences: [
    {
      kind: 'receives',
      asset: fee,
      who: bob,
      previewed: '99000000000000000000',
      actual: '98000000000000000000',
    },
  ],
  notes: [],
}
const record = {
  id: 'r1',
  kind: 'transfer',
  chainId: 31337,
  from: me,
  hash,
  nonce: 7,
  createdAt: Date.UTC(2026, 0, 2, 3, 4, 6),
  protected: true,
  status: 'INCLUDED',
  privacy: 'private',
  api: { answered: true },
  watch: { asked: ['Local node 1'], configured: 1 },
  log: [
    {
      source: 'status-api',
      text: 'PENDING, not seen in the public mempool',
      first: 1767323046000,
      last: 1767323047000,
      count: 2,
    },
    {
      source: 'watch',
      text: 'not seen',
      endpoint: 'Local node 1',
      block: 41,
      first: 1767323046500,
      last: 1767323046500,
      count: 1,
    },
  ],
  preview,
  outcome,
} as unknown as TxRecord

describe('a proof the user can keep', () => {
  it('JSON: chain, hash, block and time, every answer with times, the preview next to the outcome', () => {
    const doc = proofDocument(record, chain, [], Date.UTC(2026, 0, 3))
    expect(doc.chain).toEqual({ id: 31337, name: 'Hush Devnet' })
    expect(doc.transaction).toMatchObject({
      hashes: [hash],
      block: '42',
      blockTime: '2026-01-02T03:04:08.000Z',
      explorer: `https://explorer.example/tx/${hash}`,
    })
    expect(doc.privacy.text).toBe(
      'Private: Protect never saw it in the public mempool, and your read endpoint did not see it pending.',
    )
    expect(doc.privacy.log.map((e) => [e.source, e.first, e.last])).toEqual([
      ['status-api', '2026-01-02T03:04:06.000Z', '2026-01-02T03:04:07.000Z'],
      ['watch', '2026-01-02T03:04:06.500Z', '2026-01-02T03:04:06.500Z'],
    ])
    expect(doc.preview).toEqual(preview)
    expect(doc.outcome).toEqual(outcome)
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc)
  })

  it('text: every figure exact, the difference in words', () => {
    const text = proofText(record, chain, [], Date.UTC(2026, 0, 3))
    expect(text).toContain('Chain: Hush Devnet (id 31337)')
    expect(text).toContain(`Transaction: ${hash}`)
    expect(text).toContain('Status: Included in block 42 at 2026-01-02T03:04:08.000Z')
    expect(text).toContain('status-api: PENDING, not seen in the public mempool')
    expect(text).toContain('Simulated with eth_simulateV1 on Local node 1 at block 41')
    expect(text).toMatch(/Your FEE: −100 FEE/)
    expect(text).toContain(`Approval: ${bob} may spend an UNLIMITED amount of FEE from your account`)
    expect(text).toContain(`${bob} gets 99 FEE of the 100 FEE sent`)
    expect(text).toContain('Verdict: differs from the preview')
    expect(text).toContain(`- ${bob}: previewed +99 FEE, actually +98 FEE`)
    expect(text).toContain('Fees paid: 0.000021 ETH')
    expect(proofFileName(record, 'txt')).toBe('hush-proof-31337-0xababababab.txt')
  })

  it('a damaged preview on the record is left out, not shown', () => {
    const damaged = { ...record, preview: { ...preview, sender: 'x' } } as unknown as TxRecord
    expect(proofDocument(damaged, chain, [], 0).preview).toBeNull()
  })
})
