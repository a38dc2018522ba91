import {
  createPublicClient,
  custom,
  decodeFunctionData,
  encodeAbiParameters,
  encodeFunctionResult,
  type Hex,
  parseAbi,
} from 'viem'
import { mainnet } from 'viem/chains'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { inlineAvatar, lookupInlineEnsAvatar } from '../../../../src/core/ens/ens'

const universalResolver = parseAbi([
  'function resolveWithGateways(bytes name, bytes data, string[] gateways) view returns (bytes, address)',
])
const textResolver = parseAbi(['function text(bytes32 node, string key) view returns (string)'])
const png =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

/** A mainnet node whose universal resolver answers `avatar` with `record`; every request is kept. */
function mainnetAnswering(record: string) {
  const requests: { method: string; params?: unknown }[] = []
  const client = createPublicClient({
    chain: { ...mainnet, contracts: { multicall3: mainnet.contracts.multicall3 } },
    transport: custom({
      async request({ method, params }: { method: string; params?: unknown }) {
        requests.push({ method, params })
        if (method === 'eth_chainId') return '0x1'
        if (method !== 'eth_call') throw new Error(`unexpected ${method}`)
        const [{ data }] = params as [{ data: Hex }]
        const call = decodeFunctionData({ abi: universalResolver, data })
        expect(call.functionName).toBe('resolveWithGateways')
        const text = encodeFunctionResult({ abi: textResolver, functionName: 'text', result: record })
        return encodeAbiParameters(
          [{ type: 'bytes' }, { type: 'address' }],
          [text, '0x231b0Ee14048e9dCcD1d247744d114a4EB5E8E63'],
        )
      },
    }),
  })
  return { client, requests }
}

afterEach(() => vi.restoreAllMocks())

describe('ENS avatars: inline data: images only', () => {
  it('keeps a data: image and refuses every URL that would be fetched', () => {
    expect(inlineAvatar(png)).toBe(png)
    expect(inlineAvatar('data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"/>')).toMatch(/^data:/)
    for (const other of [
      'https://example.com/me.png',
      'ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi',
      'eip155:1/erc721:0xb47e3cd837dDF8e4c57F05d70Ab865de6e193BBB/1',
      'data:text/html,<script>alert(1)</script>',
      `data:image/png;base64,${'A'.repeat(300_000)}`,
      '',
      null,
      undefined,
    ])
      expect(inlineAvatar(other)).toBeNull()
  })

  it('reads the record through the app’s RPC only (no fetch), on mainnet without configured ENS contracts', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    const https = mainnetAnswering('https://example.com/me.png')
    expect(await lookupInlineEnsAvatar(https.client, 'alice.eth')).toBeNull()
    expect(https.requests.map((r) => r.method)).toEqual(['eth_call'])
    const inline = mainnetAnswering(png)
    expect(await lookupInlineEnsAvatar(inline.client, 'alice.eth')).toBe(png)
    expect(fetchSpy).not.toHaveBeenCalled()
  })
})
