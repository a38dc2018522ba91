import { readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot, sourceFiles } from '../../support/sourceFiles'

/**
 * The layer rule, read from the imports: src/app → src/features/<page> → src/shared → src/core.
 * Nothing imports upward, a feature never imports another feature, only the router imports features, and
 * src/core stays plain TypeScript (no React, wagmi or TanStack).
 */
const root = repoRoot
const src = join(root, 'src')

type Import = { file: string; spec: string; target?: string }

function importsOf(file: string, text: string): Import[] {
  const specs = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]/g),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] as string)
  return specs.map((spec) => ({
    file: relative(root, file),
    spec,
    ...(spec.startsWith('.') ? { target: relative(root, resolve(dirname(file), spec)) } : {}),
  }))
}

const rank = { core: 0, shared: 1, features: 2, app: 3 } as const
type Layer = keyof typeof rank
function layerOf(path: string): Layer | undefined {
  const top = path.split('/')[1]
  return top && top in rank ? (top as Layer) : undefined
}
const featureOf = (path: string) => (path.startsWith('src/features/') ? path.split('/')[2] : undefined)

function violations(all: Import[]): string[] {
  const out: string[] = []
  for (const i of all) {
    const from = layerOf(i.file)
    if (!from) continue
    if (from === 'core' && /^(react|react-dom|wagmi|@tanstack|@rainbow-me)(\/|$)/.test(i.spec))
      out.push(`${i.file} imports ${i.spec}: src/core is plain TypeScript`)
    if (!i.target) continue
    const to = layerOf(i.target)
    if (!to) continue
    if (rank[to] > rank[from]) out.push(`${i.file} imports ${i.target}: ${from} must not import ${to}`)
    const ff = featureOf(i.file)
    const tf = featureOf(i.target)
    if (ff && tf && ff !== tf)
      out.push(`${i.file} imports ${i.target}: a feature never imports another feature`)
    if (to === 'features' && from === 'app' && i.file !== 'src/app/router.tsx')
      out.push(`${i.file} imports ${i.target}: only the router imports features`)
  }
  return out
}

describe('layers', () => {
  const all = sourceFiles(src).flatMap((f) => importsOf(f, readFileSync(f, 'utf8')))

  it('reads the imports of every source file', () => {
    expect(all.filter((i) => i.target?.startsWith('src/core/')).length).toBeGreaterThan(100)
  })

  it('no import goes upward, across features, or brings React into src/core', () => {
    expect(violations(all)).toEqual([])
  })

  it('catches each kind of violation (so the rule above can fail)', () => {
    const bad = [
      { file: 'src/core/tx/a.ts', spec: '../../shared/x', target: 'src/shared/x' },
      { file: 'src/core/tx/a.ts', spec: 'react' },
      { file: 'src/shared/a.tsx', spec: '../features/send/x', target: 'src/features/send/x' },
      { file: 'src/features/send/a.tsx', spec: '../batch/x', target: 'src/features/batch/x' },
      { file: 'src/features/send/a.tsx', spec: '../../app/x', target: 'src/app/x' },
      { file: 'src/app/Shell.tsx', spec: '../features/wallet/x', target: 'src/features/wallet/x' },
    ]
    expect(violations(bad)).toHaveLength(bad.length)
    expect(
      violations([
        { file: 'src/app/router.tsx', spec: '../features/wallet/x', target: 'src/features/wallet/x' },
        { file: 'src/features/send/a.tsx', spec: '../../shared/x', target: 'src/shared/x' },
        { file: 'src/shared/a.tsx', spec: '../core/x', target: 'src/core/x' },
      ]),
    ).toEqual([])
  })

  it('finds static, re-exported and dynamic imports', () => {
    const text = "import { a } from './a'\nexport { b } from '../b'\nconst c = lazy(() => import('./c'))\n"
    expect(importsOf(join(src, 'app/x.ts'), text).map((i) => i.target)).toEqual([
      'src/app/a',
      'src/b',
      'src/app/c',
    ])
  })
})
