import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { expect, it } from 'vitest'
import { repoRoot, sourceFiles } from '../../support/sourceFiles'

const root = repoRoot

it('no file under src/ is over 250 lines without a one-line reason at its top', () => {
  const unexplained = sourceFiles(join(root, 'src'))
    .map((file) => ({ file: relative(root, file), lines: readFileSync(file, 'utf8').split('\n') }))
    .filter(({ lines }) => lines.length > 251 && !/^\/\/ Over 250 lines: \S/.test(lines[0] ?? ''))
    .map(({ file, lines }) => `${file} (${lines.length - 1} lines)`)
  expect(unexplained).toEqual([])
})
