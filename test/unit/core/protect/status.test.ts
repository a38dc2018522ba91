import { describe, expect, it } from 'vitest'
import { fetchProtectStatus, protectStatusUrl, simErrorMessage } from '../../../../src/core/protect/status'

const hash = `0x${'ab'.repeat(32)}` as const
const documented = {
  status: 'PENDING',
  hash,
  maxBlockNumber: 13543898,
  transaction: {
    from: '',
    to: '',
    gasLimit: '',
    maxFeePerGas: '',
    maxPriorityFeePerGas: '',
    nonce: '',
    value: '',
  },
  fastMode: true,
  seenInMempool: false,
  simError: '',
  revertReason: '',
  isRevert: false,
}

const answer =
  (body: string, status = 200) =>
  async () => ({ ok: status >= 200 && status < 300, status, text: async () => body })

describe('fetchProtectStatus', () => {
  it('asks <base>/<hash> with or without a trailing slash', async () => {
    expect(protectStatusUrl('https://protect.flashbots.net/tx/', hash)).toBe(
      `https://protect.flashbots.net/tx/${hash}`,
    )
    expect(protectStatusUrl('https://protect.flashbots.net/tx', hash)).toBe(
      `https://protect.flashbots.net/tx/${hash}`,
    )
    const asked: string[] = []
    await fetchProtectStatus('http://127.0.0.1:1/tx/', hash, async (url) => {
      asked.push(url)
      return { ok: true, status: 200, text: async () => JSON.stringify(documented) }
    })
    expect(asked).toEqual([`http://127.0.0.1:1/tx/${hash}`])
  })

  it('parses the documented shape', async () => {
    const result = await fetchProtectStatus('https://p/tx/', hash, answer(JSON.stringify(documented)))
    expect(result.kind).toBe('ok')
    if (result.kind !== 'ok') return
    expect(result.status.status).toBe('PENDING')
    expect(result.status.maxBlockNumber).toBe(13543898)
    expect(result.status.seenInMempool).toBe(false)
  })

  it('each documented status maps through; missing optional fields get neutral defaults', async () => {
    for (const status of ['PENDING', 'INCLUDED', 'FAILED', 'CANCELLED', 'UNKNOWN']) {
      const result = await fetchProtectStatus('https://p/tx/', hash, answer(JSON.stringify({ status, hash })))
      expect(result).toMatchObject({ kind: 'ok', status: { status, seenInMempool: false, simError: '' } })
    }
  })

  it('privacy lost and simulation errors come through', async () => {
    const body = JSON.stringify({ ...documented, seenInMempool: true, simError: 'SimErrorNonceTooLow' })
    const result = await fetchProtectStatus('https://p/tx/', hash, answer(body))
    expect(result).toMatchObject({
      kind: 'ok',
      status: { seenInMempool: true, simError: 'SimErrorNonceTooLow' },
    })
  })

  it('network/CORS failure, HTTP errors, non-JSON and bad shapes are "unavailable", never a tx failure', async () => {
    const cases = [
      async () => {
        throw new TypeError('Failed to fetch')
      },
      answer('rate limited', 429),
      answer('<html>oops</html>', 502),
      answer('<html>not json</html>'),
      answer(JSON.stringify({ status: 'WEIRD', hash })),
      answer(JSON.stringify({ ...documented, hash: `0x${'cd'.repeat(32)}` })),
      answer(JSON.stringify([])),
    ]
    for (const fetchFn of cases) {
      const result = await fetchProtectStatus('https://protect.example/tx/', hash, fetchFn)
      expect(result.kind).toBe('unavailable')
      if (result.kind === 'unavailable') expect(result.reason).toContain('protect.example')
    }
  })

  it('a timeout is unavailable', async () => {
    const never = (_url: string, init?: { signal?: AbortSignal }) =>
      new Promise<never>((_, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      )
    const result = await fetchProtectStatus('https://p/tx/', hash, never, 20)
    expect(result).toEqual({ kind: 'unavailable', reason: 'p did not answer in time' })
  })
})

describe('simErrorMessage', () => {
  it('understands names with and without the SimError prefix', () => {
    expect(simErrorMessage('SimErrorMaxFeePerGasTooLow')).toMatch(/base fee/)
    expect(simErrorMessage('NonceTooLow')).toMatch(/already used/)
    expect(simErrorMessage('')).toBeUndefined()
    expect(simErrorMessage('SomethingNew')).toBe('simulation failed (SomethingNew)')
  })
})
