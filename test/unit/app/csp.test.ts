import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { configOrigins, cspHeader, metaConnectSrc, securityHeaders } from '../../../tools/csp/csp'
import { localRuntimeConfig } from '../../support/builders/config'

const root = join(import.meta.dirname, '../../..')
const html = readFileSync(join(root, 'index.html'), 'utf8')
const metaPolicy = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)?.[1] ?? ''
const directives = new Map(
  metaPolicy.split(';').map((d) => {
    const [name = '', ...values] = d.trim().split(/\s+/)
    return [name, values] as const
  }),
)

describe('Content-Security-Policy', () => {
  it('index.html allows no inline script, no eval and no third-party scripts, fonts or frames', () => {
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('default-src')).toEqual(["'self'"])
    expect(directives.get('font-src')).toEqual(["'self'"])
    expect(directives.get('frame-src')).toEqual(["'none'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(metaPolicy).not.toContain('unsafe-eval')
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/) // no inline <script> blocks
  })

  it("index.html's connect-src is the documented default (what the config schema accepts)", () => {
    expect(directives.get('connect-src')).toEqual(metaConnectSrc)
  })

  it('sets a referrer policy that sends nothing', () => {
    expect(html).toContain('<meta name="referrer" content="no-referrer" />')
  })

  it('the deployer header lists exactly the endpoints of config.json', () => {
    const config = localRuntimeConfig({
      rpc: [{ url: 'https://rpc.example.org/v1/key' }, { url: 'http://127.0.0.1:8545' }],
      ws: ['wss://ws.example.org/socket'],
      protect: { rpcUrl: 'https://protect.example.net/fast', statusUrl: 'https://status.example.net/tx/' },
    })
    expect(configOrigins(config)).toEqual([
      'http://127.0.0.1:8545',
      'https://protect.example.net',
      'https://rpc.example.org',
      'https://status.example.net',
      'wss://ws.example.org',
    ])
    const header = cspHeader(config)
    expect(header).toContain(
      "connect-src 'self' http://127.0.0.1:8545 https://protect.example.net https://rpc.example.org https://status.example.net wss://ws.example.org;",
    )
    expect(header).toContain("frame-ancestors 'none'")
    expect(cspHeader(config, { allowUserEndpoints: true })).toContain('wss://ws.example.org https: wss:;')
    // npm run csp also prints the framing and opener headers a meta tag cannot set.
    const headers = securityHeaders(config)
    expect(headers[0]).toBe(`Content-Security-Policy: ${cspHeader(config)}`)
    expect(headers.slice(1)).toEqual(['X-Frame-Options: DENY', 'Cross-Origin-Opener-Policy: same-origin'])
  })
})
