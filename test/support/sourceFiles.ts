import { readdirSync } from 'node:fs'
import { join } from 'node:path'

/** The repository's root folder. */
export const repoRoot = join(import.meta.dirname, '../..')

/** Every file below `dir` (full paths) whose name matches `pattern` (TypeScript by default): for the meta tests. */
export function sourceFiles(dir: string, pattern = /\.tsx?$/): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name), pattern)
      : pattern.test(e.name)
        ? [join(dir, e.name)]
        : [],
  )
}
