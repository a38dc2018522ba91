import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot, sourceFiles } from '../../support/sourceFiles'

const root = repoRoot

/** Value imports (not `import type`) of a module, one line each. */
function valueImports(text: string, module: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.includes(`from '${module}`) && !/^import type /.test(line.trim()))
}

/**
 * The source files and packages a module pulls in through static value imports (what must download before it
 * runs); dynamic `import()` and `import type` are left out, as the bundler leaves them out.
 */
function staticClosure(entries: string[]): { files: string[]; packages: string[] } {
  const files = new Set<string>()
  const packages = new Set<string>()
  const resolve = (from: string, spec: string) =>
    ['', '.ts', '.tsx', '/index.ts']
      .map((ext) => join(dirname(from), spec) + ext)
      .find((f) => /\.tsx?$/.test(f) && existsSync(f))
  const visit = (file: string) => {
    if (files.has(file)) return
    files.add(file)
    for (const m of readFileSync(file, 'utf8').matchAll(
      /^import (?!type )[^'"]*?from '([^']+)'|^import '([^']+)'/gm,
    )) {
      const spec = m[1] ?? m[2] ?? ''
      if (!spec.startsWith('.')) packages.add(spec)
      else {
        const target = resolve(file, spec)
        if (target) visit(target)
      }
    }
  }
  for (const e of entries) visit(join(root, e))
  return { files: [...files].map((f) => relative(root, f)), packages: [...packages] }
}

/** What a first visit to the Wallet page (no wallet, no transactions) runs: boot, the shell, the page. */
const firstVisit = staticClosure([
  'src/app/main.tsx',
  'src/app/render.tsx',
  'src/app/AppRoot.tsx',
  'src/core/config/load.ts',
  'src/features/wallet/WalletPage.tsx',
])

describe('loading structure', () => {
  it('a first visit loads no tracking, diagnosis, record card, proof or price code (they load with a record)', () => {
    const heavy = firstVisit.files.filter(
      (f) =>
        /^src\/(shared\/(tx|proof|prices)|core\/(proof|prices|fees|batch))\//.test(f) ||
        (f.startsWith('src/core/tx/') && f !== 'src/core/tx/records/presence.ts'),
    )
    expect(heavy).toEqual([])
    // The shell knows whether there is Activity without the records code (presence.ts reads storage only).
    expect(firstVisit.files).toContain('src/core/tx/records/presence.ts')
  })

  it("a first visit loads no connected-only code: the wallet's account view, badge and chain banner", () => {
    for (const f of [
      'src/features/wallet/ConnectedWallet.tsx',
      'src/app/ProtectionBadge.tsx',
      'src/app/WrongChainBanner.tsx',
      'src/app/activity/TrackingHost.tsx',
      'src/app/activity/ActivityStatus.tsx',
    ])
      expect(firstVisit.files).not.toContain(f)
  })

  it('a first visit parses with zod/mini only: full zod (about 15 KB more) loads with the pages that use it', () => {
    expect(firstVisit.packages.filter((p) => p === 'zod' || p.startsWith('zod/v4/classic'))).toEqual([])
  })

  it('only src/app/wallet-ui imports RainbowKit at run time, so it stays out of the first visit', () => {
    const offenders = sourceFiles(join(root, 'src'))
      .filter((f) => !relative(root, f).startsWith('src/app/wallet-ui/'))
      .filter((f) => !relative(root, f).endsWith('src/app/wagmiConfig.ts'))
      .filter((f) => valueImports(readFileSync(f, 'utf8'), '@rainbow-me/rainbowkit').length > 0)
      .map((f) => relative(root, f))
    // Pages use src/shared/ui/ConnectWalletButton.tsx; RainbowKit's modal loads on demand.
    expect(offenders).toEqual([])
  })

  it('wagmiConfig takes only wallet definitions from RainbowKit (a separate, small module)', () => {
    const text = readFileSync(join(root, 'src/app/wagmiConfig.ts'), 'utf8')
    expect(
      valueImports(text, '@rainbow-me/rainbowkit').every((l) =>
        l.includes("'@rainbow-me/rainbowkit/wallets'"),
      ),
    ).toBe(true)
  })

  it('the entry module pulls in neither React, zod (full), viem nor wagmi', () => {
    const main = readFileSync(join(root, 'src/app/main.tsx'), 'utf8')
    const staticImports = main.split('\n').filter((l) => /^import .* from '/.test(l))
    for (const heavy of ["'react'", "'react-dom", "'zod'", "'viem", "'wagmi"])
      expect(staticImports.filter((l) => l.includes(heavy))).toEqual([])
  })
})
