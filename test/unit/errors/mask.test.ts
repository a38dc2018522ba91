import { describe, expect, it } from 'vitest'
import { maskUrl, maskUrlsInText } from '../../../src/core/errors/mask'

describe('maskUrl', () => {
  it('keeps only the host and port', () => {
    expect(maskUrl('https://eth-mainnet.g.alchemy.com/v2/abcdefSECRET')).toBe('eth-mainnet.g.alchemy.com')
    expect(maskUrl('https://rpc.example.org/?apikey=SECRET#x')).toBe('rpc.example.org')
    expect(maskUrl('http://127.0.0.1:8545')).toBe('127.0.0.1:8545')
    expect(maskUrl('wss://user:pass@node.example.com/ws/SECRET')).toBe('node.example.com')
  })
  it('never echoes something that is not a URL', () => {
    expect(maskUrl('not a url SECRET')).toBe('unknown host')
  })
  it('masks every URL in free text', () => {
    expect(maskUrlsInText('a https://x.io/k/SECRET b wss://y.io/SECRET?x=1, c')).toBe('a x.io b y.io, c')
    expect(maskUrlsInText('URL: https://x.io/v3/SECRET\nnext')).toBe('URL: x.io\nnext')
  })
})
