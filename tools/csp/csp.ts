import type { RuntimeConfig } from '../../src/core/config/schema'

/** The policy index.html ships as a meta tag: any https:/wss: endpoint, http:/ws: on localhost only. */
export const metaConnectSrc = [
  "'self'",
  'https:',
  'wss:',
  'http://localhost:*',
  'http://127.0.0.1:*',
  'ws://localhost:*',
  'ws://127.0.0.1:*',
]

/** Origins of every endpoint a runtime config can make the app connect to (RPC, WebSocket, Protect). */
export function configOrigins(config: RuntimeConfig): string[] {
  const urls = config.chains.flatMap((c) => [
    ...c.rpc.map((r) => r.url),
    ...(c.ws ?? []),
    ...(c.protect ? [c.protect.rpcUrl, c.protect.statusUrl] : []),
  ])
  return [...new Set(urls.map((u) => new URL(u).origin))].sort()
}

/**
 * A Content-Security-Policy header for a deployment: the meta policy of index.html with `connect-src`
 * narrowed to the config's endpoints. `allowUserEndpoints` keeps `https: wss:` so endpoints users add in
 * Settings still work.
 */
export function cspHeader(config: RuntimeConfig, options: { allowUserEndpoints?: boolean } = {}): string {
  const connect = [
    "'self'",
    ...configOrigins(config),
    ...(options.allowUserEndpoints ? ['https:', 'wss:'] : []),
  ]
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/**
 * Every header a deployment should send: the CSP (its `frame-ancestors 'none'` is what really stops framing; a
 * meta tag cannot), `X-Frame-Options` for browsers without frame-ancestors, and COOP so no other window keeps a
 * handle on Hush's (Hush opens no popups that need one).
 */
export function securityHeaders(
  config: RuntimeConfig,
  options: { allowUserEndpoints?: boolean } = {},
): string[] {
  return [
    `Content-Security-Policy: ${cspHeader(config, options)}`,
    'X-Frame-Options: DENY',
    'Cross-Origin-Opener-Policy: same-origin',
  ]
}
