import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot, sourceFiles } from '../../../support/sourceFiles'

const root = join(repoRoot, 'src')

// Glyphs that render only with an emoji or symbol font (empty boxes without one): miscellaneous technical
// (⏳ ⏸), enclosed alphanumerics (ⓘ), miscellaneous symbols and dingbats (⚠ ✓ ✕ ✗), and the emoji planes.
// Arrows, ≈ and the minus sign are in every text font and stay allowed.
const fontDependent =
  /[\u{2300}-\u{23FF}\u{2460}-\u{24FF}\u{2600}-\u{27BF}\u{2B00}-\u{2BFF}\u{1F000}-\u{1FAFF}]/u

describe('icons', () => {
  it('no source file draws a mark with an emoji or symbol-font glyph: marks are inline SVG (shared/ui/Icon)', () => {
    const found: string[] = []
    for (const file of sourceFiles(root, /\.(tsx|ts|css)$/)) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const code = line.replace(/\/\/.*$|^\s*\*.*$|\/\*.*?\*\//g, '')
          const m = code.match(fontDependent)
          if (m) found.push(`${relative(root, file)}:${i + 1} ${m[0]}`)
        })
    }
    expect(found).toEqual([])
  })
})
