import { describe, expect, it } from 'vitest'
import { maskUrl, maskUrlsInText, sanitizeError } from '../../../../src/core/errors/mask'

describe('maskUrl', () => {
  it('keeps only the host and port', () => {
    expect(maskUrl('https://eth-mainnet.g.alchemy.com/v2/abcdefSECRET')).toBe('eth-mainnet.g.alchemy.com')
    expect(maskUrl('https://rpc.example.org/?apikey=SECRET#x')).toBe('rpc.example.org')
    expect(maskUrl('http://127.0.0.1:8545')).toBe('127.0.0.1:8545')
    expect(maskUrl('wss://user:pass@node.example.com/ws/SECRET')).toBe('node.example.com')
  })
  it('never echoes something that is not a URL', () => {
    expect(maskUrl('not a url SECRET')).toBe('unknown host')
    expect(maskUrl('SECRETKEY0123')).toBe('unknown host')
    expect(maskUrl('node.example.com:8545')).toBe('node.example.com:8545')
  })
  it('masks every URL in free text', () => {
    expect(maskUrlsInText('a https://x.io/k/SECRET b wss://y.io/SECRET?x=1, c')).toBe('a x.io b y.io, c')
    expect(maskUrlsInText('URL: https://x.io/v3/SECRET\nnext')).toBe('URL: x.io\nnext')
  })
})

describe('sanitizeError', () => {
  it('masks URLs in a viem error and its causes, in place', async () => {
    const { HttpRequestError, TimeoutError } = await import('viem')
    const url = 'https://eth-mainnet.g.alchemy.com/v2/SECRETKEY'
    const error = new HttpRequestError({
      url,
      details: 'fetch failed',
      cause: new TimeoutError({ body: {}, url }),
    })
    const same = sanitizeError(error)
    expect(same).toBe(error)
    const everything = JSON.stringify({
      m: error.message,
      u: error.url,
      s: error.stack,
      c: (error.cause as Error).message,
      cs: (error.cause as Error).stack,
      meta: error.metaMessages,
    })
    expect(everything).not.toContain('SECRETKEY')
    expect(error.url).toBe('eth-mainnet.g.alchemy.com')
    expect(error.message).toContain('URL: eth-mainnet.g.alchemy.com')
  })
})
