import { describe, expect, it } from 'vitest'
import {
  decodeFlashRpcResult,
  detectProtection,
  flashRpcProbeAddress,
  isFlashRpcSelector,
} from '../../../../src/core/protect/detect'

const answering = (result: unknown) => async () => result
const failing = (error: unknown) => async () => {
  throw error
}

describe('detectProtection', () => {
  it('sends eth_call of isFlashRPC() to the probe address at latest', async () => {
    const seen: unknown[] = []
    await detectProtection(async (args) => {
      seen.push(args)
      return '0x'
    })
    expect(isFlashRpcSelector).toBe('0xb9dc7766')
    expect(seen).toEqual([
      { method: 'eth_call', params: [{ to: flashRpcProbeAddress, data: '0xb9dc7766' }, 'latest'] },
    ])
  })

  it('true (0x…01) is protected', async () => {
    expect(await detectProtection(answering(`0x${'0'.repeat(63)}1`))).toBe('protected')
  })

  it('empty, zero and false answers are not protected', async () => {
    for (const answer of ['0x', `0x${'0'.repeat(64)}`, '0x0', null])
      expect(await detectProtection(answering(answer))).toBe('not-protected')
  })

  it('a revert is a node that answered: not protected', async () => {
    expect(await detectProtection(failing({ code: 3, message: 'execution reverted' }))).toBe('not-protected')
    expect(await detectProtection(failing({ code: -32000, message: 'execution reverted: nope' }))).toBe(
      'not-protected',
    )
    expect(
      await detectProtection(failing({ message: 'wrapped', cause: { code: 3, message: 'reverted' } })),
    ).toBe('not-protected')
  })

  it('a transport failure or refusal is unknown, never "not protected"', async () => {
    expect(await detectProtection(failing(new TypeError('Failed to fetch')))).toBe('unknown')
    expect(await detectProtection(failing({ code: -32603, message: 'Internal JSON-RPC error.' }))).toBe(
      'unknown',
    )
    expect(await detectProtection(failing({ code: 4100, message: 'Unauthorized' }))).toBe('unknown')
    expect(await detectProtection(failing({ code: 429, message: 'Too many requests' }))).toBe('unknown')
  })

  it('a garbage answer is unknown', () => {
    expect(decodeFlashRpcResult('yes')).toBe('unknown')
    expect(decodeFlashRpcResult(1)).toBe('unknown')
    expect(decodeFlashRpcResult(`0x${'0'.repeat(62)}02`)).toBe('not-protected')
  })
})
