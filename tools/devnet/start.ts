import { resolve } from 'node:path'
import { build } from 'vite'
import { buildProtectUrl, defaultProtectSettings } from '../../src/core/protect/url'
import { startProtectStandIn } from '../protect/standin'
import { startStaticServer } from '../staticServer'
import { devAccount, devPrivateKey } from './accounts'
import { freePort } from './anvil'
import { devnetAppConfig } from './appConfig'
import { buildIsCurrent, sourceHash, writeBuildStamp } from './buildStamp'
import { startDevnet } from './devnet'

/**
 * `npm start`: Anvil with the demo contracts, the local Protect stand-in, and the PRODUCTION build (rebuilt
 * first when its sources changed) served like a static host with a config.json for the devnet; then the
 * MetaMask steps. SIGINT (Ctrl-C), SIGTERM and SIGHUP stop every part, the Anvil binary included.
 */
const root = process.cwd()
const outDir = process.env.HUSH_DIST ?? 'dist'
const wantedRpcPort = Number(process.env.HUSH_RPC_PORT ?? 8545)
const wantedAppPort = Number(process.env.HUSH_APP_PORT ?? 5173)
const wantedProtectPort = Number(process.env.HUSH_PROTECT_PORT ?? 8546)
const blockTime = Number(process.env.HUSH_BLOCK_TIME ?? 2)

const stops: Array<() => Promise<void>> = []
let stopping = false
async function shutdown(code: number) {
  if (stopping) return
  stopping = true
  console.log('\nStopping the devnet…')
  for (const stop of stops) await stop().catch(() => undefined)
  process.exit(code)
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0))
// A closed terminal or pipe must not turn every log line into another uncaught error (a busy loop).
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined)
process.on('uncaughtException', (error) => {
  if (stopping) return
  console.error(error)
  void shutdown(1)
})

async function portOr(wanted: number): Promise<number> {
  if (wanted === 0) return await freePort()
  const { createServer } = await import('node:net')
  return await new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', async () => resolve(await freePort()))
    probe.listen(wanted, '127.0.0.1', () => probe.close(() => resolve(wanted)))
  })
}

if (buildIsCurrent(root, outDir)) {
  console.log(`Serving the production build in ${outDir}/ (up to date with the sources).`)
} else {
  console.log(`Building the app into ${outDir}/ (the sources changed since the last build)…`)
  const hash = sourceHash(root)
  await build({ configFile: 'vite.config.ts', logLevel: 'warn', build: { outDir, emptyOutDir: true } })
  writeBuildStamp(root, outDir, hash)
}
if (stopping) await new Promise(() => undefined) // a signal arrived during the build: shutdown exits

const devnet = await startDevnet({ port: await portOr(wantedRpcPort), blockTime })
stops.unshift(devnet.stop)
// A local stand-in for Flashbots Protect in front of the devnet (production uses the real endpoints).
const protect = await startProtectStandIn({
  upstreamUrl: devnet.url,
  chainId: devnet.chainId,
  upstreamBlockTime: blockTime,
  port: await portOr(wantedProtectPort),
})
stops.unshift(protect.stop)

const appConfig = devnetAppConfig({
  chainId: devnet.chainId,
  rpcUrls: [devnet.url],
  contracts: devnet.contracts,
  protect: { rpcUrl: protect.rpcUrl, statusUrl: protect.statusUrl },
})
// The devnet's config.json wins over dist/config.json (the built-in defaults copied from public/).
const server = await startStaticServer({
  root: resolve(root, outDir),
  mounts: [{ prefix: '/', configJson: JSON.stringify(appConfig) }],
  port: await portOr(wantedAppPort),
})
stops.unshift(server.stop)
const appUrl = `${server.url}/`
// Exactly the URL the app's "Protect this wallet" sends to the wallet with the default Protect settings.
const walletProtectUrl = buildProtectUrl(protect.rpcUrl, defaultProtectSettings)

const tokens = devnet.contracts.tokens.map(
  (t) => `    ${t.symbol.padEnd(5)} ${t.address}  (${t.decimals} decimals)`,
)
console.log(`
Hush devnet is running.

  App:        ${appUrl}   (production build from ${outDir}/; npm run dev for the Vite dev server)
  RPC:        ${devnet.url}   (chain id ${devnet.chainId}, a block every ${blockTime} s)
  Protect:    ${protect.rpcUrl}   (local stand-in for Flashbots Protect; status API ${protect.statusUrl})
  Tokens:
${tokens.join('\n')}

Connect MetaMask:
  1. Settings → Networks → Add a network manually:
       Network name:    Hush Devnet
       New RPC URL:     ${devnet.url}
       Chain ID:        ${devnet.chainId}
       Currency symbol: ETH
  2. Import a dev account (Account menu → Add account → Import account), private key of dev account 1:
       ${devPrivateKey(1)}
     (address ${devAccount(1).address}; a public test key: never send real funds to it)
  3. Open ${appUrl} and press "Connect Wallet".
  4. To send privately, press "Protect this wallet" on the Send page: it asks MetaMask to use
       ${walletProtectUrl}
     as this network's RPC (with the default Protect settings), or set that URL as the network's RPC URL by hand.

Press Ctrl-C (or send SIGTERM) to stop everything.
`)
