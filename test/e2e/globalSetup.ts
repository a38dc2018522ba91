import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildRoot, startE2eStack } from './stack'

/** One devnet, Protect stand-in and static server of the production build for every spec; torn down after the run. */
export default async function globalSetup() {
  const root = buildRoot()
  if (!existsSync(join(root, 'index.html')))
    throw new Error('dist/ is missing: run npm run build before the e2e suite')
  const stack = await startE2eStack((config) => [
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
  ])
  // The workers claim fresh dev accounts here, one file each, so two workers never get the same one.
  const accountsDir = mkdtempSync(join(tmpdir(), 'hush-e2e-accounts-'))
  process.env.HUSH_E2E_ENV = JSON.stringify(stack.env)
  process.env.HUSH_E2E_ACCOUNTS = accountsDir
  return async () => {
    await stack.stop()
    rmSync(accountsDir, { recursive: true, force: true })
  }
}
