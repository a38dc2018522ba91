import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'
import { expect, it } from 'vitest'
import { repoRoot, sourceFiles } from '../../support/sourceFiles'

const maxLines = 80
const reason = /^\s*\/\/ Over 80 lines: \S/

const isFunction = (node: ts.Node) =>
  ts.isFunctionDeclaration(node) ||
  ts.isFunctionExpression(node) ||
  ts.isArrowFunction(node) ||
  ts.isMethodDeclaration(node) ||
  ts.isConstructorDeclaration(node) ||
  ts.isGetAccessorDeclaration(node) ||
  ts.isSetAccessorDeclaration(node)

/** Functions of one file over `maxLines` lines whose line above is not an `// Over 80 lines:` reason. */
function unexplainedIn(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const lines = text.split('\n')
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false)
  const found: string[] = []
  const visit = (node: ts.Node) => {
    if (isFunction(node)) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line
      const length = last - first + 1
      if (length > maxLines && !reason.test(lines[first - 1] ?? ''))
        found.push(`${relative(repoRoot, file)}:${first + 1} (${length} lines)`)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

it(`no function under src/ is over ${maxLines} lines without a one-line reason on the line above it`, () => {
  const unexplained = sourceFiles(join(repoRoot, 'src')).flatMap(unexplainedIn)
  expect(unexplained).toEqual([])
}, 60_000) // Parses every source file: slow on a loaded machine.
