import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultConfig } from '../../../src/core/config/defaults'
import { parseRuntimeConfig } from '../../../src/core/config/load'
import { runtimeConfigSchema } from '../../../src/core/config/schema'

const root = join(import.meta.dirname, '../../..')
const read = (path: string) => readFileSync(join(root, path), 'utf8')
const html = read('index.html')
const csp = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)?.[1] ?? ''
const directive = (name: string) =>
  csp
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .find(([n]) => n === name)
    ?.slice(1)

describe('public/ (copied into dist/ by Vite)', () => {
  it('config.json is the built-in defaults written out, and passes the schema', () => {
    const json: unknown = JSON.parse(read('public/config.json'))
    expect(json).toEqual(JSON.parse(JSON.stringify(defaultConfig)))
    expect(runtimeConfigSchema.parse(json)).toEqual(defaultConfig)
    expect(parseRuntimeConfig(json, 'public/config.json')).toEqual(defaultConfig)
  })

  it('index.html links a real favicon and a web app manifest that exist in public/', () => {
    const icon = html.match(/<link rel="icon" href="\/([^"]+)"/)?.[1]
    const manifest = html.match(/<link rel="manifest" href="\/([^"]+)"/)?.[1]
    expect(icon).toBe('favicon.svg')
    expect(read(`public/${icon}`)).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
    expect(existsSync(join(root, 'public', manifest ?? 'missing'))).toBe(true)
    expect(html).toMatch(
      /<meta name="theme-color" media="\(prefers-color-scheme: light\)" content="#[0-9a-f]{6}"/,
    )
    expect(html).toMatch(
      /<meta name="theme-color" media="\(prefers-color-scheme: dark\)" content="#[0-9a-f]{6}"/,
    )
  })

  it('the manifest names the app, its icons (present in public/) and its colours', () => {
    const m = JSON.parse(read('public/manifest.webmanifest')) as {
      name: string
      short_name: string
      start_url: string
      theme_color: string
      background_color: string
      icons: { src: string; sizes: string; type: string; purpose: string }[]
    }
    expect(m.name).toContain('Hush')
    expect(m.short_name).toBe('Hush')
    expect(m.start_url.startsWith('./')).toBe(true) // works from any sub-path, like the build
    expect(m.theme_color).toMatch(/^#[0-9a-f]{6}$/)
    expect(m.background_color).toMatch(/^#[0-9a-f]{6}$/)
    expect(m.icons.map((i) => i.purpose).sort()).toEqual(['any', 'maskable'])
    for (const i of m.icons) expect(existsSync(join(root, 'public', i.src))).toBe(true)
  })

  it('the CSP lets the page load them from its own origin', () => {
    expect(directive('manifest-src') ?? directive('default-src')).toContain("'self'")
    expect(directive('img-src')).toContain("'self'")
  })
})
