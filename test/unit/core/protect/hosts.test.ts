import { describe, expect, it } from 'vitest'
import { isProtectHost } from '../../../../src/core/protect/hosts'
import { resolveEndpoints } from '../../../../src/core/rpc/endpoints'

describe('Protect URLs are matched by exact host (issue 22)', () => {
  it.each([
    ['https://rpc.flashbots.net', true],
    ['https://rpc.flashbots.net/fast?hint=hash', true],
    ['https://RPC.Flashbots.net/', true],
    ['https://rpc-sepolia.flashbots.net/', true],
    ['https://evilflashbots.net', false],
    ['https://rpc.flashbots.net.evil.example', false],
    ['https://notrpc.flashbots.net', false],
    ['https://flashbots.net', false],
    ['not a url', false],
  ])('%s → %s', (url, want) => {
    expect(isProtectHost(url)).toBe(want)
  })

  it('a read endpoint whose host merely ends in flashbots.net keeps batching', () => {
    const chain = {
      id: 1,
      name: 'Ethereum',
      nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      rpc: [
        { url: 'https://evilflashbots.net', batch: true },
        { url: 'https://rpc.flashbots.net', batch: true },
      ],
      protect: null,
    }
    expect(resolveEndpoints(chain, undefined).map((e) => e.batch)).toEqual([true, false])
  })
})
