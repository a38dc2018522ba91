import { afterEach, describe, expect, it, vi } from 'vitest'
import { askBatchPath, capabilityTimeoutMs } from '../../../../src/core/batch/path'

const account = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'

afterEach(() => {
  vi.useRealTimers()
})

describe('the capability check decides within 2 s', () => {
  it.each([
    [
      '4200 (unsupported method)',
      { code: 4200, message: 'The Provider does not support the requested method.' },
    ],
    ['-32601 (method not found)', { code: -32601, message: 'Method not found' }],
    [
      '4100 (unauthorized)',
      { code: 4100, message: 'The requested account and/or method has not been authorized.' },
    ],
    ['any other error', new Error('boom')],
  ])('%s → the labelled one-by-one path at once', async (_, error) => {
    const path = await askBatchPath(() => Promise.reject(error), account, 31337)
    expect(path).toMatchObject({ kind: 'sequential', reason: expect.stringContaining('atomic batches') })
  })

  it('no answer → one by one once the 2 s are up, not later', async () => {
    vi.useFakeTimers()
    let settled = false
    const asked = askBatchPath(() => new Promise(() => {}), account, 31337).then((p) => {
      settled = true
      return p
    })
    await vi.advanceTimersByTimeAsync(capabilityTimeoutMs - 1)
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(await asked).toMatchObject({ kind: 'sequential', reason: expect.stringContaining('within 2 s') })
    expect(capabilityTimeoutMs).toBe(2_000)
  })

  it('atomic only when the wallet says so for this chain (hex or decimal key)', async () => {
    const ask = (answer: unknown) => askBatchPath(() => Promise.resolve(answer), account, 10)
    expect(await ask({ '0xa': { atomic: { status: 'supported' } } })).toEqual({
      kind: 'atomic',
      status: 'supported',
    })
    expect(await ask({ '10': { atomic: { status: 'ready' } } })).toEqual({ kind: 'atomic', status: 'ready' })
    expect(await ask({ '0x1': { atomic: { status: 'supported' } } })).toMatchObject({ kind: 'sequential' })
    expect(await ask({ '0xa': { atomic: { status: 'unsupported' } } })).toMatchObject({ kind: 'sequential' })
    expect(await ask(null)).toMatchObject({ kind: 'sequential' })
  })

  it('asks with the account and the chain as hex', async () => {
    const wallet = vi.fn(() => Promise.resolve({}))
    await askBatchPath(wallet, account, 31337)
    expect(wallet).toHaveBeenCalledWith({ method: 'wallet_getCapabilities', params: [account, ['0x7a69']] })
  })
})
