import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { type BenchTable, formatTable } from './table'

/**
 * `npm run bench`: runs every `*.bench.ts` module beside this file (each exports `run(): Promise<BenchTable[]>`)
 * and prints their tables. `npm run bench -- wallet` runs only modules whose name contains "wallet".
 */
const here = dirname(fileURLToPath(import.meta.url))
const filter = process.argv.slice(2)
const modules = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filter.length === 0 || filter.some((w) => f.includes(w)))
  .sort()

let failed = 0
for (const file of modules) {
  const started = Date.now()
  console.error(`running ${file}…`)
  try {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as { run: () => Promise<BenchTable[]> }
    for (const table of await mod.run()) console.log(`\n${formatTable(table)}`)
    console.error(`${file} took ${((Date.now() - started) / 1000).toFixed(1)} s`)
  } catch (error) {
    failed++
    console.log(
      `\n### ${file} failed\n\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    )
  }
}
if (modules.length === 0) console.log('no benchmarks matched')
process.exit(failed === 0 ? 0 : 1)
