import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { devnetAppConfig } from '../support/devnet/app-config'
import { startDevnet } from '../support/devnet/devnet'
import { startProtectStandIn } from '../support/protect/standin'
import { startStaticServer } from '../support/static-server'
import type { E2eEnv } from './env'

/** One devnet and one static server of the production build for every spec; torn down after the run. */
export default async function globalSetup() {
  // HUSH_DIST lets parallel runs each test their own build; npm test uses dist/.
  const root = join(process.cwd(), process.env.HUSH_DIST ?? 'dist')
  if (!existsSync(join(root, 'index.html')))
    throw new Error('dist/ is missing: run npm run build before the e2e suite')
  const devnet = await startDevnet({ blockTime: 1 })
  const protect = await startProtectStandIn({
    upstreamUrl: devnet.url,
    chainId: devnet.chainId,
    upstreamBlockTime: 1,
  })
  const config = devnetAppConfig({
    chainId: devnet.chainId,
    rpcUrls: [devnet.url],
    contracts: devnet.contracts,
    protect: { rpcUrl: protect.rpcUrl, statusUrl: protect.statusUrl },
  })
  const server = await startStaticServer({
    root,
    mounts: [
      { prefix: '/', configJson: JSON.stringify(config) },
      { prefix: '/deep/sub/path/', configJson: JSON.stringify(config) },
      // The same chain without a Protect endpoint (the header badge's "No Protect on this chain").
      {
        prefix: '/no-protect/',
        configJson: JSON.stringify({
          ...config,
          chains: config.chains.map((c) => ({ ...c, protect: null })),
        }),
      },
      { prefix: '/no-config/' },
      {
        prefix: '/bad-config/',
        configJson: JSON.stringify({
          ...config,
          chains: [{ ...config.chains[0], rpc: [{ url: 'ftp://bad.example' }] }],
        }),
      },
    ],
  })
  const env: E2eEnv = {
    appUrl: `${server.url}/`,
    serverUrl: server.url,
    rpcUrl: devnet.url,
    wsUrl: devnet.wsUrl,
    chainId: devnet.chainId,
    contracts: devnet.contracts,
    protectRpcUrl: protect.rpcUrl,
    protectStatusUrl: protect.statusUrl,
  }
  process.env.HUSH_E2E_ENV = JSON.stringify(env)
  return async () => {
    await server.stop()
    await protect.stop()
    await devnet.stop()
  }
}
