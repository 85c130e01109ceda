import { execFileSync, spawnSync } from 'node:child_process'

/** Runs openssl and returns stdout; throws with stderr on failure. */
export function openssl(args: string[], input?: string): string {
  return execFileSync('openssl', args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] })
}

export function opensslStatus(args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync('openssl', args, { encoding: 'utf8' })
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

/**
 * The old runbook's certificate, made by openssl itself: self-signed, an RSA 1024 key, signed with SHA-1, its name in
 * the CN only (no SAN); with `ca`, a CA (basicConstraints CA:TRUE, keyCertSign). Written as FILE.crt / FILE.key.
 */
export function opensslLegacyCert(
  file: string,
  opts: { cn: string; days?: number; ca?: boolean },
): { cert: string; key: string } {
  const cert = `${file}.crt`
  const key = `${file}.key`
  const ca = opts.ca
    ? ['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']
    : []
  const days = String(opts.days ?? 30)
  const subj = `/CN=${opts.cn}`
  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:1024',
    '-nodes',
    '-sha1',
    '-days',
    days,
    '-subj',
    subj,
    ...ca,
    '-keyout',
    key,
    '-out',
    cert,
  ])
  return { cert, key }
}
