import { createServer as createViteServer, type Plugin } from 'vite'
import { startProtectStandIn } from '../protect/standin'
import { devAccount, devPrivateKey } from './accounts'
import { freePort } from './anvil'
import { devnetAppConfig } from './app-config'
import { startDevnet } from './devnet'

/**
 * `npm start`: Anvil with the demo contracts, the app's dev server with a config.json for the devnet,
 * and instructions for MetaMask. Ctrl-C stops every child (no orphaned Anvil).
 */
const wantedRpcPort = Number(process.env.HUSH_RPC_PORT ?? 8545)
const wantedAppPort = Number(process.env.HUSH_APP_PORT ?? 5173)
const wantedProtectPort = Number(process.env.HUSH_PROTECT_PORT ?? 8546)
const blockTime = Number(process.env.HUSH_BLOCK_TIME ?? 2)

async function portOr(wanted: number): Promise<number> {
  if (wanted === 0) return await freePort()
  const { createServer } = await import('node:net')
  return await new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', async () => resolve(await freePort()))
    probe.listen(wanted, '127.0.0.1', () => probe.close(() => resolve(wanted)))
  })
}

const devnet = await startDevnet({ port: await portOr(wantedRpcPort), blockTime })
const stops: Array<() => Promise<void>> = [devnet.stop]
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

const configPlugin: Plugin = {
  name: 'hush-devnet-config',
  configureServer(server) {
    server.middlewares.use((req, res, next) => {
      if (req.url?.split('?')[0] !== '/config.json') return next()
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify(appConfig))
    })
  },
}

const vite = await createViteServer({
  configFile: 'vite.config.ts',
  plugins: [configPlugin],
  server: { host: '127.0.0.1', port: await portOr(wantedAppPort), strictPort: true },
  clearScreen: false,
})
await vite.listen()
stops.unshift(() => vite.close())
const appUrl = vite.resolvedUrls?.local[0] ?? `http://127.0.0.1:${vite.config.server.port}/`

const tokens = devnet.contracts.tokens.map(
  (t) => `    ${t.symbol.padEnd(5)} ${t.address}  (${t.decimals} decimals)`,
)
console.log(`
Hush devnet is running.

  App:        ${appUrl}
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
  4. To send privately, press "Protect this wallet" on the Send page (it adds ${protect.rpcUrl}fast
     as this network's RPC), or set that URL as the network's RPC URL by hand.

Press Ctrl-C to stop everything.
`)

let stopping = false
async function shutdown(code: number) {
  if (stopping) return
  stopping = true
  console.log('\nStopping the devnet…')
  for (const stop of stops) await stop().catch(() => undefined)
  process.exit(code)
}
process.on('SIGINT', () => void shutdown(0))
process.on('SIGTERM', () => void shutdown(0))
process.on('uncaughtException', (error) => {
  console.error(error)
  void shutdown(1)
})
