import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { expect, it } from 'vitest'

const root = join(import.meta.dirname, '../../..')

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.(ts|tsx)$/.test(e.name) ? [join(dir, e.name)] : [],
  )
}

it('no file under src/ is over 250 lines without a one-line reason at its top', () => {
  const unexplained = sources(join(root, 'src'))
    .map((file) => ({ file: relative(root, file), lines: readFileSync(file, 'utf8').split('\n') }))
    .filter(({ lines }) => lines.length > 251 && !/^\/\/ Over 250 lines: \S/.test(lines[0] ?? ''))
    .map(({ file, lines }) => `${file} (${lines.length - 1} lines)`)
  expect(unexplained).toEqual([])
})
