import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot, sourceFiles } from '../../support/sourceFiles'

const root = repoRoot

/** Value imports (not `import type`) of a module, one line each. */
function valueImports(text: string, module: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.includes(`from '${module}`) && !/^import type /.test(line.trim()))
}

describe('loading structure', () => {
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
