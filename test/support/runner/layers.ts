import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'

/** One test layer run as a child command, counted from its JSON report. Used by `npm test` and `npm run test:stress`. */
export type Layer = { name: string; command: string[]; report?: string; parse?: (json: unknown) => Counts }
export type Counts = { passed: number; failed: number; skipped: number }

export const vitestCounts = (json: unknown): Counts => {
  const r = json as {
    numPassedTests: number
    numFailedTests: number
    numPendingTests: number
    numTodoTests: number
  }
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests }
}

/** A vitest project as a layer, its counts read from the JSON report at `report`; `extra` flags go first. */
export const vitestLayer = (project: string, report: string, extra: string[] = []): Layer => ({
  name: project,
  command: [
    'npx',
    'vitest',
    'run',
    '--project',
    project,
    ...extra,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ],
  report,
  parse: vitestCounts,
})

export const playwrightCounts = (json: unknown): Counts => {
  const s = (json as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } })
    .stats
  return { passed: s.expected, failed: s.unexpected + s.flaky, skipped: s.skipped }
}

export function runCommand(command: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const [cmd, ...args] = command
    const child = spawn(cmd as string, args, { stdio: 'inherit', env })
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

/** Runs one layer; a layer that crashes or reports no tests counts as a failure, never as zero tests. */
export async function runLayer(layer: Layer, env: NodeJS.ProcessEnv): Promise<Counts & { seconds: number }> {
  const started = Date.now()
  const code = await runCommand(layer.command, env)
  let counts: Counts = { passed: 0, failed: code === 0 ? 0 : 1, skipped: 0 }
  if (layer.report && layer.parse) {
    try {
      counts = layer.parse(JSON.parse(readFileSync(layer.report, 'utf8')))
      if (code !== 0 && counts.failed === 0) counts.failed = 1
      if (counts.passed + counts.failed === 0) counts.failed = 1
    } catch {
      counts = { passed: 0, failed: 1, skipped: 0 }
    }
  }
  return { ...counts, seconds: Math.round((Date.now() - started) / 1000) }
}
