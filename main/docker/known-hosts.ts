import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'

/**
 * OpenSSH known_hosts, as sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT" describes it: `[marker] patterns keytype base64key
 * [comment]`. Patterns are comma-separated host names with `*`/`?` wildcards and `!` negation, `[host]:port` for a
 * port other than 22, or one hashed entry `|1|base64(salt)|base64(HMAC-SHA1(salt, name))`. No npm package parses
 * this format (checked), and it is small, so it is done here.
 */

export interface KnownHostEntry {
  file: string
  line: number
  marker: 'cert-authority' | 'revoked' | undefined
  patterns: string
  keyType: string
  key: Buffer
}

export type HostKeyLookup =
  | { status: 'known'; entry: KnownHostEntry }
  | { status: 'revoked'; entry: KnownHostEntry }
  | { status: 'changed'; entries: KnownHostEntry[] }
  | { status: 'unknown'; otherTypes: string[] }

/**
 * The name looked up in known_hosts: `host` on port 22, `[host]:port` otherwise (as ssh and ssh-keyscan write it).
 * Not net/address's hostPort: OpenSSH brackets EVERY host before a port (`[reg.lan]:2222`), not only IPv6 literals;
 * an IPv6 host is written without brackets on port 22 (`fd00::5`) and bracketed once otherwise (`[fd00::5]:2222`).
 */
export function knownHostsName(host: string, port: number): string {
  const bare = host.replace(/^\[(.*)\]$/, '$1')
  return port === 22 ? bare : `[${bare}]:${port}`
}

/** `SHA256:...` as `ssh-keygen -lf` prints it: base64 of the SHA-256 of the key blob, without padding. */
export function sha256Fingerprint(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`
}

/** The key type named inside an SSH public key blob (its first string), e.g. ssh-ed25519. */
export function keyBlobType(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return ''
  const len = keyBlob.readUInt32BE(0)
  return keyBlob.subarray(4, 4 + len).toString('latin1')
}

/** ED25519, ECDSA, RSA, DSA: the family name ssh-keygen prints. */
export function keyFamily(keyType: string): string {
  if (keyType.includes('ed25519')) return 'ED25519'
  if (keyType.startsWith('ecdsa')) return 'ECDSA'
  if (keyType.includes('rsa')) return 'RSA'
  if (keyType.includes('dss')) return 'DSA'
  return keyType
}

export function parseKnownHosts(text: string, file = 'known_hosts'): KnownHostEntry[] {
  const out: KnownHostEntry[] = []
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const fields = line.split(/\s+/)
    let marker: KnownHostEntry['marker']
    if (fields[0]?.startsWith('@')) {
      const m = fields.shift()
      if (m === '@cert-authority') marker = 'cert-authority'
      else if (m === '@revoked') marker = 'revoked'
      else continue
    }
    const [patterns, keyType, b64] = fields
    if (
      patterns === undefined ||
      keyType === undefined ||
      b64 === undefined ||
      !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)
    )
      continue
    const key = Buffer.from(b64, 'base64')
    if (keyBlobType(key) !== keyType) continue
    out.push({ file, line: i + 1, marker, patterns, keyType, key })
  }
  return out
}

function wildcardMatch(pattern: string, name: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  )
  return re.test(name)
}

function hashedMatch(entry: string, name: string): boolean {
  const parts = entry.split('|')
  if (parts.length !== 4 || parts[1] !== '1') return false
  const salt = Buffer.from(parts[2] ?? '', 'base64')
  const want = Buffer.from(parts[3] ?? '', 'base64')
  const got = createHmac('sha1', salt).update(name).digest()
  return want.length === got.length && timingSafeEqual(want, got)
}

/** True when the entry's host patterns match `name` (host or [host]:port), with OpenSSH's negation rule. */
export function patternsMatch(patterns: string, name: string): boolean {
  if (patterns.startsWith('|')) return hashedMatch(patterns, name)
  let matched = false
  for (const p of patterns.split(',')) {
    if (p === '') continue
    if (p.startsWith('!')) {
      if (wildcardMatch(p.slice(1), name)) return false
    } else if (wildcardMatch(p, name)) {
      matched = true
    }
  }
  return matched
}

/** Reads the files that exist (missing or unreadable ones count as empty, as ssh does). */
export async function readKnownHosts(files: readonly string[]): Promise<KnownHostEntry[]> {
  const out: KnownHostEntry[] = []
  for (const file of files) {
    const text = await readFile(file, 'utf8').catch(() => '')
    out.push(...parseKnownHosts(text, file))
  }
  return out
}

/** RSA keys are stored as ssh-rsa whatever signature algorithm (rsa-sha2-256/512) the server used. */
function sameFamily(a: string, b: string): boolean {
  return keyFamily(a) === keyFamily(b) && (keyFamily(a) !== 'ECDSA' || a === b)
}

/** What known_hosts says about the key a server presented for `name`. */
export function lookupHostKey(
  entries: readonly KnownHostEntry[],
  name: string,
  keyBlob: Buffer,
): HostKeyLookup {
  const mine = entries.filter((e) => e.marker !== 'cert-authority' && patternsMatch(e.patterns, name))
  const revoked = entries.find((e) => e.marker === 'revoked' && e.key.equals(keyBlob))
  if (revoked) return { status: 'revoked', entry: revoked }
  const hosts = mine.filter((e) => e.marker === undefined)
  const same = hosts.find((e) => e.key.equals(keyBlob))
  if (same) return { status: 'known', entry: same }
  const type = keyBlobType(keyBlob)
  const changed = hosts.filter((e) => sameFamily(e.keyType, type))
  if (changed.length > 0) return { status: 'changed', entries: changed }
  return { status: 'unknown', otherTypes: [...new Set(hosts.map((e) => e.keyType))] }
}

/** ssh2 host key algorithm names for a known_hosts key type. */
export function hostKeyAlgorithms(keyType: string): string[] {
  return keyType === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [keyType]
}
