import { join } from 'node:path'
import { type DevnetAppConfigInput, devnetAppConfig } from '../../tools/devnet/appConfig'
import { startDevnet } from '../../tools/devnet/devnet'
import { startProtectStandIn } from '../../tools/protect/standin'
import { type Mount, type StaticServer, startStaticServer } from '../../tools/staticServer'
import type { E2eEnv } from './env'

/** The production build under test: HUSH_DIST lets parallel runs each test their own build; npm test uses dist/. */
export const buildRoot = (): string => join(process.cwd(), process.env.HUSH_DIST ?? 'dist')

/**
 * The production build served with a config.json of its own over the shared devnet (`env`): its contracts, read
 * through `chain.rpcUrls` (fault proxies, say), with the Protect stand-in only when `chain.protect` is set.
 */
export function serveApp(
  env: E2eEnv,
  chain: Omit<DevnetAppConfigInput, 'chainId' | 'contracts' | 'protect'> &
    Partial<Pick<DevnetAppConfigInput, 'contracts'>> & { protect?: boolean },
): Promise<StaticServer> {
  const config = devnetAppConfig({
    chainId: env.chainId,
    rpcUrls: chain.rpcUrls,
    wsUrls: chain.wsUrls,
    contracts: chain.contracts ?? env.contracts,
    protect: chain.protect ? { rpcUrl: env.protectRpcUrl, statusUrl: env.protectStatusUrl } : undefined,
  })
  return startStaticServer({
    root: buildRoot(),
    mounts: [{ prefix: '/', configJson: JSON.stringify(config) }],
  })
}

export type E2eStack = { env: E2eEnv; stop: () => Promise<void> }
type AppConfig = ReturnType<typeof devnetAppConfig>

/**
 * A devnet (1 s blocks), the Protect stand-in in front of it and a static server of the production build: the
 * suite's shared one (globalSetup.ts), or a test's own when it changes what every test on the chain sees (stops
 * mining, moves a price feed) and so must not share the chain with tests running in the other worker.
 */
export async function startE2eStack(
  mounts: (config: AppConfig) => Mount[] = (config) => [{ prefix: '/', configJson: JSON.stringify(config) }],
): Promise<E2eStack> {
  const root = buildRoot()
  const devnet = await startDevnet({ blockTime: 1 })
  const protect = await startProtectStandIn({
    upstreamUrl: devnet.url,
    chainId: devnet.chainId,
    upstreamBlockTime: 1,
  }).catch(async (error) => {
    await devnet.stop()
    throw error
  })
  const config = devnetAppConfig({
    chainId: devnet.chainId,
    rpcUrls: [devnet.url],
    contracts: devnet.contracts,
    protect: { rpcUrl: protect.rpcUrl, statusUrl: protect.statusUrl },
  })
  const server = await startStaticServer({ root, mounts: mounts(config) }).catch(async (error) => {
    await protect.stop()
    await devnet.stop()
    throw error
  })
  return {
    env: {
      appUrl: `${server.url}/`,
      serverUrl: server.url,
      rpcUrl: devnet.url,
      wsUrl: devnet.wsUrl,
      chainId: devnet.chainId,
      contracts: devnet.contracts,
      protectRpcUrl: protect.rpcUrl,
      protectStatusUrl: protect.statusUrl,
    },
    stop: async () => {
      await server.stop()
      await protect.stop()
      await devnet.stop()
    },
  }
}
