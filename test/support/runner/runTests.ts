import { mkdirSync, rmSync } from 'node:fs'
import { type Counts, type Layer, playwrightCounts, runLayer, vitestLayer } from './layers'

/**
 * `npm test`: every layer in turn (unit, the simulator's fixed seeds, integration on Anvil, production build,
 * e2e in Chromium),
 * then one line summed over all of them. A layer that crashes counts as a failure, never as zero tests.
 */
const only = process.argv.slice(2)
const layers: Layer[] = [
  vitestLayer('unit', 'test-results/unit.json'),
  vitestLayer('sim', 'test-results/sim.json'),
  vitestLayer('integration', 'test-results/integration.json'),
  { name: 'build', command: ['npx', 'vite', 'build', '--logLevel', 'warn'] },
  {
    name: 'e2e',
    command: ['npx', 'playwright', 'test', '--reporter=list,json'],
    report: 'test-results/e2e.json',
    parse: playwrightCounts,
  },
].filter((l) => only.length === 0 || only.includes(l.name))

rmSync('test-results', { recursive: true, force: true })
mkdirSync('test-results', { recursive: true })
const totals: Counts = { passed: 0, failed: 0, skipped: 0 }
const lines: string[] = []
for (const layer of layers) {
  console.log(`\n=== ${layer.name} ===`)
  const env = { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/e2e.json', FORCE_COLOR: '0' }
  const counts = await runLayer(layer, env)
  totals.passed += counts.passed
  totals.failed += counts.failed
  totals.skipped += counts.skipped
  lines.push(
    `${layer.name.padEnd(12)} ${String(counts.passed).padStart(4)} passed ${String(counts.failed).padStart(3)} failed ${String(counts.skipped).padStart(3)} skipped  (${counts.seconds} s)`,
  )
}
console.log(`\n${lines.join('\n')}`)
console.log(`${totals.passed} passed, ${totals.failed} failed`)
process.exit(totals.failed === 0 ? 0 : 1)
