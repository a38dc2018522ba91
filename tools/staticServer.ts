import { readFile, stat } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { extname, join, normalize } from 'node:path'
import { gzipSync } from 'node:zlib'

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
}

/** A mount serves dist/ under a path prefix, with its own config.json body (or a 404 when undefined). */
export type Mount = { prefix: string; configJson?: string }

export type StaticServer = { url: string; port: number; stop: () => Promise<void>; requests: string[] }

/** Serves a built app like a static host would (gzip, any sub-path), on 127.0.0.1 only. */
export async function startStaticServer(options: {
  root: string
  mounts: Mount[]
  port?: number
}): Promise<StaticServer> {
  const requests: string[] = []
  const mounts = [...options.mounts].sort((a, b) => b.prefix.length - a.prefix.length)
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/')
    requests.push(path)
    const mount = mounts.find((m) => path.startsWith(m.prefix))
    if (!mount || req.method !== 'GET') {
      res.writeHead(404).end()
      return
    }
    const rest = path.slice(mount.prefix.length)
    if (rest === 'config.json') {
      if (mount.configJson === undefined) res.writeHead(404).end('not found')
      else send(req.headers['accept-encoding'], res, Buffer.from(mount.configJson), '.json')
      return
    }
    const file = normalize(join(options.root, rest === '' ? 'index.html' : rest))
    if (!file.startsWith(normalize(options.root))) {
      res.writeHead(403).end()
      return
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file')
      send(
        req.headers['accept-encoding'],
        res,
        await readFile(file),
        extname(file),
        rest.startsWith('assets/'),
      )
    } catch {
      res.writeHead(404).end('not found')
    }
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function send(
  acceptEncoding: string | undefined,
  res: import('node:http').ServerResponse,
  body: Buffer,
  ext: string,
  immutable = false,
) {
  const headers: Record<string, string> = {
    'content-type': types[ext] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  }
  if (acceptEncoding?.includes('gzip') && ext !== '.png' && ext !== '.woff2') {
    headers['content-encoding'] = 'gzip'
    res.writeHead(200, headers).end(gzipSync(body))
  } else {
    res.writeHead(200, headers).end(body)
  }
}
