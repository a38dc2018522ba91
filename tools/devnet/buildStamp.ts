import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'

/** What a production build is made of: a change to any of these means `npm start` rebuilds. */
const inputs = ['src', 'public', 'index.html', 'vite.config.ts', 'tsconfig.json', 'package-lock.json']

function files(root: string, path: string): string[] {
  const full = join(root, path)
  if (!existsSync(full)) return []
  if (!statSync(full).isDirectory()) return [path]
  return readdirSync(full)
    .sort()
    .flatMap((name) => files(root, join(path, name)))
}

/** A hash over every build input (paths and contents) and the VITE_* variables a build reads. */
export function sourceHash(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const hash = createHash('sha256')
  for (const path of inputs.flatMap((p) => files(root, p))) {
    hash.update(`${path}\0`)
    hash.update(readFileSync(join(root, path)))
    hash.update('\0')
  }
  for (const key of Object.keys(env)
    .filter((k) => k.startsWith('VITE_'))
    .sort())
    hash.update(`${key}=${env[key]}\0`)
  return hash.digest('hex')
}

/** Kept under node_modules/.cache (not in the build folder, which is what gets deployed). */
function stampPath(root: string, outDir: string): string {
  const key = createHash('sha256').update(resolve(root, outDir)).digest('hex').slice(0, 12)
  return join(root, 'node_modules', '.cache', 'hush', `build-${key}.json`)
}

/** True when outDir holds a build of exactly the current sources. */
export function buildIsCurrent(root: string, outDir: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!existsSync(join(resolve(root, outDir), 'index.html'))) return false
  try {
    const stamp = JSON.parse(readFileSync(stampPath(root, outDir), 'utf8')) as { hash?: string }
    return stamp.hash === sourceHash(root, env)
  } catch {
    return false
  }
}

/** Records that outDir now holds a build of the sources with this hash (taken before the build started). */
export function writeBuildStamp(root: string, outDir: string, hash: string = sourceHash(root)): void {
  const path = stampPath(root, outDir)
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, JSON.stringify({ outDir: relative(root, resolve(root, outDir)), hash }))
}

export function removeBuildStamp(root: string, outDir: string): void {
  rmSync(stampPath(root, outDir), { force: true })
}
