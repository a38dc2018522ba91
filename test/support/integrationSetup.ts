import type { TestProject } from 'vitest/node'
import { type Devnet, startDevnet } from '../../tools/devnet/devnet'

declare module 'vitest' {
  export interface ProvidedContext {
    devnet: { url: string; wsUrl: string; chainId: number; contracts: Devnet['contracts'] }
  }
}

/** One Anvil for the whole integration run, on a free port, always stopped. Tests isolate with snapshots. */
export default async function setup(project: TestProject) {
  const devnet = await startDevnet()
  project.provide('devnet', {
    url: devnet.url,
    wsUrl: devnet.wsUrl,
    chainId: devnet.chainId,
    contracts: devnet.contracts,
  })
  return async () => {
    await devnet.stop()
  }
}
