import { describe, expect, it } from 'vitest'
import {
  emptyChainEndpointSettings,
  endpointEdits,
  resolveEndpoints,
  validateNewEndpoint,
} from '../../../../src/core/rpc/endpoints'
import { mainnetChain } from '../../../support/builders/config'

const chain = mainnetChain({
  rpc: [
    { url: 'https://a.example/v3/KEY', batch: true, label: 'A' },
    { url: 'https://b.example', batch: true },
    { url: 'https://rpc.flashbots.net/fast', batch: true },
  ],
})

describe('endpoint settings validation', () => {
  const existing = resolveEndpoints(chain, undefined)
  it.each([
    ['', 'Enter the endpoint URL.'],
    ['not a url', 'The URL is not a URL.'],
    ['ftp://x.example', 'The URL must start with https://.'],
    ['http://x.example', 'The URL http:// is allowed only for localhost.'],
    ['wss://x.example', 'The URL must start with https://.'],
    ['https://b.example', 'This endpoint is already in the list.'],
  ])('rejects %j', (url, message) => {
    expect(validateNewEndpoint({ url }, existing).url).toBe(message)
  })
  it('accepts https anywhere and http on localhost, with an optional label', () => {
    expect(validateNewEndpoint({ url: 'https://c.example/key' }, existing)).toEqual({})
    expect(validateNewEndpoint({ url: 'http://127.0.0.1:8545', label: 'Local' }, existing)).toEqual({})
    expect(validateNewEndpoint({ url: 'http://localhost:8545' }, existing)).toEqual({})
  })
  it('rejects long labels and control characters', () => {
    expect(
      validateNewEndpoint({ url: 'https://c.example', label: 'x'.repeat(65) }, existing).label,
    ).toBeDefined()
    expect(validateNewEndpoint({ url: 'https://c.example', label: 'a\u0007b' }, existing).label).toBeDefined()
  })
})

describe('resolving endpoints', () => {
  it('shows labels or hosts only, and never batches to Protect', () => {
    const list = resolveEndpoints(chain, undefined)
    expect(list.map((e) => e.name)).toEqual(['A', 'b.example', 'rpc.flashbots.net'])
    expect(list.map((e) => e.batch)).toEqual([true, true, false])
  })

  it('applies add, disable, reorder and remove, in that order of the user', () => {
    let s = emptyChainEndpointSettings
    s = endpointEdits.add(s, { url: 'https://c.example', label: ' Mine ' })
    let list = resolveEndpoints(chain, s)
    expect(list.map((e) => e.name)).toEqual(['A', 'b.example', 'rpc.flashbots.net', 'Mine'])
    expect(list[3]).toMatchObject({ source: 'user', batch: false })
    s = endpointEdits.move(s, list, 'https://c.example', -1)
    list = resolveEndpoints(chain, s)
    expect(list.map((e) => e.name)).toEqual(['A', 'b.example', 'Mine', 'rpc.flashbots.net'])
    s = endpointEdits.setEnabled(s, 'https://b.example', false)
    s = endpointEdits.remove(s, 'https://a.example/v3/KEY')
    list = resolveEndpoints(chain, s)
    expect(list.map((e) => [e.name, e.enabled])).toEqual([
      ['b.example', false],
      ['Mine', true],
      ['rpc.flashbots.net', true],
    ])
    s = endpointEdits.remove(s, 'https://c.example')
    expect(resolveEndpoints(chain, s).map((e) => e.name)).toEqual(['b.example', 'rpc.flashbots.net'])
    expect(resolveEndpoints(chain, endpointEdits.reset()).map((e) => e.name)).toEqual([
      'A',
      'b.example',
      'rpc.flashbots.net',
    ])
  })

  it('ignores stored endpoints with invalid URLs', () => {
    const list = resolveEndpoints(chain, {
      ...emptyChainEndpointSettings,
      added: [{ url: 'http://evil.example' }],
    })
    expect(list).toHaveLength(3)
  })
})
