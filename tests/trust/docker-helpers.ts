import { execFileSync, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'

/** Every container / network these tests make is named with this prefix. */
export const PREFIX = 'rw-trust-'

export function uniqueName(kind: string): string {
  return `${PREFIX}${kind}-${randomBytes(4).toString('hex')}`
}

export function docker(args: string[], opts: { input?: string } = {}): string {
  return execFileSync('docker', args, {
    encoding: 'utf8',
    input: opts.input,
    stdio: ['pipe', 'pipe', 'pipe'],
  })
}

export interface ExecResult {
  code: number
  out: string
}

export function dockerExec(container: string, argv: string[]): ExecResult {
  const r = spawnSync('docker', ['exec', container, ...argv], { encoding: 'utf8' })
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` }
}

/** The minimal Debian image (debootstrap, cached under tests/.cache), built on first use. */
export function debianImage(): string {
  const out = execFileSync('bash', [join(__dirname, '../support/debian-rootfs.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const lines = out.trim().split('\n')
  return lines[lines.length - 1] ?? ''
}

export function removeQuietly(kind: 'container' | 'network', names: string[]): void {
  for (const n of names)
    spawnSync('docker', [
      kind === 'container' ? 'rm' : 'network',
      ...(kind === 'container' ? ['-f', n] : ['rm', n]),
    ])
}
