import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { type Counts, type Layer, playwrightCounts, runLayer, vitestLayer } from './layers'

/**
 * `npm run test:stress [-- rounds]`: the integration suite and the chaos e2e, round after round (default 5,
 * or STRESS_ROUNDS), while a busy child process spins on one core, to shake out races that a quiet machine
 * hides. No retries anywhere: every run counts. Prints runs, passed and failed per round and in total, and
 * fails when any run failed. The busy process is killed at the end, and stops by itself if this runner dies
 * or after STRESS_BUSY_MAX_MIN minutes (default 180).
 */
const rounds = Number(process.argv[2] ?? process.env.STRESS_ROUNDS ?? 5)
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 100) {
  console.error(
    `rounds must be a whole number from 1 to 100, got ${process.argv[2] ?? process.env.STRESS_ROUNDS}`,
  )
  process.exit(2)
}
const busyMaxMs = Number(process.env.STRESS_BUSY_MAX_MIN ?? 180) * 60_000
const dist = process.env.HUSH_DIST ?? 'dist-stress'
const out = 'test-results/stress'

/** A node process that spins until it is killed, its parent is gone, or its time is up. */
function startBusy(): ChildProcess {
  const spin = `const end = Date.now() + ${busyMaxMs}; const parent = ${process.pid}; let i = 0
const alive = () => { try { process.kill(parent, 0); return true } catch { return false } }
while (Date.now() < end) { if (++i % 1e6 === 0 && !alive()) break }`
  const child = spawn(process.execPath, ['-e', spin], { stdio: 'ignore' })
  child.unref()
  return child
}

const layers = (round: number): Layer[] => [
  vitestLayer('integration', `${out}/integration-${round}.json`, ['--retry=0']),
  {
    name: 'chaos e2e',
    command: ['npx', 'playwright', 'test', 'test/e2e/chaos.spec.ts', '--retries=0', '--reporter=list,json'],
    report: `${out}/chaos-${round}.json`,
    parse: playwrightCounts,
  },
]

const line = (label: string, c: Counts, seconds?: number) =>
  `${label.padEnd(24)} ${String(c.passed + c.failed).padStart(4)} runs ${String(c.passed).padStart(4)} passed ${String(c.failed).padStart(3)} failed${seconds === undefined ? '' : `  (${seconds} s)`}`

rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })
if (!process.env.HUSH_DIST) {
  console.log(`=== build (${dist}) ===`)
  const build = await runLayer(
    { name: 'build', command: ['npx', 'vite', 'build', '--outDir', dist, '--logLevel', 'warn'] },
    process.env,
  )
  if (build.failed > 0) process.exit(1)
}

const busy = startBusy()
const stopBusy = () => {
  if (busy.exitCode === null) busy.kill('SIGKILL')
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
  process.on(signal, () => {
    stopBusy()
    process.exit(130)
  })
console.log(`busy process ${busy.pid} spinning on one core; ${rounds} round(s), no retries`)

const totals = new Map<string, Counts>()
const summary: string[] = []
try {
  for (let round = 1; round <= rounds; round++) {
    const roundTotal: Counts = { passed: 0, failed: 0, skipped: 0 }
    for (const layer of layers(round)) {
      console.log(`\n=== round ${round}/${rounds}: ${layer.name} ===`)
      const env = {
        ...process.env,
        HUSH_DIST: dist,
        PLAYWRIGHT_JSON_OUTPUT_NAME: `${out}/chaos-${round}.json`,
        FORCE_COLOR: '0',
      }
      const c = await runLayer(layer, env)
      const t = totals.get(layer.name) ?? { passed: 0, failed: 0, skipped: 0 }
      totals.set(layer.name, {
        passed: t.passed + c.passed,
        failed: t.failed + c.failed,
        skipped: t.skipped + c.skipped,
      })
      roundTotal.passed += c.passed
      roundTotal.failed += c.failed
      summary.push(line(`round ${round} ${layer.name}`, c, c.seconds))
      console.log(line(`round ${round} ${layer.name}`, c, c.seconds))
    }
    summary.push(line(`round ${round} all`, roundTotal))
  }
} finally {
  stopBusy()
}

const all: Counts = { passed: 0, failed: 0, skipped: 0 }
for (const [name, c] of totals) {
  summary.push(line(`total ${name}`, c))
  all.passed += c.passed
  all.failed += c.failed
}
summary.push(line(`total (${rounds} rounds)`, all))
console.log(`\n${summary.join('\n')}`)
process.exit(all.failed === 0 ? 0 : 1)
