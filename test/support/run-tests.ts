import { spawn } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'

/**
 * `npm test`: every layer in turn (unit, integration on Anvil, production build, e2e in Chromium),
 * then one line summed over all of them. A layer that crashes counts as a failure, never as zero tests.
 */
type Layer = { name: string; command: string[]; report?: string; parse?: (json: unknown) => Counts }
type Counts = { passed: number; failed: number; skipped: number }

const vitestCounts = (json: unknown): Counts => {
  const r = json as {
    numPassedTests: number
    numFailedTests: number
    numPendingTests: number
    numTodoTests: number
  }
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests }
}
const playwrightCounts = (json: unknown): Counts => {
  const s = (json as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } })
    .stats
  return { passed: s.expected, failed: s.unexpected + s.flaky, skipped: s.skipped }
}

const only = process.argv.slice(2)
const layers: Layer[] = [
  {
    name: 'unit',
    command: [
      'npx',
      'vitest',
      'run',
      '--project',
      'unit',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/unit.json',
    ],
    report: 'test-results/unit.json',
    parse: vitestCounts,
  },
  {
    name: 'integration',
    command: [
      'npx',
      'vitest',
      'run',
      '--project',
      'integration',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/integration.json',
    ],
    report: 'test-results/integration.json',
    parse: vitestCounts,
  },
  { name: 'build', command: ['npx', 'vite', 'build', '--logLevel', 'warn'] },
  {
    name: 'e2e',
    command: ['npx', 'playwright', 'test', '--reporter=list,json'],
    report: 'test-results/e2e.json',
    parse: playwrightCounts,
  },
].filter((l) => only.length === 0 || only.includes(l.name))

function run(command: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const [cmd, ...args] = command
    const child = spawn(cmd!, args, { stdio: 'inherit', env })
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

rmSync('test-results', { recursive: true, force: true })
mkdirSync('test-results', { recursive: true })
const totals: Counts = { passed: 0, failed: 0, skipped: 0 }
const lines: string[] = []
for (const layer of layers) {
  const started = Date.now()
  console.log(`\n=== ${layer.name} ===`)
  const env = { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/e2e.json', FORCE_COLOR: '0' }
  const code = await run(layer.command, env)
  let counts: Counts = { passed: 0, failed: code === 0 ? 0 : 1, skipped: 0 }
  if (layer.report && layer.parse) {
    try {
      counts = layer.parse(JSON.parse(readFileSync(layer.report, 'utf8')))
      if (code !== 0 && counts.failed === 0) counts.failed = 1
      if (counts.passed + counts.failed === 0) counts.failed = 1
    } catch {
      counts = { passed: 0, failed: 1, skipped: 0 }
    }
  } else if (code !== 0) {
    counts = { passed: 0, failed: 1, skipped: 0 }
  }
  totals.passed += counts.passed
  totals.failed += counts.failed
  totals.skipped += counts.skipped
  lines.push(
    `${layer.name.padEnd(12)} ${String(counts.passed).padStart(4)} passed ${String(counts.failed).padStart(3)} failed ${String(counts.skipped).padStart(3)} skipped  (${((Date.now() - started) / 1000).toFixed(0)} s)`,
  )
}
console.log(`\n${lines.join('\n')}`)
console.log(`${totals.passed} passed, ${totals.failed} failed`)
process.exit(totals.failed === 0 ? 0 : 1)
