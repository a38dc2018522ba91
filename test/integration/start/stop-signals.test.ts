import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { removeBuildStamp, writeBuildStamp } from '../../../tools/devnet/buildStamp'

/**
 * `npm start` as a user runs it, with a stand-in "build" (an index.html stamped as current, so no real build
 * runs here): after SIGTERM to the npm process, or Ctrl-C's SIGINT to the whole process group, no process
 * it started is left and no port it opened still accepts connections.
 */
const root = process.cwd()

type Started = { npm: ChildProcess; output: () => string; ports: number[]; dist: string; tree: number[] }
const running: Started[] = []

function childrenOf(): Map<number, number[]> {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      // Fields after the ")" of the command name: state, ppid, …
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)])
    } catch {
      // the process ended while we looked
    }
  }
  return children
}

function descendants(pid: number): number[] {
  const children = childrenOf()
  const out: number[] = []
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      out.push(c)
      walk(c)
    }
  }
  walk(pid)
  return out
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
const commandOf = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')
  } catch {
    return ''
  }
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })

async function until(what: string, ok: () => boolean | Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (await ok()) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`timed out waiting for ${what}`)
}

async function startNpmStart(): Promise<Started> {
  const dist = mkdtempSync(join(tmpdir(), 'hush-start-'))
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>stand-in build</title>')
  writeBuildStamp(root, dist)
  let text = ''
  const npm = spawn('npm', ['start'], {
    cwd: root,
    detached: true, // its own process group, as a terminal gives it (Ctrl-C signals the whole group)
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      HUSH_DIST: dist,
      HUSH_RPC_PORT: '0',
      HUSH_APP_PORT: '0',
      HUSH_PROTECT_PORT: '0',
      HUSH_BLOCK_TIME: '1',
    },
  })
  npm.stdout?.on('data', (d) => {
    text += String(d)
  })
  npm.stderr?.on('data', (d) => {
    text += String(d)
  })
  const started: Started = { npm, output: () => text, ports: [], dist, tree: [] }
  running.push(started)
  await until('"Hush devnet is running"', () => text.includes('Press Ctrl-C'), 90_000)
  const port = (label: string) =>
    Number(new RegExp(`${label}:\\s+http://127\\.0\\.0\\.1:(\\d+)`).exec(text)?.[1])
  started.ports = [port('App'), port('RPC'), port('Protect')]
  started.tree = npm.pid === undefined ? [] : descendants(npm.pid)
  return started
}

afterEach(() => {
  // Only if an assertion failed: stop what this test started, by pid (children may have lost their parent).
  for (const s of running.splice(0)) {
    for (const pid of [...s.tree, s.npm.pid ?? 0]) if (pid && alive(pid)) process.kill(pid, 'SIGKILL')
    removeBuildStamp(root, s.dist)
    rmSync(s.dist, { recursive: true, force: true })
  }
})

describe('npm start stops every child process', () => {
  for (const how of ['SIGTERM to the npm process', 'SIGINT to the process group (Ctrl-C)'] as const) {
    it(how, async () => {
      const s = await startNpmStart()
      const pid = s.npm.pid!
      expect(s.output()).not.toContain('Building the app')
      const tree = s.tree
      expect(tree.map(commandOf).some((c) => c.includes('/bin/anvil '))).toBe(true)
      for (const port of s.ports) expect(await accepts(port)).toBe(true)

      if (how === 'SIGTERM to the npm process') process.kill(pid, 'SIGTERM')
      else process.kill(-pid, 'SIGINT')
      await until('npm to exit', () => s.npm.exitCode !== null || s.npm.signalCode !== null, 20_000)

      await until('every child to end', () => tree.every((p) => !alive(p)), 5_000)
      for (const port of s.ports) expect(await accepts(port)).toBe(false)
      expect(s.output()).toContain('Stopping the devnet')
    }, 120_000)
  }
})
