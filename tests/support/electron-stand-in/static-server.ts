import { createReadStream, promises as fs } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
}

/** Serves the built renderer on 127.0.0.1 (module scripts do not load from file:// in plain Chromium). */
export async function serveDir(root: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const base = resolve(root)
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x')
      const path = normalize(
        join(base, decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)),
      )
      if (!path.startsWith(base)) {
        res.writeHead(403).end()
        return
      }
      try {
        await fs.access(path)
        res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' })
        createReadStream(path).pipe(res)
      } catch {
        res.writeHead(404).end()
      }
    })()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) }
}
