// What a registry serves, read the way a client sees it: openssl s_client, not our own code.
import { spawn } from 'node:child_process'
import { X509Certificate } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'

/** The SHA-256 fingerprint of the leaf `openssl s_client` receives from 127.0.0.1:port; undefined when none. */
export function servedFingerprint(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const p = spawn('openssl', ['s_client', '-connect', `127.0.0.1:${port}`], { stdio: 'pipe' })
    let out = ''
    p.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')))
    p.on('error', () => resolve(undefined))
    p.on('close', () => {
      const pem = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/.exec(out)?.[0]
      resolve(pem === undefined ? undefined : new X509Certificate(pem).fingerprint256)
    })
    p.stdin.end()
  })
}

/** Polls s_client until it sees `fingerprint` (a restarted registry takes a moment); the last one seen otherwise. */
export async function waitServed(
  port: number,
  fingerprint: string,
  timeoutMs = 20_000,
): Promise<string | undefined> {
  const until = Date.now() + timeoutMs
  let seen: string | undefined
  while (Date.now() < until) {
    seen = await servedFingerprint(port)
    if (seen === fingerprint) return seen
    await new Promise((r) => setTimeout(r, 200))
  }
  return seen
}

export async function fileFingerprint(path: string): Promise<string> {
  return new X509Certificate(await readFile(path, 'utf8')).fingerprint256
}

/** The live folder as bytes and modes, to compare before and after. */
export async function folderState(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name)
    out[name] = `${((await stat(path)).mode & 0o777).toString(8)} ${await readFile(path, 'utf8')}`
  }
  return out
}

/** Staging folders a replace left next to the live one (there must be none). */
export async function stagingLeft(certDir: string): Promise<string[]> {
  return (await readdir(dirname(certDir))).filter((n) => n.includes('.rw-new-'))
}
