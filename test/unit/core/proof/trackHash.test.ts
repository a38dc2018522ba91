import type { Hex, Transaction } from 'viem'
import { describe, expect, it } from 'vitest'
import { lookUpTransaction, parseTxHash, trackedRecord } from '../../../../src/core/proof/trackHash'
import type { EndpointSession } from '../../../../src/core/rpc/pool'
import { txRecordSchema } from '../../../../src/core/tx/records/records'

const hash = `0x${'ab'.repeat(32)}` as Hex
const sender = '0x1111111111111111111111111111111111111111'
const to = '0x2222222222222222222222222222222222222222'

describe('parseTxHash', () => {
  it('accepts a hash with or without 0x, in any case, and from an explorer link', () => {
    expect(parseTxHash(`  ${hash.toUpperCase().replace('0X', '0x')} `)).toEqual({ ok: true, hash })
    expect(parseTxHash(hash.slice(2))).toEqual({ ok: true, hash })
    expect(parseTxHash(`https://etherscan.io/tx/${hash}?tab=logs`)).toEqual({ ok: true, hash })
  })

  it('says what is wrong with everything else', () => {
    expect(parseTxHash('')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Paste a transaction hash/),
    })
    expect(parseTxHash(sender)).toMatchObject({ ok: false, message: expect.stringMatching(/address, not a/) })
    expect(parseTxHash(`0x${'zz'.repeat(32)}`)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/only the characters 0–9 and a–f/),
    })
    expect(parseTxHash('0xabc')).toMatchObject({ ok: false, message: expect.stringMatching(/this has 3\./) })
  })
})

type Answer = Transaction | 'not-found' | 'fail'
function fakePool(answers: Record<string, Answer>) {
  const asked: string[] = []
  return {
    asked,
    pool: {
      endpoints: () => Object.keys(answers).map((id) => ({ id, enabled: true })) as never,
      withEndpoint: async <T>(fn: (s: EndpointSession) => Promise<T>, options?: { exclude?: string[] }) => {
        const id = Object.keys(answers).find((k) => !options?.exclude?.includes(k) && answers[k] !== 'fail')
        if (!id) throw new Error('fetch failed')
        asked.push(id)
        const answer = answers[id]
        const client = {
          request: async () => {
            if (answer === 'not-found') return null
            return answer
          },
        }
        const value = await fn({ client, endpointName: `node ${id}` } as unknown as EndpointSession)
        return { value, endpointId: id, endpointName: `node ${id}` }
      },
    },
  }
}

const rpcTx = {
  hash,
  from: sender,
  to,
  nonce: '0x7',
  value: '0x5',
  input: '0x',
  gas: '0x5208',
  type: '0x2',
  maxFeePerGas: '0x1',
  maxPriorityFeePerGas: '0x1',
  chainId: '0x1',
  blockHash: null,
  blockNumber: null,
  transactionIndex: null,
  v: '0x0',
  r: '0x1',
  s: '0x1',
  yParity: '0x0',
  accessList: [],
} as unknown as Transaction

describe('lookUpTransaction', () => {
  it('asks the next endpoint when one does not know the hash', async () => {
    const { pool, asked } = fakePool({ a: 'not-found', b: rpcTx })
    const found = await lookUpTransaction(pool, hash)
    expect(asked).toEqual(['a', 'b'])
    expect(found).toMatchObject({ found: true, endpointName: 'node b', tx: { nonce: 7, value: 5n } })
  })

  it('says "not found" only after every endpoint that answered said so', async () => {
    const { pool, asked } = fakePool({ a: 'not-found', b: 'not-found' })
    expect(await lookUpTransaction(pool, hash)).toEqual({ found: false, asked: 2 })
    expect(asked).toEqual(['a', 'b'])
  })

  it('a read failure before any answer throws: it concludes nothing about the hash', async () => {
    const { pool } = fakePool({ a: 'fail', b: 'fail' })
    await expect(lookUpTransaction(pool, hash)).rejects.toThrow(/fetch failed/)
  })
})

describe('trackedRecord', () => {
  const tx = {
    ...rpcTx,
    from: sender,
    to,
    nonce: 7,
    value: 5n,
    input: '0xa9059cbb',
  } as unknown as Transaction

  it('builds a valid record from the chain: sender, nonce, call; checked for privacy on a Protect chain', () => {
    const record = trackedRecord({ id: 'r1', chainId: 1, tx, chainHasProtect: true, now: 1000 })
    expect(txRecordSchema.parse(record)).toMatchObject({
      kind: 'tracked',
      hash,
      nonce: 7,
      from: sender,
      to,
      call: { to, value: '5', data: '0xa9059cbb' },
      protected: true,
      status: 'PENDING',
      privacy: 'checking',
    })
  })

  it('is "unprotected" on a chain without Protect and drops very large calldata', () => {
    const big = { ...tx, input: `0x${'00'.repeat(5000)}` } as Transaction
    const record = trackedRecord({ id: 'r2', chainId: 31337, tx: big, chainHasProtect: false, now: 1 })
    expect(record.privacy).toBe('unprotected')
    expect((record as { call?: { data?: string } }).call?.data).toBeUndefined()
  })
})
