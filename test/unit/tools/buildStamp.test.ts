import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { buildIsCurrent, sourceHash, writeBuildStamp } from '../../../tools/devnet/buildStamp'

const roots: string[] = []
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true })
})

function project() {
  const root = mkdtempSync(join(tmpdir(), 'hush-stamp-'))
  roots.push(root)
  mkdirSync(join(root, 'src/app'), { recursive: true })
  mkdirSync(join(root, 'public'))
  mkdirSync(join(root, 'dist'))
  writeFileSync(join(root, 'src/app/main.tsx'), 'export {}')
  writeFileSync(join(root, 'public/config.json'), '{}')
  writeFileSync(join(root, 'index.html'), '<!doctype html>')
  writeFileSync(join(root, 'dist/index.html'), '<!doctype html>')
  return root
}

describe('npm start rebuilds only when the build inputs changed', () => {
  it('a fresh stamp means current; a changed source, public file or VITE_ variable means rebuild', () => {
    const root = project()
    const env = {}
    expect(buildIsCurrent(root, 'dist', env)).toBe(false) // never built by npm start
    writeBuildStamp(root, 'dist', sourceHash(root, env))
    expect(buildIsCurrent(root, 'dist', env)).toBe(true)

    writeFileSync(join(root, 'src/app/main.tsx'), 'export const changed = 1')
    expect(buildIsCurrent(root, 'dist', env)).toBe(false)
    writeBuildStamp(root, 'dist', sourceHash(root, env))
    writeFileSync(join(root, 'public/config.json'), '{"defaultChainId":1}')
    expect(buildIsCurrent(root, 'dist', env)).toBe(false)
    writeBuildStamp(root, 'dist', sourceHash(root, env))
    expect(buildIsCurrent(root, 'dist', { VITE_WALLETCONNECT_PROJECT_ID: 'x' })).toBe(false)
    expect(buildIsCurrent(root, 'dist', { UNRELATED: 'x' })).toBe(true)
  })

  it('a missing build folder is never current, whatever the stamp says', () => {
    const root = project()
    writeBuildStamp(root, 'dist', sourceHash(root, {}))
    rmSync(join(root, 'dist'), { recursive: true })
    expect(buildIsCurrent(root, 'dist', {})).toBe(false)
  })

  it('a renamed file changes the hash even with the same contents', () => {
    const root = project()
    const before = sourceHash(root, {})
    rmSync(join(root, 'src/app/main.tsx'))
    writeFileSync(join(root, 'src/app/other.tsx'), 'export {}')
    expect(sourceHash(root, {})).not.toBe(before)
  })
})
