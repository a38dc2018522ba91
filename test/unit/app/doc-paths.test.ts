import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../../..')
const documents = ['README.md', ...readdirSync(join(root, 'docs')).map((f) => `docs/${f}`)]
const pathLike = /`((?:src|test|tools|bench|docs|public)\/[A-Za-z0-9_./[\]-]*)`/g

describe('README and docs name files that exist', () => {
  it.each(documents)('%s', (document) => {
    const text = readFileSync(join(root, document), 'utf8')
    const named = [...text.matchAll(pathLike)].map((m) => m[1]!.replace(/[.,:]$/, ''))
    expect(named.filter((p) => !existsSync(join(root, p)))).toEqual([])
  })
})
