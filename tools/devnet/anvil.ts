import { type ChildProcess, spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { devAccountCount, devMnemonic } from './accounts'

const require = createRequire(import.meta.url)

/** The real binary inside @foundry-rs/anvil-<platform>: the package's Node wrapper would orphan it on SIGKILL. */
export function anvilBinary(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch
  const pkg = `@foundry-rs/anvil-${process.platform}-${arch}`
  const binary = process.platform === 'win32' ? 'anvil.exe' : 'anvil'
  return join(dirname(require.resolve(`${pkg}/package.json`)), 'bin', binary)
}

export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export type AnvilOptions = {
  port?: number
  chainId?: number
  /** Seconds between blocks; 0 = automine. */
  blockTime?: number
}

export type AnvilNode = {
  url: string
  wsUrl: string
  port: number
  chainId: number
  stop: () => Promise<void>
}

export async function startAnvil(options: AnvilOptions = {}): Promise<AnvilNode> {
  const port = options.port ?? (await freePort())
  const chainId = options.chainId ?? 31337
  const args = [
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--chain-id',
    String(chainId),
    '--mnemonic',
    devMnemonic,
    '--accounts',
    String(devAccountCount),
    '--hardfork',
    'prague',
  ]
  if (options.blockTime && options.blockTime > 0) args.push('--block-time', String(options.blockTime))
  const child = spawn(anvilBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  child.stdout?.on('data', (d) => {
    log = (log + String(d)).slice(-4000)
  })
  child.stderr?.on('data', (d) => {
    log = (log + String(d)).slice(-4000)
  })
  const stopOnExit = () => child.kill('SIGKILL')
  process.once('exit', stopOnExit)
  const url = `http://127.0.0.1:${port}`
  await waitForRpc(url, child, () => log)
  return {
    url,
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    chainId,
    stop: async () => {
      process.off('exit', stopOnExit)
      await stopChild(child)
    },
  }
}

async function waitForRpc(url: string, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`anvil exited with ${child.exitCode}: ${log()}`)
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      })
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill('SIGKILL')
  throw new Error(`anvil did not answer on ${url} within 20 s: ${log()}`)
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}
